/** What Handlebars' `precompile` returns for one template, ready for a runtime's `template()`. */
export type TemplateSpec = object;

/**
 * The templates compiled ahead of time, by their exact source. Empty here: the build
 * (scripts/build.mjs) puts every `.hbs` under templates/ in it, so the published CLI renders without
 * loading the Handlebars compiler, which costs more than the rendering itself. A source it lacks (a
 * template edited since the build, a test's own template) is compiled on first use instead.
 */
export const PRECOMPILED_TEMPLATES: ReadonlyMap<string, TemplateSpec> = new Map();
