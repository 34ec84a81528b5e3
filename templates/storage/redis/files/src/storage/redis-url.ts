import { z } from 'zod';

/** Where the Redis store connects when REDIS_URL is unset outside production: a Redis on this machine. */
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

const URL_FORMAT = 'expected redis://[user:password@]host[:port][/database], or rediss://… for TLS';

/**
 * `REDIS_URL` as the config schema parses it. The value may hold a password, so no message repeats it.
 */
export const redisUrlSetting = z.string().superRefine((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    ctx.addIssue({ code: 'custom', message: URL_FORMAT });
  } else if (!/^\/?\d*$/.test(url.pathname) || url.search !== '' || url.hash !== '') {
    ctx.addIssue({ code: 'custom', message: `the path may only be a database number; ${URL_FORMAT}` });
  }
});

/** `url` fit for messages and logs: the password, if any, replaced by ***. */
export function shownRedisUrl(url: string): string {
  if (!URL.canParse(url)) return '(not a URL)';
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}
