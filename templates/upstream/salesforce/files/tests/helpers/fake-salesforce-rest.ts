import { errorAnswer, NOT_FOUND, type FakeAnswer } from './fake-salesforce-answers.js';
import { checkWrite, noSuchColumn, type FakeOrgData, type StoredRecord } from './fake-salesforce-org.js';
import { describeAnswer, describeGlobalAnswer, fakeObject, fieldOf } from './fake-salesforce-schema.js';
import type { FakeQueries } from './fake-salesforce-soql.js';

/**
 * The REST API resources of the fake org below /services/data/v<version>/, with Salesforce's URL
 * shapes, status codes and bodies: sObject rows by ID and by external ID, create, update, upsert,
 * delete, describe, and query.
 */

const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export interface RestRequest {
  method: string;
  /** Decoded path segments below /services/data/v<version>/. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
}

export function restAnswer(request: RestRequest, data: FakeOrgData, queries: FakeQueries, apiVersion: string): FakeAnswer {
  const { method, segments } = request;
  const [resource, sobject, second, third, ...rest] = segments;
  if (resource === 'query' && method === 'GET') {
    if (sobject === undefined) return queries.run(request.query.get('q') ?? '');
    return second === undefined ? queries.page(sobject) : errorAnswer(404, NOT_FOUND);
  }
  if (resource !== 'sobjects' || rest.length > 0) return errorAnswer(404, NOT_FOUND);
  if (sobject === undefined) return method === 'GET' ? { status: 200, body: describeGlobalAnswer(apiVersion) } : errorAnswer(405, NOT_FOUND);

  const object = fakeObject(sobject);
  if (object === undefined) return errorAnswer(404, NOT_FOUND);
  const urlOf = (id: unknown) => `/services/data/v${apiVersion}/sobjects/${object.name}/${String(id)}`;
  const rowOf = (record: StoredRecord, fields: string[] | undefined) => ({
    attributes: { type: object.name, url: urlOf(record.values.Id) },
    ...(fields === undefined ? record.values : Object.fromEntries(fields.map((field) => [field, record.values[field] ?? null]))),
  });

  if (second === undefined) {
    if (method !== 'POST') return errorAnswer(405, NOT_FOUND);
    const checked = checkWrite(data, object, request.body, undefined);
    if ('error' in checked) return errorAnswer(400, checked.error);
    return { status: 201, body: { id: data.seed(object.name, checked.values), success: true, errors: [] } };
  }
  if (second === 'describe' && third === undefined) return method === 'GET' ? { status: 200, body: describeAnswer(object, apiVersion) } : errorAnswer(405, NOT_FOUND);

  if (third !== undefined) {
    // /sobjects/<object>/<external ID field>/<value>
    const field = fieldOf(object, second);
    if (field?.externalId !== true) {
      return errorAnswer(404, { errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${second}` });
    }
    const matches = data.all(object.name).filter((record) => record.values[second] === third);
    if (method === 'GET') {
      const [match] = matches;
      if (match === undefined) return errorAnswer(404, NOT_FOUND);
      return { status: 200, body: rowOf(match, request.query.get('fields')?.split(',')) };
    }
    if (method !== 'PATCH') return errorAnswer(405, NOT_FOUND);
    if (matches.length > 1) return { status: 300, body: matches.map((record) => urlOf(record.values.Id)) };
    const [existing] = matches;
    const checked = checkWrite(data, object, { ...(request.body as object), [second]: third }, existing);
    if ('error' in checked) return errorAnswer(400, checked.error);
    if (existing !== undefined) {
      data.update(existing, checked.values);
      return { status: 200, body: { id: existing.values.Id, success: true, errors: [], created: false } };
    }
    return { status: 201, body: { id: data.seed(object.name, checked.values), success: true, errors: [], created: true } };
  }

  // /sobjects/<object>/<id>
  if (!RECORD_ID.test(second)) return errorAnswer(404, { errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${second}` });
  const found = data.find(object.name, second);
  if (found === 'deleted') return errorAnswer(404, { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' });
  if (found === undefined) return errorAnswer(404, NOT_FOUND);
  switch (method) {
    case 'GET': {
      const fields = request.query.get('fields')?.split(',');
      const unknown = fields?.find((name) => fieldOf(object, name) === undefined);
      if (unknown !== undefined) return errorAnswer(400, noSuchColumn(object, unknown));
      return { status: 200, body: rowOf(found, fields) };
    }
    case 'PATCH': {
      const checked = checkWrite(data, object, request.body, found);
      if ('error' in checked) return errorAnswer(400, checked.error);
      data.update(found, checked.values);
      return { status: 204 };
    }
    case 'DELETE':
      data.delete(found);
      return { status: 204 };
    default:
      return errorAnswer(405, NOT_FOUND);
  }
}
