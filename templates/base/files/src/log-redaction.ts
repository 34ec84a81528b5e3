/**
 * Key names whose values are credentials. Matched exactly, case included: Node lower-cases incoming header
 * names, and the other spellings are the ones the OAuth specs and this code use.
 */
export const SECRET_KEYS: readonly string[] = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'secret',
  'clientSecret',
  'client_secret',
  'password',
  'apiKey',
  'api_key',
  'x-api-key',
];

const REDACTED = '[redacted]';

/**
 * Secret keys are looked for at the top level of a log entry (level 1) and two levels below it: deep enough
 * for `req.headers.authorization`, shallow enough that logging a large object stays cheap.
 */
const DEEPEST_LEVEL = 3;

const secretKeys = new Set(SECRET_KEYS);

/**
 * `value` with the value of every secret key at `level` or below (down to DEEPEST_LEVEL) replaced by
 * REDACTED. Returns `value` itself when nothing needed redacting, which is what an ordinary log line costs:
 * one set lookup per key. Otherwise only the objects on the way to a secret are copied; the caller's
 * objects are never written to. Properties of `value` named in `keysLeftAlone` are not looked into.
 */
export function redactSecrets<T>(value: T, level = 1, keysLeftAlone?: ReadonlySet<string>): T {
  if (!isWalkable(value) || level > DEEPEST_LEVEL) return value;
  if (Array.isArray(value)) return (level < DEEPEST_LEVEL ? redactElements(value, level) : value) as T;
  return redactProperties(value, level, keysLeftAlone) as T;
}

/** Typed arrays and Buffers hold only numbers under numeric keys: nothing to find, and possibly many to look at. */
const isWalkable = (value: unknown): value is object => typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);

function redactProperties(source: object, level: number, keysLeftAlone: ReadonlySet<string> | undefined): object {
  let copy: Record<string, unknown> | undefined;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const original: unknown = (source as Record<string, unknown>)[key];
    let redacted = original;
    if (secretKeys.has(key)) {
      if (original !== undefined) redacted = REDACTED;
    } else if (level < DEEPEST_LEVEL && isWalkable(original) && !keysLeftAlone?.has(key)) {
      redacted = redactSecrets(original, level + 1);
    }
    if (redacted !== original) {
      copy ??= copyOf(source);
      copy[key] = redacted;
    }
  }
  return copy ?? source;
}

/** Array elements are a level of their own, as `items[0].token` is three levels down. */
function redactElements(source: readonly unknown[], level: number): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < source.length; index++) {
    const original = source[index];
    const redacted = redactSecrets(original, level + 1);
    if (redacted !== original) {
      copy ??= source.slice();
      copy[index] = redacted;
    }
  }
  return copy ?? source;
}

/**
 * A shallow copy that serialises as the source does: own enumerable properties, on the same prototype so
 * an inherited `toJSON` still applies. Plain objects are spread, which also copies an own `__proto__` key
 * as data instead of treating it as a prototype.
 */
function copyOf(source: object): Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(source);
  if (prototype === Object.prototype) return { ...source };
  return Object.assign(Object.create(prototype as object | null) as Record<string, unknown>, source);
}
