/**
 * Settings of the auth strategy that tests never exercise but a complete configuration needs,
 * beside the identity provider placeholders of the upstream preset. A strategy with settings of its
 * own that have no default replaces this file; the others need none.
 */
export const placeholderAuthEnv: Record<string, string> = {};
