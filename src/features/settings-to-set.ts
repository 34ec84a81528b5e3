import type { Selection } from './select.js';

/** A variable the user has to set before the project does what it was made for. */
export interface SettingToSet {
  name: string;
  why: 'required' | 'sign-in' | 'upstream tools';
}

/**
 * Required variables first (the server refuses to start without them), then those users need to sign
 * in, then those the upstream's tools need. Settings answered at generation time are rendered as
 * defaults and left out.
 */
export function settingsToSet(selection: Pick<Selection, 'envVars' | 'upstream' | 'upstreamSettings'>): SettingToSet[] {
  const decided = settledAtGeneration(selection);
  const open = selection.envVars.filter((envVar) => !decided.has(envVar.name));
  return WHY_ORDER.flatMap((why) => open.filter((envVar) => whyToSet(envVar) === why).map(({ name }) => ({ name, why })));
}

const WHY_ORDER: readonly SettingToSet['why'][] = ['required', 'sign-in', 'upstream tools'];

/** The strongest reason to set a variable, or undefined when the project works without it. */
function whyToSet(envVar: Selection['envVars'][number]): SettingToSet['why'] | undefined {
  if (envVar.required) return 'required';
  if (envVar.neededToSignIn) return 'sign-in';
  return envVar.neededByUpstreamTools ? 'upstream tools' : undefined;
}

/**
 * Upstream settings given at generation time, by the variable whose default they become (the
 * rendered configuration, and the README's client snippets, show them instead of an example).
 */
export function valuesChosenAtGeneration({ upstream, upstreamSettings }: Pick<Selection, 'upstream' | 'upstreamSettings'>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(upstream.settings).flatMap(([key, setting]) => {
      const value = upstreamSettings[key];
      return value === undefined ? [] : [[setting.envVar, String(value)]];
    }),
  );
}

/** The variables a choice at generation time settled: some answers still leave theirs to set. */
function settledAtGeneration(selection: Pick<Selection, 'upstream' | 'upstreamSettings'>): Set<string> {
  const chosen = valuesChosenAtGeneration(selection);
  const leftToSet = new Set(
    Object.values(selection.upstream.settings)
      .filter((setting) => setting.leavesVariableToSet?.(chosen[setting.envVar] ?? '') === true)
      .map((setting) => setting.envVar),
  );
  return new Set(Object.keys(chosen).filter((name) => !leftToSet.has(name)));
}
