import { compareFileNames } from '../render/registry.js';
import { usesCrlf } from './merge-text.js';

/**
 * The outcome of merging three versions of a package.json key by key. `not-mergeable` means the line
 * merge has to do instead: one of the three is not a JSON object, or both sides changed the same key
 * differently (a conflict is better shown between markers than decided here).
 */
export type PackageJsonMerge = { kind: 'merged'; text: string } | { kind: 'not-mergeable' };

type Json = null | boolean | number | string | Json[] | JsonObject;
type JsonObject = { [key: string]: Json };

/** A key both sides changed differently. */
const CONFLICT = Symbol('conflict');

/**
 * Merges the user's package.json (`working`) from what the older generator rendered (`base`) to what
 * this one renders (`target`), key by key rather than line by line: a line merge conflicts whenever
 * the user and the template both touch neighbouring lines, as `npm install` and a template's new
 * dependency routinely do in `dependencies`.
 *
 * Each key takes the change made on one side only (removals included); objects both sides changed
 * are merged the same way, key by key; anything else both sides changed differently makes the file
 * not mergeable. Keys keep the order the user's file has them in, with the template's new keys after
 * the key they follow in the template, or sorted where the user's file has them sorted. The text is
 * written with the user's indentation, line endings and final newline.
 */
export function mergePackageJson(base: string, working: string, target: string): PackageJsonMerge {
  const [ancestor, ours, theirs] = [parseObject(base), parseObject(working), parseObject(target)];
  if (ancestor === undefined || ours === undefined || theirs === undefined) return { kind: 'not-mergeable' };
  const merged = mergeObjects(ancestor, ours, theirs);
  if (merged === undefined) return { kind: 'not-mergeable' };

  const bom = working.startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = bom + JSON.stringify(merged, null, indentOf(working.slice(bom.length)));
  if (working.endsWith('\n')) text += '\n';
  return { kind: 'merged', text: usesCrlf(working) ? text.replace(/\n/g, '\r\n') : text };
}

/** A JSON text whose root is an object, or undefined. A byte order mark is allowed, as npm allows it. */
function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The three-way merge of one object, or undefined if any of its keys conflicts. */
function mergeObjects(base: JsonObject, working: JsonObject, target: JsonObject): JsonObject | undefined {
  const merged = new Map<string, Json>();
  for (const key of new Set([...Object.keys(working), ...Object.keys(target), ...Object.keys(base)])) {
    const value = mergeValues(own(base, key), own(working, key), own(target, key));
    if (value === CONFLICT) return undefined;
    if (value !== undefined) merged.set(key, value);
  }
  // fromEntries defines each key as an own property, so a key such as `__proto__` stays a plain key.
  return Object.fromEntries(orderKeys(merged, working, target).map((key) => [key, merged.get(key)!]));
}

/** One key's merged value: undefined when the key goes, CONFLICT when the sides disagree. */
function mergeValues(base: Json | undefined, working: Json | undefined, target: Json | undefined): Json | undefined | typeof CONFLICT {
  if (same(working, base)) return target;
  if (same(target, base)) return working;
  if (same(working, target)) return working;
  // A base that is neither an object nor missing was replaced by an object on both sides: nothing
  // says which of the two replacements should win key by key.
  if (isObject(working) && isObject(target) && (base === undefined || isObject(base))) return mergeObjects(base ?? {}, working, target) ?? CONFLICT;
  return CONFLICT;
}

/**
 * The order of the merged object's keys. Key order counts as a change (equality is order-sensitive),
 * so an object the user only reordered is merged key by key rather than replaced by the template's,
 * and ends up in the user's order.
 */
function orderKeys(merged: Map<string, Json>, working: JsonObject, target: JsonObject): string[] {
  const compare = sortOrderOf(Object.keys(working));
  if (compare !== undefined) return [...merged.keys()].sort(compare);
  const keys = Object.keys(working).filter((key) => merged.has(key));
  const targetKeys = Object.keys(target);
  targetKeys.forEach((key, index) => {
    if (!merged.has(key) || keys.includes(key)) return;
    const before = targetKeys.slice(0, index).findLast((previous) => keys.includes(previous));
    keys.splice(before === undefined ? 0 : keys.indexOf(before) + 1, 0, key);
  });
  return keys;
}

/**
 * How these keys are sorted, if they are: npm's order (English collation, as npm sorts
 * `dependencies`) or plain code-point order (as other tools do). An object of fewer than two keys is
 * sorted by any measure, which says nothing about how the user wants it kept.
 */
function sortOrderOf(keys: string[]): ((a: string, b: string) => number) | undefined {
  if (keys.length < 2) return undefined;
  const orders = [new Intl.Collator('en').compare, compareFileNames];
  return orders.find((compare) => keys.every((key, i) => i === 0 || compare(keys[i - 1]!, key) < 0));
}

/** The whitespace before the root object's first key when it starts on a line of its own; two spaces otherwise. */
function indentOf(text: string): string {
  return /^\s*\{[ \t]*\r?\n(?:[ \t]*\r?\n)*([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** A key's value only if the object has it itself (`constructor` is no key of `{}`). */
function own(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Deep equality of two values, an absent one equal only to another absent one; object keys compared in order. */
function same(a: Json | undefined, b: Json | undefined): boolean {
  return a === undefined || b === undefined ? a === b : JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
