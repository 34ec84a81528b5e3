import { errorAnswer, type FakeAnswer } from './fake-salesforce-answers.js';
import { noSuchColumn, type FakeOrgData, type StoredRecord } from './fake-salesforce-org.js';
import { fakeObject, fieldOf } from './fake-salesforce-schema.js';

/**
 * The query resource of the fake org: a small subset of SOQL (`SELECT <fields> FROM <object>
 * [WHERE <field> = '<text>'] [ORDER BY <field> [ASC|DESC]] [LIMIT <n>]`), the errors Salesforce
 * answers for unknown objects, unknown fields and malformed queries, and paging through
 * `nextRecordsUrl` query locators.
 */

const QUERY =
  /^SELECT\s+(?<fields>.+?)\s+FROM\s+(?<sobject>\w+)(?:\s+WHERE\s+(?<whereField>\w+)\s*=\s*'(?<whereValue>[^']*)')?(?:\s+ORDER\s+BY\s+(?<orderField>\w+)(?:\s+(?<direction>ASC|DESC))?)?(?:\s+LIMIT\s+(?<limit>\d+))?\s*$/i;

export class FakeQueries {
  readonly #data: FakeOrgData;
  readonly #apiVersion: string;
  readonly #pageSize: () => number;
  /** Result sets of queries with more pages, by query locator. */
  readonly #results = new Map<string, unknown[]>();
  #sequence = 0;

  constructor(data: FakeOrgData, apiVersion: string, pageSize: () => number) {
    this.#data = data;
    this.#apiVersion = apiVersion;
    this.#pageSize = pageSize;
  }

  run(soql: string): FakeAnswer {
    const match = QUERY.exec(soql.trim());
    const groups = match?.groups;
    if (groups === undefined) return errorAnswer(400, { errorCode: 'MALFORMED_QUERY', message: `unexpected token: ${soql.split(/\s+/).slice(0, 3).join(' ')}` });
    const object = fakeObject(groups.sobject ?? '');
    if (object === undefined) {
      return errorAnswer(400, {
        errorCode: 'INVALID_TYPE',
        message: `sObject type '${groups.sobject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
      });
    }
    const fields = (groups.fields ?? '').split(',').map((field) => field.trim());
    const named = [...fields, groups.whereField, groups.orderField].filter((field): field is string => field !== undefined);
    const unknown = named.find((field) => fieldOf(object, field) === undefined);
    if (unknown !== undefined) return errorAnswer(400, noSuchColumn(object, unknown));

    let records = this.#data.all(object.name);
    if (groups.whereField !== undefined) records = records.filter((record) => record.values[groups.whereField ?? ''] === groups.whereValue);
    if (groups.orderField !== undefined) records = sortedBy(records, groups.orderField, groups.direction?.toUpperCase() === 'DESC');
    if (groups.limit !== undefined) records = records.slice(0, Number(groups.limit));
    const rows = records.map((record) => ({
      attributes: { type: object.name, url: `/services/data/v${this.#apiVersion}/sobjects/${object.name}/${String(record.values.Id)}` },
      ...Object.fromEntries(fields.map((field) => [field, record.values[field] ?? null])),
    }));

    this.#sequence += 1;
    const locator = `01gFAKE${String(this.#sequence).padStart(11, '0')}`;
    this.#results.set(locator, rows);
    return this.#pageAt(locator, 0);
  }

  /** The page a `nextRecordsUrl` names: `<locator>-<offset>`. */
  page(locatorAndOffset: string): FakeAnswer {
    const [, locator = '', offset = ''] = /^(\w+)-(\d+)$/.exec(locatorAndOffset) ?? [];
    if (!this.#results.has(locator)) return errorAnswer(400, { errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' });
    return this.#pageAt(locator, Number(offset));
  }

  #pageAt(locator: string, offset: number): FakeAnswer {
    const rows = this.#results.get(locator) ?? [];
    const end = offset + this.#pageSize();
    const done = end >= rows.length;
    if (done) this.#results.delete(locator);
    return {
      status: 200,
      body: {
        totalSize: rows.length,
        done,
        ...(!done && { nextRecordsUrl: `/services/data/v${this.#apiVersion}/query/${locator}-${end}` }),
        records: rows.slice(offset, end),
      },
    };
  }
}

function sortedBy(records: StoredRecord[], field: string, descending: boolean): StoredRecord[] {
  const sorted = [...records].sort((a, b) => String(a.values[field] ?? '').localeCompare(String(b.values[field] ?? '')));
  return descending ? sorted.reverse() : sorted;
}
