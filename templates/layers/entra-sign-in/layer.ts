import type { Layer } from '../../../src/features/unit.js';

/** Microsoft Entra ID as the identity provider users sign in at, for projects whose auth strategy signs users in through the server. */
export const entraSignIn = {
  folder: 'layers/entra-sign-in',
  whenUsersSignIn: true,
} as const satisfies Layer;
