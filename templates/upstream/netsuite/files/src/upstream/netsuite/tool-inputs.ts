import { z } from 'zod';

import { FIELD_ID, FIELD_ID_HINT, RECORD_ID, RECORD_ID_HINT, RECORD_TYPE, RECORD_TYPE_HINT } from './identifiers.js';

/** Input fields the NetSuite record tools share, described for the model that fills them in. */

export const recordTypeInput = z
  .string()
  .regex(RECORD_TYPE, `expected ${RECORD_TYPE_HINT}`)
  .describe(
    'REST record type, as the REST API Browser names it (case-sensitive): customer, contact, vendor, employee, ' +
      'salesOrder, invoice, purchaseOrder, inventoryItem, or customrecord_<id> for a custom record type',
  );

export const recordIdInput = z
  .string()
  .regex(RECORD_ID, `expected ${RECORD_ID_HINT}`)
  .describe('Internal ID of the record (digits, e.g. "1234"), or its external ID written as "eid:<externalId>" (e.g. "eid:CUST-0001")');

export const fieldIdInput = z.string().regex(FIELD_ID, `expected ${FIELD_ID_HINT}`);

export const recordValuesInput = z
  .record(z.string().regex(FIELD_ID, `expected ${FIELD_ID_HINT}`), z.unknown())
  .refine((values) => Object.keys(values).length > 0, 'give at least one field')
  .describe(
    'Field values keyed by field ID as the REST API Browser names them (e.g. {"companyName": "Acme", "email": "ap@acme.com"}). ' +
      'Select and record fields take a reference object {"id": "<internal ID>"} (e.g. "subsidiary": {"id": "1"}); ' +
      'dates are "YYYY-MM-DD"; sublist lines go in {"items": [{...}, ...]} (e.g. "item": {"items": [{"item": {"id": "42"}, "quantity": 2}]})',
  );
