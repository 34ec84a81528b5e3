import { ToolError } from '../../errors.js';

/**
 * SOQL is a query language, yet a few of its clauses change state: `FOR UPDATE` locks records,
 * `UPDATE TRACKING` and `UPDATE VIEWSTAT` record that Knowledge articles were viewed, and `FOR VIEW` /
 * `FOR REFERENCE` stamp LastViewedDate / LastReferencedDate on every record returned. The query is
 * documented here as read-only, so it is held to one plain SELECT before it leaves the server:
 *
 * - one statement: no `;` outside a text literal (SOQL has none; a trailing one included);
 * - it begins with SELECT (SOQL has no leading parentheses and no WITH … SELECT);
 * - none of the words below appears outside a text literal: the state-changing clauses above, and the
 *   DML verbs, which are Apex and never SOQL.
 *
 * Text literals ('…', with backslash escapes such as \') are skipped, so `WHERE Name = 'Update; Delete'`
 * is fine. SOQL has no comments.
 */
const STATE_CHANGING_WORDS = new Set(['UPDATE', 'INSERT', 'DELETE', 'UPSERT', 'MERGE', 'UNDELETE']);
const STATE_CHANGING_AFTER_FOR = new Set(['VIEW', 'REFERENCE']);

type Token = { kind: 'word'; text: string } | { kind: 'punctuation'; text: string } | { kind: 'literal' };

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;

export function assertReadOnlySoql(query: string): void {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new ToolError('invalid_argument', 'The SOQL query is empty');
  if (tokens.some((token) => token.kind === 'punctuation' && token.text === ';')) {
    refuse('contains ";" outside quotes: send the query without a semicolon');
  }
  const [first] = tokens;
  if (first?.kind !== 'word' || first.text.toUpperCase() !== 'SELECT') {
    refuse(first?.kind === 'word' ? `begins with ${first.text.toUpperCase()}` : 'does not begin with SELECT');
  }
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') return;
    const word = token.text.toUpperCase();
    if (STATE_CHANGING_WORDS.has(word)) refuse(`contains ${word} outside quotes`);
    const previous = tokens[index - 1];
    if (STATE_CHANGING_AFTER_FOR.has(word) && previous?.kind === 'word' && previous.text.toUpperCase() === 'FOR') {
      refuse(`asks FOR ${word}, which marks every record returned as viewed`);
    }
  });
}

function refuse(reason: string): never {
  throw new ToolError('query_not_read_only', `SOQL queries are read-only here: send a single plain SELECT query. This query ${reason}.`);
}

/** Words and punctuation of the query; whitespace dropped, text literals opaque. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at] ?? '';
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === "'") {
      at = endOfLiteral(query, at + 1);
      tokens.push({ kind: 'literal' });
    } else if (WORD_START.test(char)) {
      let end = at + 1;
      while (end < query.length && WORD_PART.test(query[end] ?? '')) end += 1;
      tokens.push({ kind: 'word', text: query.slice(at, end) });
      at = end;
    } else {
      tokens.push({ kind: 'punctuation', text: char });
      at += 1;
    }
  }
  return tokens;
}

/** Just past the closing quote of a text literal whose content starts at `from`; `\` escapes the next character. */
function endOfLiteral(query: string, from: number): number {
  for (let at = from; at < query.length; at += 1) {
    if (query[at] === '\\') at += 1;
    else if (query[at] === "'") return at + 1;
  }
  throw new ToolError('invalid_argument', 'The SOQL query has a text literal that is never closed');
}
