import type { JsonValue, Store } from '../../storage/store.js';

/** What this server remembers about a user who signed in at the upstream: enough to issue their tokens. */
export interface Account {
  /** The user's subject at the upstream, which is also their subject in this server's tokens. */
  readonly subject: string;
  readonly roles: readonly string[];
  readonly tenant?: string;
  /** Claims of the upstream sign-in worth showing (name, email), for whoami. */
  readonly profile: Readonly<Record<string, JsonValue>>;
}

/** Accounts in the (sealed) store: they hold personal data. They live as long as a refresh token may. */
export function createAccounts(store: Store, ttlSeconds: number) {
  const key = (subject: string) => `account:${subject}`;
  return {
    async find(subject: string): Promise<Account | undefined> {
      return store.get<Account & JsonValue>(key(subject));
    },
    async save(account: Account): Promise<void> {
      await store.set(key(account.subject), account as Account & JsonValue, { ttlSeconds });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
