import type { z } from 'zod';
import { CliError } from '../errors.js';
import { deriveNames } from '../options/capability-name.js';
import { CATALOG, unitOf } from '../features/catalog.js';
import type { UpstreamSetting, UpstreamUnit } from '../features/unit.js';
import { upstreamSettingsSchema, type Upstream, type UpstreamChoice } from '../options/schema.js';
import type { Prompter } from './prompter.js';

/** Flags of upstream settings, by commander's attribute name (`--netsuite-account-id` → `netsuiteAccountId`). */
export type UpstreamSettingFlags = Readonly<Record<string, unknown>>;

/** One question, answered by a flag, a default, a prompt, or reported missing (see resolveCreate). */
export type Answer = <T>(given: T | undefined, fallback: NoInfer<T>, flag: string, prompt: () => Promise<NoInfer<T>>) => Promise<T>;

/** The attribute commander stores a setting's flag under. */
export function flagAttribute(setting: UpstreamSetting): string {
  return deriveNames(setting.flag.slice(2)).camel;
}

/**
 * The chosen upstream with its own settings: asked only for the upstream that has them, refused
 * when given for another one (a NetSuite account ID on a Salesforce project is a mistake, not noise).
 */
export async function resolveUpstreamChoice(upstream: Upstream, flags: UpstreamSettingFlags, answer: Answer, prompter: Prompter): Promise<UpstreamChoice> {
  const misplaced = CATALOG.upstream
    .filter((unit) => unit.id !== upstream)
    .flatMap((unit) =>
      Object.values(unit.settings)
        .filter((setting) => flags[flagAttribute(setting)] !== undefined)
        .map((setting) => `${setting.flag} applies only to --upstream ${unit.id}`),
    );
  if (misplaced.length > 0) throw new CliError(misplaced.join('\n'), { hint: 'Drop it, or choose that upstream.' });

  const unit: UpstreamUnit = unitOf(CATALOG.upstream, upstream);
  if (Object.keys(unit.settings).length === 0) return { upstream } as UpstreamChoice;
  const answers: Record<string, string> = {};
  for (const [key, setting] of Object.entries(unit.settings)) {
    const given = flags[flagAttribute(setting)];
    const typed = await answer(typeof given === 'string' ? given : undefined, '', `${setting.flag} <${setting.valueName}>  (${setting.answerHint})`, () =>
      prompter.text({ message: setting.question, ...answerHelp(setting), validate: (value) => (value.trim() === '' ? undefined : problemOf(setting.schema, value)) }),
    );
    // Nothing typed means the setting's default, or leaving it to the environment.
    if (typed.trim() !== '') answers[key] = typed;
  }
  return { upstream, [upstream]: parseSettings(unit, answers) } as UpstreamChoice;
}

/** A placeholder shows what a good answer looks like; without one, a default is offered to accept with Enter. */
function answerHelp(setting: UpstreamSetting): { placeholder: string } | { defaultValue: string } | Record<string, never> {
  if (setting.placeholder !== undefined) return { placeholder: setting.placeholder };
  const byDefault = setting.schema.safeParse(undefined);
  return byDefault.success && typeof byDefault.data === 'string' ? { defaultValue: byDefault.data } : {};
}

function problemOf(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

/** Validates the settings given, naming the flag of each bad value. */
function parseSettings(unit: UpstreamUnit, answers: Record<string, string>): Record<string, unknown> {
  const result = upstreamSettingsSchema(unit).safeParse(answers);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${unit.settings[String(issue.path[0])]?.flag ?? 'upstream setting'}: ${issue.message}`);
  throw new CliError(problems.join('\n'), { hint: 'Run with --help to see every option.' });
}
