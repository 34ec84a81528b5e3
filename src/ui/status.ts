import { out, paint, stdoutClosed } from './output.js';

/** Drawn with clack at a terminal; plain lines in a pipe, a file or a CI log, where drawing leaves noise. */
function drawing(): boolean {
  return Boolean(process.stdout.isTTY) && !stdoutClosed();
}

/** Loaded only to draw: a run in a pipe or a CI log never needs it. */
const clack = () => import('@clack/prompts');

/** Something the user should know that does not stop the run. */
export async function warn(text: string): Promise<void> {
  if (drawing()) (await clack()).log.warn(text);
  else out.warn(text);
}

/** A titled block of text, such as the next steps: a box at a terminal, indented lines elsewhere. */
export async function note(text: string, title: string): Promise<void> {
  if (drawing()) {
    (await clack()).note(text, title);
    return;
  }
  out.line();
  out.line(`${title}:`);
  for (const line of text.split('\n')) out.line(`  ${line}`);
}

/** A step that takes a while. */
export interface Progress {
  done(message: string): void;
  failed(message: string): void;
}

/**
 * A spinner at a terminal. In a pipe or a file every frame would stay in the output, so there it is
 * one line when the step starts and one when it ends.
 */
export async function progress(message: string): Promise<Progress> {
  if (drawing()) return spinner(message, await clack());
  out.line(`${message}…`);
  return { done: (text) => out.line(text), failed: (text) => out.line(text) };
}

const FRAMES = ['◒', '◐', '◓', '◑'];

/**
 * Drawn here rather than with clack's spinner, which switches the terminal to raw mode while it
 * spins: Ctrl-C then arrives as a key press and clack exits with status 0 on the spot, the install
 * running on. In the terminal's normal mode Ctrl-C is SIGINT, for this process and the install alike.
 */
function spinner(message: string, { S_BAR, S_STEP_ERROR, S_STEP_SUBMIT }: Awaited<ReturnType<typeof clack>>): Progress {
  const draw = (text: string) => {
    if (!stdoutClosed()) process.stdout.write(`\r\x1b[2K${text}`);
  };
  let frame = 0;
  const spin = () => draw(`${paint('magenta', FRAMES[frame++ % FRAMES.length] ?? '', process.stdout)}  ${message}`);
  out.line(paint('gray', S_BAR, process.stdout));
  spin();
  const timer = setInterval(spin, 80);
  const end = (symbol: string, text: string) => {
    clearInterval(timer);
    draw(`${symbol}  ${text}\n`);
  };
  return {
    done: (text) => end(paint('green', S_STEP_SUBMIT, process.stdout), text),
    failed: (text) => end(paint('red', S_STEP_ERROR, process.stdout), text),
  };
}
