import { optionalSetting, type Layer } from '../../../src/features/unit.js';

/**
 * NetSuite as the authorization server its users sign in at, for projects whose auth strategy signs
 * users in through the server: the NetSuite tools then act as each signed-in user.
 */
export const netSuiteSignIn = {
  folder: 'layers/netsuite-sign-in',
  whenUsersSignIn: true,
  envVars: [
    optionalSetting('NETSUITE_APP_URL', "Base URL of the account's sign-in pages. Default: https://<account>.app.netsuite.com.", 'https://123456-sb1.app.netsuite.com'),
  ],
} as const satisfies Layer;
