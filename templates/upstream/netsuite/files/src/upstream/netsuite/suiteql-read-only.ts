import { ToolError } from '../../errors.js';

/**
 * SuiteQL is documented here as read-only querying, so anything but a single SELECT statement is
 * refused before it leaves the server, whatever the integration role could do. SuiteQL is SQL in the
 * Oracle dialect; the check reads it token by token so that comments, string literals and quoted
 * identifiers (which may well contain `DELETE` or `;`) never count, and then asks:
 *
 * - one statement: no `;` outside a literal or comment (a trailing one included: send the statement alone);
 * - it begins, after any opening parentheses, with SELECT or WITH (a WITH clause names subqueries for
 *   the SELECT that follows it);
 * - no keyword that writes or changes anything appears anywhere in it, nested subqueries and
 *   WITH clauses included (`SELECT … FOR UPDATE` locks rows; some dialects allow
 *   `WITH x AS (DELETE …) SELECT …`). These words are reserved in Oracle, so no column or table can
 *   bear one of them unquoted; quoted identifiers ("update") are still fine.
 */
const WRITING_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'RENAME', 'GRANT', 'REVOKE', 'LOCK', 'INTO']);

type Token = { kind: 'word'; text: string } | { kind: 'punctuation'; text: string } | { kind: 'literal' };

/** Closing delimiters of Oracle's alternative quoting (q'[…]'); any other character closes itself. */
const Q_QUOTE_CLOSERS: Readonly<Record<string, string>> = { '[': ']', '{': '}', '(': ')', '<': '>' };

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$#]/;

export function assertReadOnlySuiteQl(query: string): void {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new ToolError('invalid_argument', 'The SuiteQL query is empty');
  if (tokens.some((token) => token.kind === 'punctuation' && token.text === ';')) {
    refuse('contains ";" outside quotes: send the one statement without a semicolon');
  }
  const first = tokens.find((token) => !(token.kind === 'punctuation' && token.text === '('));
  const firstWord = first?.kind === 'word' ? first.text.toUpperCase() : undefined;
  if (firstWord !== 'SELECT' && firstWord !== 'WITH') {
    refuse(firstWord === undefined ? 'does not begin with SELECT' : `begins with ${firstWord}`);
  }
  const writing = tokens.find((token) => token.kind === 'word' && WRITING_KEYWORDS.has(token.text.toUpperCase()));
  if (writing?.kind === 'word') refuse(`contains ${writing.text.toUpperCase()} outside quotes`);
}

function refuse(reason: string): never {
  throw new ToolError('query_not_read_only', `SuiteQL queries are read-only here: send a single SELECT statement (WITH … SELECT too). This query ${reason}.`);
}

/** Words and punctuation of the query; comments and whitespace dropped, literals and quoted identifiers opaque. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at] ?? '';
    const next = query[at + 1] ?? '';
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '-' && next === '-') {
      const end = query.indexOf('\n', at);
      at = end === -1 ? query.length : end + 1;
    } else if (char === '/' && next === '*') {
      at = closingOf(query, '*/', at + 2, 'a comment');
    } else if (char === "'") {
      at = endOfQuoted(query, "'", at + 1, 'a text literal');
      tokens.push({ kind: 'literal' });
    } else if (char === '"') {
      at = endOfQuoted(query, '"', at + 1, 'a quoted name');
      tokens.push({ kind: 'literal' });
    } else if (WORD_START.test(char)) {
      let end = at + 1;
      while (end < query.length && WORD_PART.test(query[end] ?? '')) end += 1;
      const word = query.slice(at, end);
      if (query[end] === "'" && /^n?q$/i.test(word)) {
        at = endOfAlternativeQuote(query, end + 1);
        tokens.push({ kind: 'literal' });
      } else if (query[end] === "'" && /^n$/i.test(word)) {
        at = endOfQuoted(query, "'", end + 1, 'a text literal');
        tokens.push({ kind: 'literal' });
      } else {
        tokens.push({ kind: 'word', text: word });
        at = end;
      }
    } else {
      tokens.push({ kind: 'punctuation', text: char });
      at += 1;
    }
  }
  return tokens;
}

/** Just past `'…'` or `"…"` whose content starts at `from`; a doubled quote stands for itself. */
function endOfQuoted(query: string, quote: string, from: number, what: string): number {
  let at = from;
  for (;;) {
    const end = query.indexOf(quote, at);
    if (end === -1) throw unterminated(what);
    if (query[end + 1] !== quote) return end + 1;
    at = end + 2;
  }
}

/** Just past q'<d>…<d>' (Oracle's alternative quoting), where `from` is at the opening delimiter. */
function endOfAlternativeQuote(query: string, from: number): number {
  const opening = query[from];
  if (opening === undefined || /\s/.test(opening)) throw unterminated('a q-quoted text literal');
  return closingOf(query, `${Q_QUOTE_CLOSERS[opening] ?? opening}'`, from + 1, 'a q-quoted text literal');
}

function closingOf(query: string, closing: string, from: number, what: string): number {
  const end = query.indexOf(closing, from);
  if (end === -1) throw unterminated(what);
  return end + closing.length;
}

function unterminated(what: string): ToolError {
  return new ToolError('invalid_argument', `The SuiteQL query has ${what} that is never closed`);
}
