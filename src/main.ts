import { tolerateClosedOutput } from './ui/output.js';
import { GENERATOR_VERSION } from './version.js';

/**
 * Runs the CLI and returns the exit code. `--version` alone answers here, before the command line's
 * parser, the catalog and its schemas load: the answer is the same, printed in a fraction of the time.
 */
export async function main(argv: string[] = process.argv): Promise<number> {
  const [, , ...args] = argv;
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    tolerateClosedOutput();
    process.stdout.write(`${GENERATOR_VERSION}\n`);
    return 0;
  }
  const cli = await import('./cli.js');
  return cli.main(argv);
}
