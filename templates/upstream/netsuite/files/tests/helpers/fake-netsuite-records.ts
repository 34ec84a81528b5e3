/**
 * The fake NetSuite's data: records by type, kept in memory, with the few validation rules NetSuite
 * applies that tests rely on (required fields, a field format, read-only fields). Records are stored
 * the way the REST API shows them: camelCase field IDs, references as `{ id, refName }`, sublists as
 * `{ items: [...] }`.
 */

export type FakeRecord = { id: string; externalId?: string } & Record<string, unknown>;

/** One entry of NetSuite's `o:errorDetails`. */
export interface FakeErrorDetail {
  detail: string;
  'o:errorCode': string;
  'o:errorPath'?: string;
}

const PARENT_COMPANY = { id: '1', refName: 'Parent Company' };

/** 25 customers (enough for several pages) and a couple of employees. */
export function sampleRecords(): Record<string, FakeRecord[]> {
  const customers = Array.from({ length: 25 }, (_, index): FakeRecord => {
    const n = index + 101;
    return {
      id: String(n),
      externalId: `CUST-${n}`,
      entityId: `C${n}`,
      companyName: `Customer ${n}`,
      email: `ap@customer${n}.example`,
      isInactive: n % 10 === 0,
      subsidiary: PARENT_COMPANY,
      addressBook: { items: [{ addressBookAddress_text: `${n} Main Street`, defaultBilling: true }] },
    };
  });
  const employees: FakeRecord[] = [
    { id: '7', entityId: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', subsidiary: PARENT_COMPANY },
    { id: '8', entityId: 'Alan Turing', firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', subsidiary: PARENT_COMPANY },
  ];
  return { customer: customers, employee: employees };
}

export class FakeRecordStore {
  readonly #types = new Map<string, Map<string, FakeRecord>>();
  #nextId = 1000;

  constructor(seed: Record<string, FakeRecord[]>) {
    for (const [type, records] of Object.entries(seed)) {
      this.#types.set(type, new Map(records.map((record) => [record.id, structuredClone(record)])));
    }
  }

  types(): string[] {
    return [...this.#types.keys()];
  }

  hasType(type: string): boolean {
    return this.#types.has(type);
  }

  /** Records of `type` in internal ID order. */
  all(type: string): FakeRecord[] {
    return [...(this.#types.get(type)?.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** By internal ID (`107`) or external ID (`eid:CUST-107`). */
  find(type: string, key: string): FakeRecord | undefined {
    const records = this.#types.get(type);
    if (key.startsWith('eid:')) return [...(records?.values() ?? [])].find((record) => record.externalId === key.slice(4));
    return records?.get(key);
  }

  create(type: string, values: Record<string, unknown>): FakeRecord | FakeErrorDetail[] {
    const problems = [...readOnlyProblems(values), ...requiredProblems(type, values), ...formatProblems(values)];
    if (problems.length > 0) return problems;
    const record: FakeRecord = { ...structuredClone(values), id: String(this.#nextId++) };
    this.#types.get(type)?.set(record.id, record);
    return record;
  }

  /** Changes the given fields; an error list leaves the record as it was. */
  update(record: FakeRecord, values: Record<string, unknown>): FakeErrorDetail[] {
    const problems = [...readOnlyProblems(values), ...formatProblems(values)];
    if (problems.length === 0) Object.assign(record, structuredClone(values));
    return problems;
  }

  delete(type: string, record: FakeRecord): void {
    this.#types.get(type)?.delete(record.id);
  }
}

function readOnlyProblems(values: Record<string, unknown>): FakeErrorDetail[] {
  return 'id' in values ? [{ detail: 'The field id is read-only and cannot be set.', 'o:errorPath': 'id', 'o:errorCode': 'INVALID_VALUE' }] : [];
}

function requiredProblems(type: string, values: Record<string, unknown>): FakeErrorDetail[] {
  if (type !== 'customer') return [];
  const required = values.isPerson === true ? ['firstName', 'lastName'] : ['companyName'];
  return required
    .filter((field) => typeof values[field] !== 'string' || values[field] === '')
    .map((field) => ({ detail: `Please enter value(s) for: ${field}`, 'o:errorPath': field, 'o:errorCode': 'USER_ERROR' }));
}

function formatProblems(values: Record<string, unknown>): FakeErrorDetail[] {
  if (values.email === undefined || (typeof values.email === 'string' && values.email.includes('@'))) return [];
  return [{ detail: 'Invalid email address: enter a value such as name@example.com.', 'o:errorPath': 'email', 'o:errorCode': 'INVALID_FLD_VALUE' }];
}
