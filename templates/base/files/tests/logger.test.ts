import { describe, expect, it } from 'vitest';

import { SECRET_KEYS } from '../src/log-redaction.js';
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

  it.each(SECRET_KEYS)('replaces the value of "%s" with [redacted] at the top level and two levels down', (key) => {
    const logs = captureLogs();
    logs.logger.info({ [key]: 'v1', outer: { [key]: 'v2', inner: { [key]: 'v3' } } }, 'entry');
    expect(logs.entries()[0]).toMatchObject({ [key]: '[redacted]', outer: { [key]: '[redacted]', inner: { [key]: '[redacted]' } } });
  });

  it('redacts a secret whatever its value is, not only strings', () => {
    const logs = captureLogs();
    logs.logger.info({ token: { value: 'abc', expiresIn: 60 }, upstream: { password: 1234, secret: null } }, 'entry');
    expect(logs.entries()[0]).toMatchObject({ token: '[redacted]', upstream: { password: '[redacted]', secret: '[redacted]' } });
  });

  it('counts an array as a level: a secret inside an array element is redacted', () => {
    const logs = captureLogs();
    logs.logger.info({ grants: [{ accessToken: 'a1', scope: 'read' }] }, 'entry');
    expect(logs.entries()[0]).toMatchObject({ grants: [{ accessToken: '[redacted]', scope: 'read' }] });
  });

  it('looks no deeper than three levels, as the logs have always done', () => {
    const logs = captureLogs();
    logs.logger.info({ a: { b: { c: { token: 'deep' } } } }, 'entry');
    expect(logs.entries()[0]).toMatchObject({ a: { b: { c: { token: 'deep' } } } });
  });

  it('leaves keys that only resemble a secret name untouched', () => {
    const logs = captureLogs();
    logs.logger.info({ tokenType: 'Bearer', upstream: { expiresIn: 60, passwordPolicy: 'strong', headers: { 'x-request-id': 'r-1' } } }, 'entry');
    expect(logs.entries()[0]).toMatchObject({
      tokenType: 'Bearer',
      upstream: { expiresIn: 60, passwordPolicy: 'strong', headers: { 'x-request-id': 'r-1' } },
    });
  });

  it('does not change the objects it was given', () => {
    const logs = captureLogs();
    const fields = { token: 't', req: { headers: { authorization: 'Bearer abc', accept: 'json' } }, list: [{ password: 'p' }] };
    const before = structuredClone(fields);
    const headers = fields.req.headers;
    logs.logger.info(fields, 'entry');
    expect(fields).toEqual(before);
    expect(fields.req.headers).toBe(headers);
  });

  it('redacts the bindings of child loggers, at every generation', () => {
    const logs = captureLogs();
    const bindings = { requestId: 'r-1', token: 't', upstream: { headers: { authorization: 'Bearer abc' } } };
    const child = logs.logger.child(bindings);
    child.child({ session: { refresh_token: 'r' } }).info('from the grandchild');
    child.info('from the child');
    const [grandchildEntry, childEntry] = logs.entries();
    for (const entry of [grandchildEntry, childEntry]) {
      expect(entry).toMatchObject({ requestId: 'r-1', token: '[redacted]', upstream: { headers: { authorization: '[redacted]' } } });
    }
    expect(grandchildEntry).toMatchObject({ session: { refresh_token: '[redacted]' } });
    expect(bindings).toEqual({ requestId: 'r-1', token: 't', upstream: { headers: { authorization: 'Bearer abc' } } });
  });

  it('redacts bindings set on an existing logger', () => {
    const logs = captureLogs();
    const child = logs.logger.child({ requestId: 'r-1' });
    child.setBindings({ apiKey: 'k' });
    child.info('entry');
    expect(logs.entries()[0]).toMatchObject({ requestId: 'r-1', apiKey: '[redacted]' });
  });

  it('redacts objects interpolated into the message', () => {
    const logs = captureLogs();
    logs.logger.info('settings %j', { clientSecret: 's', nested: { password: 'p' }, region: 'eu' });
    const { msg } = logs.entries()[0] as { msg: string };
    expect(msg).not.toMatch(/"s"|"p"/);
    expect(msg).toContain('"region":"eu"');
  });

  describe('errors', () => {
    it('keeps the type, message and stack of a logged error', () => {
      const logs = captureLogs();
      logs.logger.error({ err: new TypeError('boom') }, 'failed');
      logs.logger.error({ error: new RangeError('bang') }, 'failed');
      const [withErr, withError] = logs.entries();
      expect(withErr).toMatchObject({ err: { type: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') } });
      expect(withError).toMatchObject({ error: { type: 'RangeError', message: 'bang', stack: expect.stringContaining('bang') } });
    });

    it('redacts secret-named properties of an error and of its cause', () => {
      const logs = captureLogs();
      const cause = Object.assign(new Error('inner'), { password: 'p' });
      const error = Object.assign(new Error('outer', { cause }), { token: 't', status: 401 });
      logs.logger.error({ err: error }, 'failed');
      logs.logger.error(error);
      for (const entry of logs.entries()) {
        expect(entry).toMatchObject({
          err: { message: 'outer', token: '[redacted]', status: 401, cause: { message: 'inner', password: '[redacted]' } },
        });
      }
      expect(error.token).toBe('t');
      expect(cause.password).toBe('p');
    });

    it('redacts an error bound to a child logger', () => {
      const logs = captureLogs();
      logs.logger.child({ err: Object.assign(new Error('bound'), { apiKey: 'k' }) }).info('entry');
      expect(logs.entries()[0]).toMatchObject({ err: { type: 'Error', message: 'bound', apiKey: '[redacted]' } });
    });
  });
});
