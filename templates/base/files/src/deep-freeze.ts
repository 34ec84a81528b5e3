/**
 * Freezes `value` and everything reachable from it, for values computed once and then handed to every
 * request: none may change what the next one gets.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
