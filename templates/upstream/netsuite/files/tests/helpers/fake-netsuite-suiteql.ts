import type { FakeErrorDetail, FakeRecord, FakeRecordStore } from './fake-netsuite-records.js';

/**
 * Just enough SuiteQL for tests: `SELECT <columns | *> FROM <table> ...` answers with every row of the
 * table (the record type of that name), in internal ID order, projected onto plainly named columns.
 * WHERE, ORDER BY and functions are not evaluated. Rows look like NetSuite's: lower-case column
 * names, references as their internal ID, booleans as 'T'/'F', sublists left out.
 */
export function suiteQlRows(store: FakeRecordStore, query: string): { rows: Array<Record<string, unknown>> } | { error: FakeErrorDetail } {
  const match = /^\s*select\s+(.+?)\s+from\s+([a-z_][a-z0-9_]*)/is.exec(query);
  if (match === null) return { error: invalidQuery('only SELECT statements with a FROM clause are supported') };
  const [, columnList = '', table = ''] = match;
  const type = store.types().find((candidate) => candidate.toLowerCase() === table.toLowerCase());
  if (type === undefined) return { error: invalidQuery(`Record '${table}' was not found.`) };
  const columns = columnList.split(',').map((column) => column.trim().toLowerCase());
  const plain = columns.every((column) => /^[a-z_][a-z0-9_]*$/.test(column));
  const rows = store.all(type).map((record) => {
    const row = suiteQlRow(record);
    return plain ? Object.fromEntries(columns.map((column) => [column, row[column] ?? null])) : row;
  });
  return { rows };
}

function suiteQlRow(record: FakeRecord): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === 'boolean') row[field.toLowerCase()] = value ? 'T' : 'F';
    else if (typeof value === 'object' && value !== null && 'id' in value) row[field.toLowerCase()] = (value as { id: unknown }).id;
    else if (typeof value !== 'object' || value === null) row[field.toLowerCase()] = value;
  }
  return row;
}

function invalidQuery(reason: string): FakeErrorDetail {
  return {
    detail: `Invalid search query. Detailed unprocessed description follows. Search error occurred: ${reason}`,
    'o:errorCode': 'INVALID_PARAMETER',
  };
}
