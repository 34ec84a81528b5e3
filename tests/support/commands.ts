import { execa } from 'execa';

/** How a command ended: it never throws, so a caller can show the whole output of a failure. */
export interface CommandOutput {
  exitCode: number | undefined;
  stdout: string;
  /** stdout and stderr interleaved. */
  all: string;
}

/** Runs a command with no input; `env` adds to this process's environment. */
export async function runCommand(file: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CommandOutput> {
  const { exitCode, stdout, all } = await execa(file, args, { all: true, reject: false, stdin: 'ignore', env: options.env ?? {}, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  return { exitCode, stdout: String(stdout), all: String(all) };
}

/** Runs a command that must succeed: its stdout, or an error carrying its whole output. */
export async function mustRun(file: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<string> {
  const result = await runCommand(file, args, options);
  if (result.exitCode !== 0) throw new Error(`${file} ${args.join(' ')} failed (${result.exitCode}):\n${result.all}`);
  return result.stdout;
}

/** Fetches packages' tarballs from the registry (or npm's cache) into `destination`, without installing them: their file names, in order. */
export async function packFromRegistry(destination: string, ...specs: string[]): Promise<string[]> {
  const packed = JSON.parse(await mustRun('npm', ['pack', '--json', '--pack-destination', destination, ...specs])) as { filename: string }[];
  return packed.map((entry) => entry.filename);
}
