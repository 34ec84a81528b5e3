import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Whether a command can be started by name, found the way a shell finds it: an executable file in
 * one of the PATH directories (on Windows, with one of the PATHEXT extensions). Looked up rather
 * than run, so a missing tool is known before anything is written, and a corepack shim is never
 * asked to download anything just to be detected.
 */
export function isOnPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const { platform } = process;
  const path = env['PATH'] ?? env['Path'] ?? '';
  const extensions = platform === 'win32' ? (env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';') : [''];
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => extensions.some((extension) => isExecutableFile(join(dir, `${command}${extension}`), platform)));
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: the extension decides.
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
