/** A person is at a terminal to answer prompts: both ends are TTYs and this is not a CI job. */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env['CI'] !== 'true';
}
