import type { SalesforceErrorItem } from './fake-salesforce-answers.js';
import { fakeObject, fieldOf, type FakeObject } from './fake-salesforce-schema.js';

/**
 * The records of the fake Salesforce org, in memory with Salesforce-shaped IDs, and the errors
 * Salesforce answers with when a write breaks the rules (unknown or read-only fields, required
 * fields, a unique external ID, a validation rule).
 */

export const noSuchColumn = (object: FakeObject, field: string): SalesforceErrorItem => ({
  errorCode: 'INVALID_FIELD',
  message: `No such column '${field}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
});

export interface StoredRecord {
  readonly sobject: string;
  readonly values: Record<string, unknown>;
}

/** Records of the fake org by ID, plus the IDs of deleted ones (which answer ENTITY_IS_DELETED). */
export class FakeOrgData {
  readonly #records = new Map<string, StoredRecord>();
  readonly #deleted = new Set<string>();
  #sequence = 0;

  /** Stores a record as it is, without the org's rules: for tests that set up data Salesforce would refuse. */
  seed(sobject: string, values: Record<string, unknown>): string {
    const object = fakeObject(sobject);
    if (object === undefined) throw new Error(`The fake org has no ${sobject}`);
    this.#sequence += 1;
    // 3-character key prefix + 12 digits + 3-character suffix: the 18-character form of a record ID.
    const id = `${object.keyPrefix}${String(this.#sequence).padStart(12, '0')}AAA`;
    this.#records.set(id, { sobject, values: { ...values, Id: id, CreatedDate: new Date(0).toISOString() } });
    return id;
  }

  /** The record `id` names, accepting the 15-character form as Salesforce does. */
  find(sobject: string, id: string): StoredRecord | 'deleted' | undefined {
    const full = id.length === 15 ? [...this.#records.keys(), ...this.#deleted].find((known) => known.startsWith(id)) : id;
    if (full === undefined) return undefined;
    if (this.#deleted.has(full)) return 'deleted';
    const record = this.#records.get(full);
    return record?.sobject === sobject ? record : undefined;
  }

  all(sobject: string): StoredRecord[] {
    return [...this.#records.values()].filter((record) => record.sobject === sobject);
  }

  update(record: StoredRecord, values: Record<string, unknown>): void {
    Object.assign(record.values, values);
  }

  delete(record: StoredRecord): void {
    const id = String(record.values.Id);
    this.#records.delete(id);
    this.#deleted.add(id);
  }
}

/** Checks a write against the object's metadata and rules; the record as it would be stored, or Salesforce's error. */
export function checkWrite(
  data: FakeOrgData,
  object: FakeObject,
  values: unknown,
  existing: StoredRecord | undefined,
): { values: Record<string, unknown> } | { error: SalesforceErrorItem } {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { error: { errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object' } };
  }
  const given = values as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    const field = fieldOf(object, name);
    if (field === undefined) return { error: noSuchColumn(object, name) };
    const allowed = existing === undefined ? field.createable : field.updateable;
    if (!allowed) return { error: { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: `Unable to create/update fields: ${name}`, fields: [name] } };
  }
  const merged = { ...existing?.values, ...given };
  const missing = object.fields.filter((field) => field.createable && !field.nillable && (merged[field.name] === undefined || merged[field.name] === null));
  if (missing.length > 0) {
    const names = missing.map((field) => field.name);
    return { error: { errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${names.join(', ')}]`, fields: names } };
  }
  for (const field of object.fields.filter((candidate) => candidate.unique === true)) {
    const value = given[field.name];
    if (value === undefined || value === null) continue;
    const holder = data.all(object.name).find((record) => record !== existing && record.values[field.name] === value);
    if (holder !== undefined) {
      return {
        error: { errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${field.name} duplicates value on record with id: ${String(holder.values.Id)}`, fields: [] },
      };
    }
  }
  const broken = object.validate?.(merged);
  return broken === undefined ? { values: given } : { error: broken };
}
