import { ToolError } from '../../errors.js';

/**
 * Tool input ends up in upstream URLs. Nothing in it may change the host the credentials are sent
 * to, or reach an API outside the configured base path: each piece is one encoded path segment, and
 * every request URL is checked against the base before anything is sent.
 */

function invalid(message: string): ToolError {
  return new ToolError('invalid_argument', message);
}

/**
 * A path below the base URL made of `segments`, each percent-encoded as one segment:
 * `pathOf('customers', id)` cannot become `/customers/../admin` or `/customers?x=1` whatever `id` is.
 * Refuses empty, `.` and `..` segments, which the URL rules would collapse.
 */
export function pathOf(...segments: Array<string | number>): string {
  return segments
    .map((segment) => {
      if (typeof segment === 'number' && !Number.isFinite(segment)) throw invalid(`${segment} is not a valid path segment`);
      const text = String(segment);
      if (text === '' || text === '.' || text === '..') throw invalid(`${JSON.stringify(text)} is not a valid path segment`);
      return `/${encodeURIComponent(text)}`;
    })
    .join('');
}

/** A dot segment as URL parsers see it: `.`/`..`, also written `%2e`, between `/` or `\` (a separator in http URLs). */
function hasDotSegment(path: string): boolean {
  return path.split(/[/\\]/).some((segment) => {
    const decoded = segment.replace(/%2e/gi, '.');
    return decoded === '.' || decoded === '..';
  });
}

/** Where an upstream's API lives: requests may only go to `origin`, at or below `pathPrefix`. */
export interface UpstreamBase {
  readonly origin: string;
  /** The base URL's path without a trailing slash: '' for the whole host, '/api/v2' for a sub-tree. */
  readonly pathPrefix: string;
}

export function parseBaseUrl(baseUrl: string): UpstreamBase {
  if (!URL.canParse(baseUrl)) throw new Error(`Upstream base URL ${JSON.stringify(baseUrl)} is not an absolute URL`);
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Upstream base URL ${JSON.stringify(baseUrl)} is not an http(s) URL`);
  return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The URL a request for `path` goes to: below `base` (relative paths, as pathOf builds them), or
 * `path` itself when it is an absolute URL the upstream returned (paging links) on the same origin
 * and below the base path. Anything else is refused with an `invalid_argument` ToolError.
 */
export function resolveBelow(base: UpstreamBase, path: string): URL {
  const [target = ''] = path.split(/[?#]/, 1);
  if (hasDotSegment(target)) throw invalid(`The path ${JSON.stringify(target)} may not contain "." or ".." segments`);

  // Relative paths are appended as text: resolving them as URL references would let "//other.host/"
  // name another host.
  const candidate = ABSOLUTE.test(path) ? path : `${base.origin}${base.pathPrefix}${path.startsWith('/') ? '' : '/'}${path}`;
  if (!URL.canParse(candidate)) throw invalid(`${JSON.stringify(path)} is not a valid request path`);
  const url = new URL(candidate);
  url.hash = '';
  const { pathPrefix } = base;
  const below = url.pathname === pathPrefix || url.pathname.startsWith(`${pathPrefix}/`);
  if (url.origin !== base.origin || !below || url.username !== '' || url.password !== '') {
    throw invalid(`Refused a request outside the upstream API (${base.origin}${pathPrefix}/)`);
  }
  return url;
}
