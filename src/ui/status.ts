import * as clack from '@clack/prompts';
import { out } from './output.js';

/** Drawn with clack at a terminal; plain lines in a pipe, a file or a CI log, where drawing leaves noise. */
function drawing(): boolean {
  return Boolean(process.stdout.isTTY);
}

/** Something the user should know that does not stop the run. */
export function warn(text: string): void {
  if (drawing()) clack.log.warn(text);
  else out.warn(text);
}
