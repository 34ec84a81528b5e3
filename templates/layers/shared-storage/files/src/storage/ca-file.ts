import { readFile } from 'node:fs/promises';

import { ConfigError } from '../errors.js';

/**
 * The PEM certificates in `path`, set by `variable`, for trusting a store service signed by a private
 * CA (or an emulator's own certificate). A file that cannot be read, or holds no certificate, is a
 * setting to fix, reported naming the variable.
 */
export async function readCaFile(variable: string, path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigError([`${variable}: cannot read ${path} (${reason})`]);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError([`${variable}: ${path} holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----)`]);
  }
  return text;
}
