import { describe, expect, it } from 'vitest';
import { nextSteps } from '../../src/commands/next-steps.js';
import { selectUnits } from '../../src/features/select.js';
import { settingsToSet } from '../../src/features/settings-to-set.js';
import type { ProjectOptions } from '../../src/options/schema.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

const generic: ProjectOptions = { ...DEFAULT_DEMO_OPTIONS, deploy: [] };
const steps = (options: ProjectOptions, run: { installed?: boolean; packageManagerFound?: boolean } = {}) =>
  nextSteps({ options, selection: selectUnits(options), shownDir: 'demo', installed: run.installed ?? true, packageManagerFound: run.packageManagerFound ?? true });
const names = (options: ProjectOptions, why: 'required' | 'sign-in' | 'upstream tools') =>
  settingsToSet(selectUnits(options))
    .filter((setting) => setting.why === why)
    .map((setting) => setting.name);

describe('next steps', () => {
  it('tell a JWT project on Keycloak to copy .env.example and set the realm and the REST API client', () => {
    const options: ProjectOptions = { ...generic, upstream: 'keycloak', auth: 'jwt' };
    expect(names(options, 'required')).toEqual(['KEYCLOAK_URL', 'KEYCLOAK_REALM', 'KEYCLOAK_CLIENT_ID']);
    expect(names(options, 'upstream tools')).toEqual(['UPSTREAM_API_URL', 'UPSTREAM_CLIENT_ID', 'UPSTREAM_CLIENT_SECRET']);
    const text = steps(options).join('\n');
    expect(text).toContain('cp .env.example .env');
    expect(text).toMatch(/KEYCLOAK_URL +required to start/);
    expect(text).toMatch(/UPSTREAM_CLIENT_SECRET +needed by the upstream tools/);
  });

  it('tell an introspection project the credentials it introspects with', () => {
    expect(names({ ...generic, auth: 'introspection' }, 'required')).toEqual(['OIDC_ISSUER', 'AUTH_CLIENT_ID', 'AUTH_CLIENT_SECRET']);
  });

  it('tell a project without authentication only what its upstream tools need', () => {
    expect(names(generic, 'required')).toEqual([]);
    expect(names(generic, 'upstream tools')).toEqual(['UPSTREAM_API_URL']);
  });

  it('tell a Keycloak project whose users sign in there what signing in needs, which does not stop the server from starting', () => {
    const options: ProjectOptions = { ...generic, upstream: 'keycloak', auth: 'oauth-proxy' };
    expect(names(options, 'required')).toEqual([]);
    expect(names(options, 'sign-in')).toEqual(['KEYCLOAK_URL', 'KEYCLOAK_REALM', 'KEYCLOAK_CLIENT_ID', 'SIGN_IN_CLIENT_ID', 'SIGN_IN_CLIENT_SECRET']);
    // The REST API is called as the signed-in user: no client of the server's own is needed for it.
    expect(names(options, 'upstream tools')).toEqual(['UPSTREAM_API_URL']);
  });

  it('tell a Salesforce project whose users sign in there the client to create, and no credentials of its own', () => {
    const options: ProjectOptions = { ...generic, upstream: 'salesforce', salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '66.0' }, auth: 'oauth-proxy' };
    expect(names(options, 'sign-in')).toEqual(['SIGN_IN_CLIENT_ID', 'SIGN_IN_CLIENT_SECRET']);
    expect(names(options, 'upstream tools')).toEqual([]);
    expect(steps(options).join('\n')).toMatch(/SIGN_IN_CLIENT_ID +needed to sign users in/);
  });

  it('leave out the NetSuite account ID given at generation, and ask for it otherwise', () => {
    expect(names({ ...generic, upstream: 'netsuite', netsuite: { accountId: '1234567' } }, 'upstream tools')).not.toContain('NETSUITE_ACCOUNT_ID');
    expect(names({ ...generic, upstream: 'netsuite', netsuite: {} }, 'upstream tools')).toEqual([
      'NETSUITE_ACCOUNT_ID',
      'NETSUITE_CLIENT_ID',
      'NETSUITE_CERTIFICATE_ID',
      'NETSUITE_PRIVATE_KEY',
    ]);
  });

  it('ask a Salesforce project made with the generic login host for its My Domain URL', () => {
    const loginHost: ProjectOptions = { ...generic, upstream: 'salesforce', salesforce: { loginUrl: 'https://login.salesforce.com', apiVersion: '66.0' } };
    expect(names(loginHost, 'upstream tools')).toEqual(['SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET']);
    const myDomain: ProjectOptions = { ...loginHost, salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '66.0' } };
    expect(names(myDomain, 'upstream tools')).toEqual(['SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET']);
  });

  it('install first when the run did not, and say the Dockerfile and CI workflow need the lockfile committed', () => {
    const text = steps({ ...generic, deploy: ['docker', 'github-actions'] }, { installed: false });
    expect(text[1]).toBe('npm install   # writes package-lock.json: commit it, the Dockerfile and the CI workflow install from it');
  });

  it('say nothing about a lockfile when no deploy file installs from one', () => {
    expect(steps(generic, { installed: false })[1]).toBe('npm install');
  });

  it('skip the install when the run installed', () => {
    expect(steps({ ...generic, deploy: ['docker'] })).not.toContainEqual(expect.stringMatching(/^npm install/));
  });

  it('say how to get pnpm when it is not installed here', () => {
    const text = steps({ ...generic, packageManager: 'pnpm' }, { installed: false, packageManagerFound: false });
    expect(text.slice(1, 3)).toEqual([expect.stringMatching(/^# pnpm is not installed here: corepack enable pnpm/), 'pnpm install']);
  });
});
