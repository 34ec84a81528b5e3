import { describe, expect, it } from 'vitest';

import { ToolError } from '../../../src/errors.js';
import { assertReadOnlySuiteQl } from '../../../src/upstream/netsuite/suiteql-read-only.js';

/** The code and message a query is refused with, or undefined when it may be sent. */
function refusalOf(query: string): { code: string; message: string } | undefined {
  try {
    assertReadOnlySuiteQl(query);
    return undefined;
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('which SuiteQL queries leave the server', () => {
  it.each([
    ['a plain SELECT', 'SELECT id, companyname FROM customer ORDER BY id'],
    ['leading whitespace and lower case', "  \n\tselect id from customer where isinactive = 'F'"],
    ['leading parentheses around a compound query', '((SELECT id FROM customer) UNION (SELECT id FROM vendor))'],
    ['WITH … SELECT', "WITH recent AS (SELECT id FROM transaction WHERE trandate > TO_DATE('2024-01-31', 'YYYY-MM-DD')) SELECT id FROM recent"],
    ['keywords and a semicolon inside a text literal', "SELECT id FROM customer WHERE companyname = 'Drop; DELETE FROM customer'"],
    ['a doubled quote inside a text literal', "SELECT id FROM customer WHERE comments = 'It''s; UPDATE customer'"],
    ['an alternative-quoted literal', "SELECT q'[it's; DELETE]' AS note, nq'{x'; y}' AS other FROM customer"],
    ['a national text literal', "SELECT id FROM customer WHERE companyname = N'Müller; DROP'"],
    ['a quoted identifier named like a keyword', 'SELECT "update", "delete;" FROM customer'],
    ['keywords inside a line comment', '-- DELETE FROM customer;\nSELECT id FROM customer'],
    ['keywords inside a block comment', '/* UPDATE customer SET companyname = 1; */ SELECT id FROM customer /* ; */'],
    ['names that merely contain a keyword', 'SELECT custentity_delete_flag, lastmodifieddate, BUILTIN.DF(createdby) FROM customer'],
  ])('sends %s', (_case, query) => {
    expect(refusalOf(query)).toBeUndefined();
  });

  it.each([
    ['a DELETE', 'DELETE FROM customer WHERE id = 1', /begins with DELETE/],
    ['an UPDATE', "UPDATE customer SET companyname = 'x'", /begins with UPDATE/],
    ['an INSERT', 'INSERT INTO customer (companyname) VALUES (1)', /begins with INSERT/],
    ['a DELETE in parentheses', '(DELETE FROM customer)', /begins with DELETE/],
    ['DDL behind a comment', '/* harmless */ DROP TABLE customer', /begins with DROP/],
    ['a procedure call', "EXEC purge('customer')", /begins with EXEC/],
    ['a second statement', 'SELECT id FROM customer; DELETE FROM customer', /";"/],
    ['a trailing semicolon', 'SELECT id FROM customer;', /";"/],
    ['a statement after a quote hidden in a comment', "SELECT id FROM customer -- it's\n; DELETE FROM customer", /";"/],
    ['a statement after an alternative-quoted literal', "SELECT q'{it''s}' FROM customer; DELETE FROM customer", /";"/],
    ['a writing WITH clause', 'WITH gone AS (DELETE FROM customer RETURNING id) SELECT id FROM gone', /DELETE/],
    ['a SELECT that locks rows', 'SELECT id FROM customer FOR UPDATE', /UPDATE/],
    ['a SELECT INTO', 'SELECT id INTO backup FROM customer', /INTO/],
  ])('refuses %s with query_not_read_only', (_case, query, reason) => {
    expect(refusalOf(query)).toEqual({ code: 'query_not_read_only', message: expect.stringMatching(reason) });
  });

  it.each([
    ['a text literal', "SELECT id FROM customer WHERE companyname = 'x; DELETE FROM customer"],
    ['a block comment', 'SELECT id FROM customer /* ; DELETE FROM customer'],
    ['a quoted identifier', 'SELECT "id FROM customer'],
    ['an alternative-quoted literal', "SELECT q'[x; DELETE FROM customer' FROM customer"],
  ])('refuses a query whose %s is never closed', (_case, query) => {
    expect(refusalOf(query)).toEqual({ code: 'invalid_argument', message: expect.stringContaining('never closed') });
  });

  it.each(['', '   ', '-- only a comment', '/* only a comment */'])('refuses an empty query (%j)', (query) => {
    expect(refusalOf(query)).toEqual({ code: 'invalid_argument', message: 'The SuiteQL query is empty' });
  });
});
