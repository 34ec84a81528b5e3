import Handlebars from 'handlebars';

/**
 * An isolated Handlebars instance: no global helpers or partials leak in or out.
 * `noEscape` because the output is TypeScript, JSON and Markdown, not HTML; `strict` so a template
 * that names a field the context lacks fails loudly instead of rendering an empty string.
 */
const handlebars = Handlebars.create();

export function renderTemplate(source: string, context: object, templateName: string): string {
  try {
    return handlebars.compile(source, { noEscape: true, strict: true })(context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Template ${templateName} failed to render: ${reason}`, { cause: error });
  }
}
