import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../src/load-config.js';
import { MAKE_SEALING_KEY_COMMAND, sealingConfigProblems, sealingKeyring, sealingKeysSetting } from '../../src/storage/sealing-keys.js';

const key = (fill: string) => Buffer.alloc(32, fill).toString('base64url');

describe('STORE_SEALING_KEYS', () => {
  it('takes id:key pairs, the first being the key that seals', () => {
    const ring = sealingKeyring({ NODE_ENV: 'production', STORE_SEALING_KEYS: sealingKeysSetting.parse(`new:${key('a')}, old:${key('b')}`) });
    expect(ring.current.id).toBe('new');
    expect([...ring.byId.keys()]).toEqual(['new', 'old']);
    expect(ring.ephemeral).toBe(false);
  });

  it('refuses a key that is not 32 bytes, without echoing it', () => {
    const short = Buffer.alloc(16, 'x').toString('base64url');
    const result = sealingKeysSetting.safeParse(`k1:${short}`);
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toMatch(/key 1 \("k1"\) is malformed/);
    expect(message).not.toContain(short);
    expect(message).toContain(MAKE_SEALING_KEY_COMMAND);
  });

  it('refuses a key without an id, without echoing any of it', () => {
    const bare = key('a');
    const message = sealingKeysSetting.safeParse(bare).error?.issues[0]?.message ?? '';
    expect(message).toMatch(/^key 1 is malformed/);
    expect(message).not.toContain(bare.slice(0, 8));
  });

  it('refuses two keys with one id', () => {
    const result = sealingKeysSetting.safeParse(`k1:${key('a')},k1:${key('b')}`);
    expect(result.error?.issues[0]?.message).toMatch(/"k1" appears twice/);
  });

  it('is reported with the other configuration problems when malformed', () => {
    expect(() => parseConfig({ STORE_SEALING_KEYS: 'not-a-key' })).toThrow(/STORE_SEALING_KEYS: key 1 is malformed/);
  });

  it('makes up a key for the process when none is configured', () => {
    const ring = sealingKeyring({ NODE_ENV: 'development' });
    expect(ring.ephemeral).toBe(true);
    expect(ring.current.id).toMatch(/^ephemeral-/);
  });

  it('is required in production with a durable store, and the message says how to make one', () => {
    const [problem] = sealingConfigProblems({ NODE_ENV: 'production' }, { label: 'SQLite', durable: true });
    expect(problem).toMatch(/^STORE_SEALING_KEYS: required in production with the SQLite store/);
    expect(problem).toContain(MAKE_SEALING_KEY_COMMAND);
  });

  it('is optional in development, and with a store that keeps nothing past the process', () => {
    expect(sealingConfigProblems({ NODE_ENV: 'development' }, { label: 'SQLite', durable: true })).toEqual([]);
    expect(sealingConfigProblems({ NODE_ENV: 'production' }, { label: 'in-memory', durable: false })).toEqual([]);
  });

  it('prints a command that makes a key the setting accepts', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = /node -e "(.*)"$/.exec(MAKE_SEALING_KEY_COMMAND)?.[1] ?? '';
    const made = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
    expect(sealingKeysSetting.safeParse(made).success).toBe(true);
  });
});
