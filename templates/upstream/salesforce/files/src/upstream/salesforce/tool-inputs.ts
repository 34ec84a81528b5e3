import { z } from 'zod';

import { FIELD_NAME, RECORD_ID, SOBJECT_NAME } from './names.js';

/** Input fields the Salesforce tools share, described for the model that fills them in. */

export const sObjectInput = z
  .string()
  .regex(SOBJECT_NAME, 'expected an sObject API name, e.g. Account or Invoice__c')
  .describe('sObject API name, e.g. Account, Contact, Opportunity, Case, or a custom object such as Invoice__c');

export const recordIdInput = z
  .string()
  .regex(RECORD_ID, 'expected a record ID of 15 or 18 letters and digits')
  .describe('Salesforce record ID, 15 or 18 characters, e.g. 001000000000001AAA');

const fieldNameInput = z.string().regex(FIELD_NAME, 'expected a field API name, e.g. Name or External_Id__c');

export const fieldValuesInput = z
  .record(fieldNameInput, z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .refine((values) => Object.keys(values).length > 0, 'give at least one field')
  .describe(
    'Field API names to values, e.g. {"Name": "Acme", "Industry": "Banking", "AnnualRevenue": 1000000}. ' +
      'Dates as "2025-01-31", date-times as "2025-01-31T09:30:00Z", lookups as the related record ID (e.g. "AccountId": "001..."), ' +
      'null clears a field. Use salesforce_describe to find field names, types and picklist values.',
  );

export const fieldListInput = z
  .array(fieldNameInput)
  .max(200)
  .describe('Field API names to return, e.g. ["Name", "Industry"]. Omit for every field of the record.');
