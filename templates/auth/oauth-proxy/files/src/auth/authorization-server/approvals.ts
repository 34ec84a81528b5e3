import type { Store } from '../../storage/store.js';

/**
 * Which clients each user has approved on the consent page. A client is only ever let through
 * without the page for a user who approved that very client before: any other client (a new
 * registration, another metadata document) is shown to the user first, so a link crafted with an
 * attacker's client cannot ride on a sign-in the user already has at the upstream.
 */
export function createApprovals(store: Store, ttlSeconds: number) {
  const key = (subject: string, clientId: string) => `approval:${subject}:${clientId}`;
  return {
    async has(subject: string, clientId: string, scopes: readonly string[]): Promise<boolean> {
      const approved = await store.get<string[]>(key(subject, clientId));
      return approved !== undefined && scopes.every((scope) => approved.includes(scope));
    },
    async record(subject: string, clientId: string, scopes: readonly string[]): Promise<void> {
      const previous = (await store.get<string[]>(key(subject, clientId))) ?? [];
      await store.set(key(subject, clientId), [...new Set([...previous, ...scopes])], { ttlSeconds });
    },
  };
}

export type Approvals = ReturnType<typeof createApprovals>;
