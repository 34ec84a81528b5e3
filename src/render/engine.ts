import Handlebars from 'handlebars';

/**
 * An isolated Handlebars instance: no global helpers or partials leak in or out.
 * `noEscape` because the output is TypeScript, JSON and Markdown, not HTML; `strict` so a template
 * that names a field the context lacks fails loudly instead of rendering an empty string.
 */
const handlebars = Handlebars.create();

/** `partials` are templates the source includes by name (`{{> upstreamCall}}`), rendered with the same context. */
export function renderTemplate(source: string, context: object, templateName: string, partials: Readonly<Record<string, string>> = {}): string {
  try {
    return handlebars.compile(source, { noEscape: true, strict: true })(strictContext(context), { partials: { ...partials } });
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
