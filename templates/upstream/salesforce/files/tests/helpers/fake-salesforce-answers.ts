/** What the fake Salesforce answers, in Salesforce's shapes. */

/** One entry of Salesforce's error list. */
export interface SalesforceErrorItem {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** What a fake endpoint answers: the status, a JSON body (absent for 204) and headers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const errorAnswer = (status: number, ...errors: SalesforceErrorItem[]): FakeAnswer => ({ status, body: errors });

export const NOT_FOUND: SalesforceErrorItem = { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' };
