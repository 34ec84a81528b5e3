import type { z } from 'zod';
import { CliError } from '../errors.js';
import {
  DEFAULT_SALESFORCE_API_VERSION,
  DEFAULT_SALESFORCE_LOGIN_URL,
  netsuiteSettingsSchema,
  salesforceSettingsSchema,
  type Upstream,
  type UpstreamChoice,
} from '../options/schema.js';
import type { Prompter } from './prompter.js';

/** Flags that belong to one upstream only. */
export interface UpstreamSettingFlags {
  netsuiteAccountId?: string | undefined;
  salesforceLoginUrl?: string | undefined;
  salesforceApiVersion?: string | undefined;
}

const FLAG_OWNERS = {
  netsuiteAccountId: { flag: '--netsuite-account-id', upstream: 'netsuite' },
  salesforceLoginUrl: { flag: '--salesforce-login-url', upstream: 'salesforce' },
  salesforceApiVersion: { flag: '--salesforce-api-version', upstream: 'salesforce' },
} as const satisfies Record<keyof UpstreamSettingFlags, { flag: string; upstream: Upstream }>;

/** One question, answered by a flag, a default, a prompt, or reported missing (see resolveCreate). */
export type Answer = <T>(given: T | undefined, fallback: NoInfer<T>, flag: string, prompt: () => Promise<NoInfer<T>>) => Promise<T>;

/**
 * The chosen upstream with its own settings: asked only for the upstream that has them, refused
 * when given for another one (a NetSuite account ID on a Salesforce project is a mistake, not noise).
 */
export async function resolveUpstreamChoice(upstream: Upstream, flags: UpstreamSettingFlags, answer: Answer, prompter: Prompter): Promise<UpstreamChoice> {
  const misplaced = (Object.keys(FLAG_OWNERS) as Array<keyof UpstreamSettingFlags>).filter(
    (key) => flags[key] !== undefined && FLAG_OWNERS[key].upstream !== upstream,
  );
  if (misplaced.length > 0) {
    throw new CliError(misplaced.map((key) => `${FLAG_OWNERS[key].flag} applies only to --upstream ${FLAG_OWNERS[key].upstream}`).join('\n'), {
      hint: `Drop it, or choose that upstream.`,
    });
  }

  if (upstream === 'netsuite') {
    const accountId = await answer(flags.netsuiteAccountId, '', '--netsuite-account-id <id>  (e.g. 1234567_SB1)', () =>
      prompter.text({
        message: 'NetSuite account ID (Setup > Company > Company Information; empty: set NETSUITE_ACCOUNT_ID later)',
        validate: (value) => (value.trim() === '' ? undefined : problemOf(netsuiteSettingsSchema, { accountId: value })),
      }),
    );
    return { upstream, netsuite: parseSettings(netsuiteSettingsSchema, accountId.trim() === '' ? {} : { accountId }, { accountId: '--netsuite-account-id' }) };
  }

  if (upstream === 'salesforce') {
    const loginUrl = await answer(flags.salesforceLoginUrl, DEFAULT_SALESFORCE_LOGIN_URL, '--salesforce-login-url <url>  (your My Domain URL)', async () => {
      const typed = await prompter.text({
        message: 'Salesforce My Domain URL (Setup > My Domain; empty: set SALESFORCE_LOGIN_URL later)',
        placeholder: 'https://acme.my.salesforce.com',
        validate: (value) => (value.trim() === '' ? undefined : problemOf(salesforceSettingsSchema, { loginUrl: value })),
      });
      // Nothing typed: the generic login host until SALESFORCE_LOGIN_URL says otherwise; the next steps ask for it.
      return typed.trim() === '' ? DEFAULT_SALESFORCE_LOGIN_URL : typed;
    });
    const apiVersion = await answer(flags.salesforceApiVersion, DEFAULT_SALESFORCE_API_VERSION, '--salesforce-api-version <version>  (e.g. 66.0)', () =>
      prompter.text({
        message: 'Salesforce REST API version',
        defaultValue: DEFAULT_SALESFORCE_API_VERSION,
        validate: (value) => problemOf(salesforceSettingsSchema, { apiVersion: value }),
      }),
    );
    return {
      upstream,
      salesforce: parseSettings(salesforceSettingsSchema, { loginUrl, apiVersion }, { loginUrl: '--salesforce-login-url', apiVersion: '--salesforce-api-version' }),
    };
  }

  return { upstream };
}

function problemOf(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

/** Validates settings given as flags, naming the flag of each bad value. */
function parseSettings<S extends z.ZodType>(schema: S, value: unknown, flagOf: Record<string, string>): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${flagOf[String(issue.path[0])] ?? 'upstream setting'}: ${issue.message}`);
  throw new CliError(problems.join('\n'), { hint: 'Run with --help to see every option.' });
}
