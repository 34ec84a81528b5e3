import { ToolError } from '../../errors.js';
import { MAX_PAGE_SIZE } from './collection-page.js';

/** Which page of a collection to fetch. NetSuite's default is its largest page from the start. */
export interface PageRequest {
  /** Items per page, 1 to 1000. */
  limit?: number;
  /** Items to skip; keep `limit` the same from page to page. */
  offset?: number;
}

/** The page request, refused with a clear message when NetSuite would refuse it. */
export function checkPage({ limit, offset }: PageRequest): PageRequest {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)) {
    throw new ToolError('invalid_argument', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${limit}`);
  }
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) {
    throw new ToolError('invalid_argument', `offset must be a whole number from 0, not ${offset}`);
  }
  return { ...(limit !== undefined && { limit }), ...(offset !== undefined && { offset }) };
}
