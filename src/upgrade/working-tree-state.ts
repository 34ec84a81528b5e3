/** Whether the project's files are all committed, so an upgrade can be reviewed and undone with git. */
export type WorkingTreeState =
  | { kind: 'clean' }
  | { kind: 'dirty'; files: string[] }
  /** Not inside a git work tree, or git is not installed: nothing would show what upgrading changed. */
  | { kind: 'unversioned' };

/** The state of the project's folder only: in a monorepo, changes elsewhere are not its concern. */
export async function workingTreeState(root: string): Promise<WorkingTreeState> {
  const { execa } = await import('execa');
  const status = await execa('git', ['status', '--porcelain', '--untracked-files=all', '--', '.'], { cwd: root, reject: false });
  if (status.failed) return { kind: 'unversioned' };
  const files = status.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
  return files.length === 0 ? { kind: 'clean' } : { kind: 'dirty', files };
}
