/**
 * A headless browser for the redirect-and-form dance of OAuth sign-ins: it keeps cookies, follows
 * redirects one by one (so a test can stop at any URL) and submits HTML forms. No JavaScript: the
 * pages it drives (an upstream's login and consent, the MCP server's own consent) are plain HTML.
 */

/** A form found on a page, with the values it would submit as it stands. */
export interface HtmlForm {
  action: URL;
  method: 'GET' | 'POST';
  /** Named inputs, text areas and selects with their current values (unchecked boxes left out, empty fields as ''). */
  fields: Record<string, string>;
  /** Named submit buttons in page order; the first is pressed unless the filled-in fields name another's value. */
  buttons: Array<{ name: string; value: string; label: string }>;
}

export interface Page {
  url: URL;
  status: number;
  html: string;
}

export interface FollowOptions {
  /** Stop at the first URL this accepts (checked before each request, the first one included). */
  until: (url: URL) => boolean;
  /**
   * Called for each form of a page, in order: the fields to change before submitting it (merged over
   * its own values), or undefined when this is not the form to submit. Without it, a page's first
   * form is submitted as it stands.
   */
  fillForm?: (form: HtmlForm, page: Page) => Record<string, string> | undefined;
  /** Request the URL `until` accepted too, and return its response (default: return the URL unvisited). */
  fetchLast?: boolean;
  /** Give up after this many requests (default 30): a redirect loop fails the test rather than hangs it. */
  maxSteps?: number;
}

export interface FollowResult {
  /** The URL `until` accepted. */
  url: URL;
  /** Its response, with fetchLast. */
  response?: Response;
  /** Every URL requested on the way, in order. */
  visited: URL[];
}

interface Cookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  expiresAt?: number;
  secure: boolean;
}

export class UserAgent {
  readonly #cookies = new Map<string, Cookie>();

