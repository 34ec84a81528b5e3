import { z } from 'zod';

import { COLLECTION_NAME, FILTER_NAME, IDEMPOTENCY_KEY, ITEM_ID } from './names.js';

/**
 * Input fields shared by the api_* tools. The same rules are enforced again by the REST API client;
 * stating them here lets the model see them in the tool's schema and get its input right first time.
 */

export const collectionInput = z
  .string()
  .regex(COLLECTION_NAME, 'a collection name: letters, digits, "_", "-" and ".", e.g. orders')
  .describe('Collection (resource type) in the REST API, as it appears in its URLs, e.g. orders');

export const itemIdInput = z
  .string()
  .regex(ITEM_ID, 'an item ID: a URL path segment without "/", "?", "#", "%" or spaces')
  .refine((id) => id !== '.' && id !== '..', 'an item ID cannot be "." or ".."')
  .describe('ID of the item in the collection, as the API returns it in the item\'s "id" field');

export const itemFieldsInput = z.record(z.string(), z.unknown());

export const filtersInput = z
  .record(z.string().regex(FILTER_NAME, 'a filter name: letters, digits, "_", "-", ".", ":" and brackets'), z.union([z.string(), z.number(), z.boolean()]))
  .describe('Equality filters sent as query parameters, e.g. {"status": "open"}; which fields filter depends on the API');

export const idempotencyKeyInput = z
  .string()
  .regex(IDEMPOTENCY_KEY, '1 to 255 visible ASCII characters without spaces')
  .describe(
    'Optional unique key (e.g. a UUID) for this creation. Repeating a call with the same key creates the item at most once, so a call that failed or timed out can be retried safely.',
  );
