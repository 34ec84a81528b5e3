import { UpstreamUnknownError } from '../http/errors.js';
import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { SALESFORCE } from './errors.js';
import { fieldName, recordId, sObjectName } from './names.js';
import { withoutAttributes, type SalesforceRecord } from './records.js';

/** Field values to write: field API names to JSON values (null clears a field). */
export type FieldValues = Readonly<Record<string, string | number | boolean | null>>;

export interface RecordRef {
  /** sObject API name, e.g. `Account`. */
  readonly sobject: string;
  /** Record ID (15 or 18 characters). */
  readonly id: string;
}

export interface ExternalIdRef {
  readonly sobject: string;
  /** API name of a field marked "External ID" (or `Id`). */
  readonly field: string;
  readonly value: string;
}

/** Records of any sObject, by ID: the REST API's sObject resources. */
export interface SObjectRecords {
  /** One record; only `fields` when given (Salesforce returns every field otherwise). */
  get(record: RecordRef & { readonly fields?: readonly string[] }, context: UpstreamCallContext): Promise<SalesforceRecord>;
  /** Creates a record; Salesforce answers with its new ID. */
  create(input: { readonly sobject: string; readonly values: FieldValues }, context: UpstreamCallContext): Promise<{ id: string }>;
  /**
   * Creates the record the external ID value names, or updates it when it exists: repeating the
   * call never creates a second record.
   */
  upsert(input: ExternalIdRef & { readonly values: FieldValues }, context: UpstreamCallContext): Promise<{ id: string; created: boolean }>;
  /** Sets the given fields; the others keep their values. */
  update(input: RecordRef & { readonly values: FieldValues }, context: UpstreamCallContext): Promise<void>;
  /** Moves the record to the recycle bin. */
  delete(record: RecordRef, context: UpstreamCallContext): Promise<void>;
}

function checkedValues(values: FieldValues): FieldValues {
  for (const name of Object.keys(values)) fieldName(name);
  return values;
}

function idIn(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function sObjectRecords(client: UpstreamClient): SObjectRecords {
  const externalIdPath = ({ sobject, field, value }: ExternalIdRef) => pathOf('sobjects', sObjectName(sobject), fieldName(field), value);

  return {
    async get({ sobject, id, fields }, context) {
      const path = pathOf('sobjects', sObjectName(sobject), recordId(id));
      const query = fields === undefined || fields.length === 0 ? {} : { fields: fields.map(fieldName).join(',') };
      const { body } = await client.request({ method: 'GET', path, query }, context);
      return withoutAttributes(body) as SalesforceRecord;
    },

    async create({ sobject, values }, context) {
      const { body } = await client.request({ method: 'POST', path: pathOf('sobjects', sObjectName(sobject)), body: checkedValues(values) }, context);
      const id = idIn(body);
      if (id === undefined) throw new UpstreamUnknownError(`${SALESFORCE} created the record but did not return its ID`, { upstream: SALESFORCE });
      return { id };
    },

    async upsert(input, context) {
      const { status, body } = await client.request(
        // The external ID names the record, so sending the same values again cannot create another one.
        { method: 'PATCH', path: externalIdPath(input), body: checkedValues(input.values), idempotent: true },
        context,
      );
      const created = status === 201;
      // API versions before 46.0 answer an update with 204 and no ID; the external ID still finds the record.
      const id = idIn(body) ?? idIn((await client.request({ method: 'GET', path: externalIdPath(input), query: { fields: 'Id' } }, context)).body);
      if (id === undefined) throw new UpstreamUnknownError(`${SALESFORCE} saved the record but did not return its ID`, { upstream: SALESFORCE });
      return { id, created };
    },

    async update({ sobject, id, values }, context) {
      await client.request(
        // Values are absolute (no increments): sending them again leaves the record as one request would.
        { method: 'PATCH', path: pathOf('sobjects', sObjectName(sobject), recordId(id)), body: checkedValues(values), idempotent: true },
        context,
      );
    },

    async delete({ sobject, id }, context) {
      await client.request({ method: 'DELETE', path: pathOf('sobjects', sObjectName(sobject), recordId(id)) }, context);
    },
  };
}
