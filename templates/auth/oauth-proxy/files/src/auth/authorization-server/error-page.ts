import { escapeHtml, page } from './html.js';

/** What a person sees when an authorization request cannot go on (bad client, expired step...). */
export function renderErrorPage(message: string): string {
  return page('Sign-in failed', `<h1>Sign-in failed</h1><p>${escapeHtml(message)}</p><p>Go back to your application and start again.</p>`);
}
