/** A record as Salesforce returns it: field API names to values (nested for relationship fields). */
export type SalesforceRecord = Record<string, unknown>;

/**
 * A record without Salesforce's `attributes` entries (type and API URL, at every level): noise to
 * a reader, since the caller already knows the object it asked for.
 */
export function withoutAttributes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAttributes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'attributes').map(([key, item]) => [key, withoutAttributes(item)]));
}

/** The records of an answer's `records` list, without attributes. */
export function recordsOf(value: unknown): SalesforceRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is object => typeof item === 'object' && item !== null).map((item) => withoutAttributes(item) as SalesforceRecord);
}
