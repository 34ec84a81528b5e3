import type HandlebarsApi from 'handlebars';
import runtimeOnly from 'handlebars/runtime.js';
import { PRECOMPILED_TEMPLATES } from './precompiled-templates.js';

type TemplateSpecification = Parameters<typeof HandlebarsApi.template>[0];

type Template = (context: object, options: { partials: Record<string, Template> }) => string;

/**
 * `noEscape` because the output is TypeScript, JSON and Markdown, not HTML; `strict` so a template
 * that names a field the context lacks fails loudly instead of rendering an empty string. The build
 * precompiles with the same options (scripts/build.mjs).
 */
const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/**
 * Isolated Handlebars instances: no global helpers or partials leak in or out. The runtime-only
 * build runs precompiled templates; its type declarations name no exports, though it exports the
 * same API as the full build minus the compiler. The compiler loads for a template the build did
 * not compile.
 */
const runtime = (runtimeOnly as unknown as typeof HandlebarsApi).create();
let compiler: Promise<typeof HandlebarsApi> | undefined;

/** Each source is compiled once per run, however many files or partials use it. */
const templates = new Map<string, Promise<Template>>();

function templateOf(source: string): Promise<Template> {
  let template = templates.get(source);
  if (template === undefined) {
    template = compile(source);
    templates.set(source, template);
  }
  return template;
}

async function compile(source: string): Promise<Template> {
  const spec = PRECOMPILED_TEMPLATES.get(source);
  if (spec !== undefined) return runtime.template(spec as TemplateSpecification) as Template;
  compiler ??= import('handlebars').then(({ default: handlebars }) => handlebars.create());
  return (await compiler).compile(source, COMPILE_OPTIONS) as Template;
}

/** `partials` are templates the source includes by name (`{{> upstreamCall}}`), rendered with the same context. */
export async function renderTemplate(source: string, context: object, templateName: string, partials: Readonly<Record<string, string>> = {}): Promise<string> {
  try {
    const template = await templateOf(source);
    const compiledPartials = Object.fromEntries(await Promise.all(Object.entries(partials).map(async ([name, partial]) => [name, await templateOf(partial)] as const)));
    return template(strictContext(context), { partials: compiledPartials });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Template ${templateName} failed to render: ${reason}`, { cause: error });
  }
}

/**
 * Handlebars' strict mode checks `{{field}}` but not helper arguments such as `{{#if field}}`, where
 * a typo would silently read as false. Reading a property the context does not have throws here,
 * so both kinds of mistake fail the same way.
 */
function strictContext<T extends object>(value: T, path = 'context'): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key in target) {
        const found: unknown = Reflect.get(target, key, receiver);
        return found !== null && typeof found === 'object' ? strictContext(found, `${path}.${key.toString()}`) : found;
      }
      throw new Error(`"${key}" is not defined in ${path}`);
    },
  });
}
