/**
 * The parts of Salesforce's describe answers that help someone write queries and records: which
 * objects exist, their fields with types, which fields a new record needs, picklist values and
 * relationships. The full answers run to hundreds of kilobytes of layout and UI detail.
 */

export interface SObjectSummary {
  readonly name: string;
  readonly label: string;
  readonly custom: boolean;
  readonly queryable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
}

export interface FieldDescription {
  readonly name: string;
  readonly label: string;
  /** Salesforce field type: string, picklist, reference, currency, date, datetime, boolean, ... */
  readonly type: string;
  /** A new record must set it: createable, not nillable, and no default. */
  readonly required: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  /** Maximum length of text fields. */
  readonly length?: number;
  /** Objects a reference (lookup) field points to. */
  readonly referenceTo?: string[];
  /** Name to traverse a reference in SOQL (`Account.Name` for AccountId). */
  readonly relationshipName?: string;
  /** Active values of a picklist. */
  readonly picklistValues?: string[];
}

export interface ChildRelationship {
  /** Name of the subquery in SOQL: `SELECT Id, (SELECT Id FROM Contacts) FROM Account`. */
  readonly relationshipName: string;
  readonly childSObject: string;
  readonly field: string;
}

export interface SObjectDescription extends SObjectSummary {
  readonly labelPlural: string;
  /** First three characters of this object's record IDs. */
  readonly keyPrefix?: string;
  readonly fields: FieldDescription[];
  readonly childRelationships: ChildRelationship[];
}

type Raw = Record<string, unknown>;

const objectsIn = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter((item): item is Raw => typeof item === 'object' && item !== null) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const flag = (value: unknown): boolean => value === true;

export function summaryOf(raw: Raw): SObjectSummary {
  return {
    name: text(raw.name) ?? '',
    label: text(raw.label) ?? text(raw.name) ?? '',
    custom: flag(raw.custom),
    queryable: flag(raw.queryable),
    createable: flag(raw.createable),
    updateable: flag(raw.updateable),
    deletable: flag(raw.deletable),
  };
}

/** The objects of a describe-global answer (`{ sobjects: [...] }`). */
export function summariesOf(body: unknown): SObjectSummary[] {
  const raw = typeof body === 'object' && body !== null ? (body as Raw).sobjects : undefined;
  return objectsIn(raw).map(summaryOf);
}

function fieldOf(raw: Raw): FieldDescription {
  const type = text(raw.type) ?? 'unknown';
  const createable = flag(raw.createable);
  const referenceTo = Array.isArray(raw.referenceTo) ? raw.referenceTo.filter((item): item is string => typeof item === 'string') : [];
  const relationshipName = text(raw.relationshipName);
  const picklistValues = objectsIn(raw.picklistValues).flatMap((value) => (value.active === false ? [] : (text(value.value) ?? [])));
  const length = typeof raw.length === 'number' && raw.length > 0 ? raw.length : undefined;
  return {
    name: text(raw.name) ?? '',
    label: text(raw.label) ?? text(raw.name) ?? '',
    type,
    // Boolean fields are never nillable but default to false.
    required: createable && raw.nillable === false && !flag(raw.defaultedOnCreate) && type !== 'boolean',
    createable,
    updateable: flag(raw.updateable),
    externalId: flag(raw.externalId),
    unique: flag(raw.unique),
    ...(length !== undefined && { length }),
    ...(referenceTo.length > 0 && { referenceTo }),
    ...(relationshipName !== undefined && { relationshipName }),
    ...(picklistValues.length > 0 && { picklistValues }),
  };
}

/** An sObject describe answer (`/sobjects/<name>/describe`). */
export function descriptionOf(body: unknown): SObjectDescription {
  const raw = typeof body === 'object' && body !== null ? (body as Raw) : {};
  const keyPrefix = text(raw.keyPrefix);
  return {
    ...summaryOf(raw),
    labelPlural: text(raw.labelPlural) ?? text(raw.label) ?? '',
    ...(keyPrefix !== undefined && { keyPrefix }),
    fields: objectsIn(raw.fields).map(fieldOf),
    childRelationships: objectsIn(raw.childRelationships).flatMap((child) => {
      const relationshipName = text(child.relationshipName);
      const childSObject = text(child.childSObject);
      const field = text(child.field);
      // Relationships without a name cannot be used in a query.
      return relationshipName !== undefined && childSObject !== undefined && field !== undefined ? [{ relationshipName, childSObject, field }] : [];
    }),
  };
}
