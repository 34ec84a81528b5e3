import { describe, expect, it } from 'vitest';
import { UPSTREAMS } from '../../src/options/schema.js';
import { authStrategiesFor, combinationProblems, defaultAuthFor } from '../../src/options/rules.js';

describe('combination rules', () => {
  it.each(UPSTREAMS)('offers its default auth strategy among the allowed ones for %s', (upstream) => {
    expect(authStrategiesFor(upstream)).toContain(defaultAuthFor(upstream));
  });

  it.each(UPSTREAMS)('finds no problem with the default auth strategy for %s', (upstream) => {
    expect(combinationProblems({ upstream, auth: defaultAuthFor(upstream) })).toEqual([]);
  });

  it('names the flags and the allowed values when a strategy does not fit the upstream', () => {
    const problems = combinationProblems({ upstream: 'scalekit', auth: 'oauth-proxy' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('--auth oauth-proxy');
    expect(problems[0]).toContain('--upstream scalekit');
    expect(problems[0]).toContain('none');
  });
});
