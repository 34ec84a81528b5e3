import { describe, expect, it } from 'vitest';

import { ToolError } from '../../../src/errors.js';
import { assertReadOnlySoql } from '../../../src/upstream/salesforce/soql-read-only.js';

/** The code and message a query is refused with, or undefined when it may be sent. */
function refusalOf(query: string): { code: string; message: string } | undefined {
  try {
    assertReadOnlySoql(query);
    return undefined;
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('which SOQL queries leave the server', () => {
  it.each([
    ['a plain SELECT', 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 50'],
    ['leading whitespace and lower case', '  \n select Id from Account'],
    ['keywords and a semicolon inside a text literal', "SELECT Name FROM Account WHERE Name = 'Update; Delete'"],
    ['an escaped quote inside a text literal', "SELECT Name FROM Account WHERE Name = 'O\\'Brien; DELETE'"],
    ['a child subquery', 'SELECT Name, (SELECT LastName FROM Contacts) FROM Account'],
    ['date literals and WITH SECURITY_ENFORCED', 'SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:30 WITH SECURITY_ENFORCED'],
    ['names that merely contain a keyword', 'SELECT Id, Last_Update__c, Delete_Reason__c FROM Invoice__c'],
    ['COUNT()', 'SELECT COUNT() FROM Contact'],
  ])('sends %s', (_case, query) => {
    expect(refusalOf(query)).toBeUndefined();
  });

  it.each([
    ['a DML statement', 'DELETE FROM Account', /begins with DELETE/],
    ['a SOSL search', 'FIND {Acme} RETURNING Account', /begins with FIND/],
    ['a query in parentheses', '(SELECT Id FROM Account)', /does not begin with SELECT/],
    ['a second statement', 'SELECT Id FROM Account; DELETE FROM Account', /";"/],
    ['a trailing semicolon', 'SELECT Id FROM Account;', /";"/],
    ['FOR UPDATE, which locks the records', 'SELECT Id FROM Account LIMIT 1 FOR UPDATE', /UPDATE/],
    ['UPDATE TRACKING', "SELECT Title FROM FAQ__kav WHERE PublishStatus = 'Online' UPDATE TRACKING", /UPDATE/],
    ['UPDATE VIEWSTAT', "SELECT Title FROM FAQ__kav WHERE PublishStatus = 'Online' UPDATE VIEWSTAT", /UPDATE/],
    ['FOR VIEW, which stamps LastViewedDate', 'SELECT Name FROM Account LIMIT 1 FOR VIEW', /FOR VIEW/],
    ['FOR REFERENCE, which stamps LastReferencedDate', 'SELECT Name FROM Account LIMIT 1 FOR REFERENCE', /FOR REFERENCE/],
  ])('refuses %s with query_not_read_only', (_case, query, reason) => {
    expect(refusalOf(query)).toEqual({ code: 'query_not_read_only', message: expect.stringMatching(reason) });
  });

  it.each([
    ['an unterminated text literal', "SELECT Id FROM Account WHERE Name = 'x; DELETE FROM Account"],
    ['a text literal whose last quote is escaped', "SELECT Id FROM Account WHERE Name = 'x\\'; DELETE FROM Account"],
  ])('refuses %s', (_case, query) => {
    expect(refusalOf(query)).toEqual({ code: 'invalid_argument', message: expect.stringContaining('never closed') });
  });

  it('refuses an empty query', () => {
    expect(refusalOf('  ')).toEqual({ code: 'invalid_argument', message: 'The SOQL query is empty' });
  });
});
