import { ToolError } from '../../errors.js';

/**
 * What may name a record type, a record and a field in a request. Tool input ends up in URLs: beyond
 * pathOf's encoding, anything that is not plainly one of these is refused before a request is made,
 * with a message that shows the expected form.
 */

/** REST record type names: `customer`, `salesOrder`, `customrecord_project_task`. */
export const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
/** An internal ID (`1234`) or an external ID as `eid:<externalId>` (letters, digits, `_` and `-`). */
export const RECORD_ID = /^([0-9]{1,20}|eid:[A-Za-z0-9_-]{1,200})$/;
/** Field IDs as the REST API names them: `companyName`, `custentity_region`. */
export const FIELD_ID = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export const RECORD_TYPE_HINT = 'a REST record type such as customer, salesOrder or customrecord_project';
export const RECORD_ID_HINT = 'an internal ID such as 1234, or an external ID written eid:CUST-0001';
export const FIELD_ID_HINT = 'a field ID such as companyName or custentity_region';

function checked(value: string, pattern: RegExp, what: string, hint: string): string {
  if (!pattern.test(value)) throw new ToolError('invalid_argument', `${JSON.stringify(value)} is not a valid ${what}; expected ${hint}`);
  return value;
}

export const checkRecordType = (value: string): string => checked(value, RECORD_TYPE, 'NetSuite record type', RECORD_TYPE_HINT);
export const checkRecordId = (value: string): string => checked(value, RECORD_ID, 'NetSuite record ID', RECORD_ID_HINT);
export const checkFieldId = (value: string): string => checked(value, FIELD_ID, 'NetSuite field ID', FIELD_ID_HINT);
