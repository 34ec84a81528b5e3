import type { Layer } from '../../../src/features/unit.js';

/** How the sign-in tests reach the REST API behind the api_* tools as the signed-in user. */
export const restApiSignIn = {
  folder: 'layers/rest-api-sign-in',
  whenUsersSignIn: true,
} as const satisfies Layer;
