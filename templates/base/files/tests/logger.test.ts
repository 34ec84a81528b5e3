import { describe, expect, it } from 'vitest';

import { captureLogs } from './helpers/logs.js';

describe('logger', () => {
  it('redacts credentials wherever they appear in a log entry', () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        req: { headers: { authorization: 'Bearer abc', cookie: 'session=1', 'x-request-id': 'r-1' } },
        res: { headers: { 'set-cookie': 'session=2' } },
        token: 't',
        upstream: { client_secret: 's', apiKey: 'k', password: 'p', refresh_token: 'r' },
      },
      'request',
    );
    const [entry] = logs.entries();
    const serialised = JSON.stringify(entry);
    for (const secret of ['Bearer abc', 'session=1', 'session=2', '"t"', '"s"', '"k"', '"p"', '"r"']) {
      expect(serialised).not.toContain(secret);
    }
    expect(serialised).toContain('r-1');
  });
});
