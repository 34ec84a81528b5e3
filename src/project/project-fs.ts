/**
 * The file-system calls `add` makes on an existing project. node:fs/promises provides them, and so
 * does memfs, which the tests use to run `add` against an in-memory copy of a generated project.
 */
export interface ProjectFs {
  readFile(path: string): Promise<Buffer | string>;
  writeFile(path: string, data: Buffer | string): Promise<void>;
  readdir(path: string): Promise<Array<string | Buffer>>;
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive?: boolean; force?: boolean }): Promise<void>;
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
}

export async function readText(fs: ProjectFs, path: string): Promise<string | undefined> {
  try {
    const content = await fs.readFile(path);
    return typeof content === 'string' ? content : content.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function listNames(fs: ProjectFs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).map(String);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
