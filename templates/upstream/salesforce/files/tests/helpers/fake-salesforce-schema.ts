import type { SalesforceErrorItem } from './fake-salesforce-answers.js';

/**
 * The metadata of the fake Salesforce org: two objects (Account, Contact) with the field properties
 * the describe resources report, a validation rule and an external ID field.
 */

export interface FakeField {
  name: string;
  label: string;
  type: 'id' | 'string' | 'picklist' | 'currency' | 'reference' | 'email' | 'datetime';
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  externalId?: boolean;
  unique?: boolean;
  defaultedOnCreate?: boolean;
  length?: number;
  referenceTo?: string[];
  relationshipName?: string;
  picklist?: string[];
}

export interface FakeObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FakeField[];
  /** Salesforce lists relationships without a name too (null); they cannot be used in queries. */
  childRelationships: Array<{ childSObject: string; field: string; relationshipName: string | null }>;
  /** The org's validation rules: an error when `values` (the whole record after the write) breaks one. */
  validate?(values: Record<string, unknown>): SalesforceErrorItem | undefined;
}

const systemFields: FakeField[] = [
  { name: 'Id', label: 'Record ID', type: 'id', nillable: false, createable: false, updateable: false, defaultedOnCreate: true },
  { name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, createable: false, updateable: false, defaultedOnCreate: true },
];

export const FAKE_OBJECTS: Readonly<Record<string, FakeObject>> = {
  Account: {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: [
      ...systemFields,
      { name: 'Name', label: 'Account Name', type: 'string', nillable: false, createable: true, updateable: true, length: 255 },
      {
        name: 'Industry',
        label: 'Industry',
        type: 'picklist',
        nillable: true,
        createable: true,
        updateable: true,
        picklist: ['Banking', 'Energy', 'Retail'],
      },
      { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', nillable: true, createable: true, updateable: true },
      {
        name: 'External_Id__c',
        label: 'External ID',
        type: 'string',
        nillable: true,
        createable: true,
        updateable: true,
        externalId: true,
        unique: true,
        length: 64,
      },
    ],
    childRelationships: [
      { childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' },
      { childSObject: 'AccountHistory', field: 'AccountId', relationshipName: null },
    ],
    validate(values) {
      const revenue = values.AnnualRevenue;
      return typeof revenue === 'number' && revenue < 0
        ? { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Annual revenue cannot be negative', fields: ['AnnualRevenue'] }
        : undefined;
    },
  },
  Contact: {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    fields: [
      ...systemFields,
      { name: 'FirstName', label: 'First Name', type: 'string', nillable: true, createable: true, updateable: true, length: 40 },
      { name: 'LastName', label: 'Last Name', type: 'string', nillable: false, createable: true, updateable: true, length: 80 },
      { name: 'Email', label: 'Email', type: 'email', nillable: true, createable: true, updateable: true, length: 80 },
      {
        name: 'AccountId',
        label: 'Account ID',
        type: 'reference',
        nillable: true,
        createable: true,
        updateable: true,
        referenceTo: ['Account'],
        relationshipName: 'Account',
      },
    ],
    childRelationships: [],
  },
};

export function fakeObject(name: string): FakeObject | undefined {
  return Object.hasOwn(FAKE_OBJECTS, name) ? FAKE_OBJECTS[name] : undefined;
}

export function fieldOf(object: FakeObject, name: string): FakeField | undefined {
  return object.fields.find((field) => field.name === name);
}

/** The describe answer of one object, shaped like Salesforce's (a subset of its many properties). */
export function describeAnswer(object: FakeObject, apiVersion: string): unknown {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.name.endsWith('__c'),
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    urls: { sobject: `/services/data/v${apiVersion}/sobjects/${object.name}` },
    fields: object.fields.map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      length: field.length ?? 0,
      nillable: field.nillable,
      createable: field.createable,
      updateable: field.updateable,
      unique: field.unique ?? false,
      externalId: field.externalId ?? false,
      defaultedOnCreate: field.defaultedOnCreate ?? false,
      calculated: false,
      referenceTo: field.referenceTo ?? [],
      relationshipName: field.relationshipName ?? null,
      picklistValues: (field.picklist ?? []).map((value) => ({ value, label: value, active: true, defaultValue: false })),
    })),
    childRelationships: object.childRelationships.map((child) => ({ ...child, cascadeDelete: false })),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All accounts', name: 'everything' }],
  };
}

/** The describe-global answer: every object with its capabilities. */
export function describeGlobalAnswer(apiVersion: string): unknown {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: Object.values(FAKE_OBJECTS).map((object) => ({
      name: object.name,
      label: object.label,
      labelPlural: object.labelPlural,
      keyPrefix: object.keyPrefix,
      custom: false,
      queryable: true,
      createable: true,
      updateable: true,
      deletable: true,
      urls: { sobject: `/services/data/v${apiVersion}/sobjects/${object.name}` },
    })),
  };
}