  /** One request with this agent's cookies, redirects not followed; cookies it sets are kept. */
  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target);
    if (cookie !== '') headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.#store(target, line);
    return response;
  }

  /** Follows `start` through redirects and forms until options.until accepts a URL. */
  async follow(start: URL | string, options: FollowOptions): Promise<FollowResult> {
    const visited: URL[] = [];
    let url = new URL(start);
    let init: RequestInit = {};
    for (let step = 0; step < (options.maxSteps ?? 30); step += 1) {
      if (options.until(url)) return options.fetchLast === true ? { url, response: await this.fetch(url, init), visited } : { url, visited };
      const response = await this.fetch(url, init);
      visited.push(url);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        // 307 and 308 repeat the request as it was; the others turn it into a GET.
        if (response.status !== 307 && response.status !== 308) init = {};
        url = new URL(location, url);
        continue;
      }
      const page: Page = { url, status: response.status, html: await response.text() };
      ({ url, init } = submission(page, options.fillForm));
    }
    throw new Error(`no URL accepted after ${options.maxSteps ?? 30} requests; visited: ${visited.map(String).join(' -> ')}`);
  }

  /** The Cookie header this agent sends to `url`. */
  cookieHeader(url: URL): string {
    const now = Date.now();
    const sent: Cookie[] = [];
    for (const [key, cookie] of this.#cookies) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) {
        this.#cookies.delete(key);
        continue;
      }
      const domainMatches = cookie.hostOnly ? url.hostname === cookie.domain : url.hostname === cookie.domain || url.hostname.endsWith(`.${cookie.domain}`);
      const pathMatches = url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`);
      if (domainMatches && pathMatches && (!cookie.secure || url.protocol === 'https:')) sent.push(cookie);
    }
    // Longer paths first, as browsers send them.
    return sent
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  #store(url: URL, line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const cookie: Cookie = { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), domain: url.hostname, hostOnly: true, path: defaultPath(url), secure: false };
    for (const attribute of attributes) {
      const [rawName = '', ...rest] = attribute.split('=');
      const name = rawName.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (name === 'path' && value.startsWith('/')) cookie.path = value;
      else if (name === 'domain' && value !== '') Object.assign(cookie, { domain: value.replace(/^\./, '').toLowerCase(), hostOnly: false });
      else if (name === 'secure') cookie.secure = true;
      else if (name === 'max-age' && /^-?\d+$/.test(value)) cookie.expiresAt = Date.now() + Number(value) * 1000;
      else if (name === 'expires' && cookie.expiresAt === undefined && !Number.isNaN(Date.parse(value))) cookie.expiresAt = Date.parse(value);
    }
    const key = `${cookie.domain}|${cookie.path}|${cookie.name}`;
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now()) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
  }
}

/** The request that submits the chosen form of `page`. */
function submission(page: Page, fillForm: FollowOptions['fillForm']): { url: URL; init: RequestInit } {
  const forms = parseForms(page.html, page.url);
  let chosen: { form: HtmlForm; filled: Record<string, string> } | undefined;
  for (const form of forms) {
    const filled = fillForm === undefined ? {} : fillForm(form, page);
    if (filled !== undefined) {
      chosen = { form, filled };
      break;
    }
  }
  if (chosen === undefined) throw new Error(`nothing to submit on ${page.url} (HTTP ${page.status}): ${textOf(page.html)}`);
  const { form, filled } = chosen;
  const values = new URLSearchParams({ ...form.fields, ...filled });
  const pressed = form.buttons.find((button) => filled[button.name] === button.value) ?? form.buttons[0];
  if (pressed !== undefined && !(pressed.name in filled)) values.set(pressed.name, pressed.value);
  if (form.method === 'GET') {
    const url = new URL(form.action);
    url.search = values.toString();
    return { url, init: {} };
  }
  return { url: form.action, init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: values.toString() } };
}

/** The forms of a page, read with a few regular expressions: enough for simple server-rendered pages. */
export function parseForms(html: string, base: URL): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, rawAttributes = '', body = '']) => {
    const attributes = attributesOf(rawAttributes);
    const fields: Record<string, string> = {};
    const buttons: HtmlForm['buttons'] = [];
    for (const [, raw = ''] of body.matchAll(/<input\b([^>]*)>/gi)) {
      const input = attributesOf(raw);
      const type = (input.type ?? 'text').toLowerCase();
      if (input.name === undefined || 'disabled' in input || ['button', 'reset', 'file', 'image'].includes(type)) continue;
      if (type === 'submit') buttons.push({ name: input.name, value: input.value ?? '', label: input.value ?? '' });
      else if (type === 'checkbox' || type === 'radio') {
        if ('checked' in input) fields[input.name] = input.value ?? 'on';
      } else fields[input.name] = input.value ?? '';
    }
    for (const [, raw = '', content = ''] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const textarea = attributesOf(raw);
      if (textarea.name !== undefined && !('disabled' in textarea)) fields[textarea.name] = decodeEntities(content);
    }
    for (const [, raw = '', content = ''] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const select = attributesOf(raw);
      const options = [...content.matchAll(/<option\b([^>]*)>([\s\S]*?)(?=<option\b|$)/gi)].map(([, optionRaw = '', label = '']) => ({ attributes: attributesOf(optionRaw), label: textOf(label) }));
      const option = options.find((candidate) => 'selected' in candidate.attributes) ?? options[0];
      if (select.name !== undefined && !('disabled' in select) && option !== undefined) fields[select.name] = option.attributes.value ?? option.label;
    }
    for (const [, raw = '', label = ''] of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const button = attributesOf(raw);
      if ((button.type ?? 'submit').toLowerCase() === 'submit' && button.name !== undefined && !('disabled' in button)) {
        buttons.push({ name: button.name, value: button.value ?? '', label: textOf(label) });
      }
    }
    const method = (attributes.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    return { action: new URL(attributes.action ?? '', base), method, fields, buttons };
  });
}

function attributesOf(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name = '', doubleQuoted, singleQuoted, bare] of raw.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    attributes[name.toLowerCase()] = decodeEntities(doubleQuoted ?? singleQuoted ?? bare ?? '');
  }
  return attributes;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
    return named[code.toLowerCase()] ?? entity;
  });
}

/** Readable text of some HTML, shortened: for error messages. */
function textOf(html: string): string {
  const text = decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** RFC 6265 section 5.1.4: the request path up to its last slash. */
function defaultPath(url: URL): string {
  const last = url.pathname.lastIndexOf('/');
  return last <= 0 ? '/' : url.pathname.slice(0, last);
}
