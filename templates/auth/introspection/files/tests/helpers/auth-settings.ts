/**
 * Settings of the auth strategy that tests never exercise but a complete configuration needs,
 * beside the identity provider placeholders of the upstream preset: this server's introspection client.
 */
export const placeholderAuthEnv: Record<string, string> = { AUTH_CLIENT_ID: 'mcp-resource-server', AUTH_CLIENT_SECRET: 'placeholder-client-secret' };
