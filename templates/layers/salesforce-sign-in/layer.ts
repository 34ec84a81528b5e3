import type { Layer } from '../../../src/features/unit.js';

/**
 * Salesforce as the identity provider its users sign in at, for projects whose auth strategy signs
 * users in through the server: the Salesforce tools then act as each signed-in user.
 */
export const salesforceSignIn = {
  folder: 'layers/salesforce-sign-in',
  whenUsersSignIn: true,
} as const satisfies Layer;
