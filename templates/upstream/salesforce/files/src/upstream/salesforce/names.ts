import { ToolError } from '../../errors.js';

/**
 * The shapes of names and IDs that go into Salesforce URLs and request bodies. Checked before
 * anything is sent, so a mistake is reported in plain words instead of as a Salesforce error, and
 * no input can be anything but what it claims to be.
 */

/** API name of an sObject: `Account`, `Invoice__c`, `ns__Invoice__c`. */
export const SOBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** API name of a field: `Name`, `AccountId`, `External_Id__c`. */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A record ID: 15 characters (case-sensitive) or 18 (case-insensitive, with a checksum suffix). */
export const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (pattern.test(value)) return value;
  const shown = value.length > 60 ? `${value.slice(0, 59)}…` : value;
  throw new ToolError('invalid_argument', `${JSON.stringify(shown)} is not ${what}`);
}

export function sObjectName(value: string): string {
  return checked(value, SOBJECT_NAME, 'an sObject API name, e.g. Account or Invoice__c');
}

export function fieldName(value: string): string {
  return checked(value, FIELD_NAME, 'a field API name, e.g. Name or External_Id__c');
}

export function recordId(value: string): string {
  return checked(value, RECORD_ID, 'a Salesforce record ID (15 or 18 letters and digits, e.g. 001000000000001AAA)');
}
