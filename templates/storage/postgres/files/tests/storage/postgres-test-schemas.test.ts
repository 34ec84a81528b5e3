import { describe, expect, it } from 'vitest';

import { freshSchemaName, leftoverTestSchemas } from '../helpers/test-database.js';

const HOUR_MS = 60 * 60 * 1000;

/** The name a test run made `ageMs` before `now`. */
const madeBefore = (now: number, ageMs: number) => `test_${(now - ageMs).toString(36)}_0123456789abcdef`;

describe('schemas the tests leave behind in the test database', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');

  it('counts a test schema made hours ago as left over by an interrupted run', () => {
    expect(leftoverTestSchemas([madeBefore(now, 7 * HOUR_MS)], now)).toEqual([madeBefore(now, 7 * HOUR_MS)]);
  });

  it('leaves the schemas of a run that may still be going', () => {
    expect(leftoverTestSchemas([madeBefore(now, HOUR_MS), freshSchemaName()], now)).toEqual([]);
  });

  it('never counts a schema it did not name', () => {
    expect(leftoverTestSchemas(['public', 'mcp_store', 'test_results', 'test_old_schema'], now)).toEqual([]);
  });
});
