/**
 * npm drops some dotfiles from published packages (.gitignore, .npmrc) and tooling treats others
 * specially, so templates store them under a `_` name and the renderer restores the dot.
 */
const DOTFILE_RENAMES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  _dockerignore: '.dockerignore',
  '_env.example': '.env.example',
  _github: '.github',
  _npmrc: '.npmrc',
  _helmignore: '.helmignore',
};

export const TEMPLATE_SUFFIX = '.hbs';

/**
 * Maps a template's path (posix, relative to its layer) to the path it gets in the project. A segment
 * `__name__` naming one of `variables` becomes its value: `deploy/helm/__shortName__` holds the chart
 * under the project's own name.
 */
export function outputPath(templatePath: string, variables: Readonly<Record<string, string>> = {}): string {
  const withoutSuffix = templatePath.endsWith(TEMPLATE_SUFFIX)
    ? templatePath.slice(0, -TEMPLATE_SUFFIX.length)
    : templatePath;
  return withoutSuffix
    .split('/')
    .map((segment) => DOTFILE_RENAMES[segment] ?? variables[/^__(\w+)__$/.exec(segment)?.[1] ?? ''] ?? segment)
    .join('/');
}

export function isTemplate(templatePath: string): boolean {
  return templatePath.endsWith(TEMPLATE_SUFFIX);
}

/** A layer's folder holds its definition beside `files/`, the tree it contributes to a project. */
export const LAYER_FILES = 'files';
