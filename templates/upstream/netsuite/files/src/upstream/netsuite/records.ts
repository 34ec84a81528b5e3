import { UpstreamUnknownError } from '../http/errors.js';
import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { collectionPage, withoutLinks, type CollectionPage } from './collection-page.js';
import { NETSUITE } from './error-body.js';
import { checkFieldId, checkRecordId, checkRecordType } from './identifiers.js';
import { checkPage, type PageRequest } from './paging.js';

/** A record's body fields, sublists and subrecords, keyed by field ID. */
export type NetSuiteRecord = Record<string, unknown>;

export interface GetRecordOptions {
  /** Only these fields (fewer bytes, faster answers); all of them when absent. */
  fields?: readonly string[];
  /** Include sublists and subrecords in full instead of as links. */
  expandSubResources?: boolean;
}

export interface ListRecordsOptions extends PageRequest {
  /** NetSuite's record filter, e.g. `email START_WITH "barbara"` or `dateCreated ON_OR_AFTER "1/1/2024"`. */
  q?: string;
}

/** A page of a record list: IDs only, as NetSuite lists them. */
export type RecordIdPage = CollectionPage<{ id: string }>;

/**
 * The REST record service (/services/rest/record/v1): one record type and ID at a time. `type` is the
 * REST record type (`customer`, `salesOrder`, `customrecord_project`); `id` an internal ID or `eid:<external ID>`.
 */
export interface NetSuiteRecords {
  get(type: string, id: string, context: UpstreamCallContext, options?: GetRecordOptions): Promise<NetSuiteRecord>;
  /** Creates a record; NetSuite answers with its location, whose last segment is the new internal ID. */
  create(type: string, values: NetSuiteRecord, context: UpstreamCallContext): Promise<{ id: string }>;
  /** Changes the given fields only; the others keep their values. */
  update(type: string, id: string, values: NetSuiteRecord, context: UpstreamCallContext): Promise<void>;
  delete(type: string, id: string, context: UpstreamCallContext): Promise<void>;
  list(type: string, context: UpstreamCallContext, options?: ListRecordsOptions): Promise<RecordIdPage>;
}

/**
 * Creates and updates are sent once: NetSuite honours idempotency keys only for asynchronous requests,
 * so a synchronous POST or PATCH that failed in transit may or may not have been applied, and sending
 * it again could act twice. Reads and deletes are retried (the client's default for GET and DELETE).
 */
export function netSuiteRecords(client: UpstreamClient): NetSuiteRecords {
  const recordPath = (type: string, id?: string) =>
    id === undefined ? pathOf('record', 'v1', checkRecordType(type)) : pathOf('record', 'v1', checkRecordType(type), checkRecordId(id));

  return {
    async get(type, id, context, options = {}) {
      const path = recordPath(type, id);
      const fields = options.fields?.map(checkFieldId);
      const response = await client.request(
        {
          method: 'GET',
          path,
          query: {
            fields: fields === undefined || fields.length === 0 ? undefined : fields.join(','),
            expandSubResources: options.expandSubResources === true ? true : undefined,
          },
        },
        context,
      );
      if (typeof response.body !== 'object' || response.body === null || Array.isArray(response.body)) {
        throw new UpstreamUnknownError(`${NETSUITE} answered with something other than a record`, { upstream: NETSUITE, status: response.status });
      }
      return withoutLinks(response.body) as NetSuiteRecord;
    },

    async create(type, values, context) {
      const response = await client.request({ method: 'POST', path: recordPath(type), body: values }, context);
      const id = lastPathSegment(response.headers.get('location'));
      if (id === undefined) {
        throw new UpstreamUnknownError(`${NETSUITE} created the ${type} record but did not say its ID`, { upstream: NETSUITE, status: response.status });
      }
      return { id };
    },

    async update(type, id, values, context) {
      await client.request({ method: 'PATCH', path: recordPath(type, id), body: values }, context);
    },

    async delete(type, id, context) {
      await client.request({ method: 'DELETE', path: recordPath(type, id) }, context);
    },

    async list(type, context, options = {}) {
      const path = recordPath(type);
      const { limit, offset } = checkPage(options);
      const response = await client.request({ method: 'GET', path, query: { limit, offset, q: options.q } }, context);
      return collectionPage(response.body, (item) => ({ id: typeof item.id === 'string' ? item.id : String(item.id ?? '') }));
    },
  };
}

/** `https://…/record/v1/customer/647` -> `647`. */
function lastPathSegment(location: string | null): string | undefined {
  if (location === null) return undefined;
  const path = URL.canParse(location) ? new URL(location).pathname : (location.split(/[?#]/)[0] ?? '');
  const segment = path.split('/').filter((part) => part !== '').pop();
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
