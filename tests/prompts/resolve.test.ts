import { describe, expect, it } from 'vitest';
import { CliError, EXIT_CANCELLED } from '../../src/errors.js';
import type { Prompter } from '../../src/prompts/prompter.js';
import { resolveCreate, type CreateFlags } from '../../src/prompts/resolve.js';
import { CANCEL, scriptedPrompter } from '../support/scripted-prompter.js';
import { TEST_MACHINE } from './machine.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

const everyAnswer = {
  'Project name': 'my-server',
  'Which upstream': 'generic',
  'How should clients authenticate': 'none',
  'Where should server state live': 'memory',
  'Deploy files': ['docker', 'github-actions'],
  'Package manager': 'pnpm',
  'Install dependencies': false,
  'Initialise a git repository': true,
};

function interactive(answers: Record<string, unknown> = everyAnswer) {
  const prompter = scriptedPrompter(answers);
  return { prompter, env: { ...TEST_MACHINE, interactive: true, prompter, detectedPackageManager: 'npm' as const } };
}

function nonInteractive() {
  return { ...TEST_MACHINE, interactive: false, prompter: scriptedPrompter({}), detectedPackageManager: 'npm' as const };
}

const allFlags: CreateFlags = {
  directory: 'my-server',
  upstream: 'generic',
  auth: 'none',
  storage: 'memory',
  deploy: ['docker'],
  packageManager: 'npm',
  install: false,
  git: false,
};

describe('resolving create options', () => {
  it('asks every question when no flag is given at a terminal', async () => {
    const { prompter, env } = interactive();
    const resolved = await resolveCreate({}, env);
    expect(prompter.asked).toHaveLength(8);
    expect(resolved).toEqual({
      directory: 'my-server',
      options: {
        projectName: 'my-server',
        upstream: 'generic',
        auth: 'none',
        storage: 'memory',
        deploy: ['docker', 'github-actions'],
        packageManager: 'pnpm',
      },
      run: { install: false, git: true },
    });
  });

  it('asks nothing when every answer came as a flag', async () => {
    const { prompter, env } = interactive();
    await resolveCreate(allFlags, env);
    expect(prompter.asked).toEqual([]);
  });

  it('asks only for what the flags left undefined', async () => {
    const { prompter, env } = interactive();
    const { directory: _directory, storage: _storage, ...rest } = allFlags;
    await resolveCreate({ ...rest, directory: 'my-server' }, env);
    expect(prompter.asked).toEqual(['Where should server state live?']);
  });

  it('takes defaults for everything but the directory under --yes', async () => {
    const resolved = await resolveCreate({ directory: 'demo', yes: true }, nonInteractive());
    expect(resolved.options).toEqual(DEFAULT_DEMO_OPTIONS);
    expect(resolved.run).toEqual({ install: true, git: true });
  });

  it('offers SQLite first and preselected when asking where state lives', async () => {
    const { env } = interactive();
    let offered: { values: string[]; initialValue: string } | undefined;
    const prompter: Prompter = {
      ...env.prompter,
      select: (question) => {
        if (question.message.startsWith('Where should server state live')) offered = { values: question.options.map((option) => option.value), initialValue: question.initialValue };
        return env.prompter.select(question);
      },
    };
    await resolveCreate({}, { ...env, prompter });
    expect(offered?.values[0]).toBe('sqlite');
    expect(offered?.initialValue).toBe('sqlite');
  });

  it('offers only the deploy targets that run with the chosen store', async () => {
    const { env } = interactive();
    let offered: string[] | undefined;
    const prompter: Prompter = {
      ...env.prompter,
      multiselect: (question) => {
        if (question.message.startsWith('Deploy files')) offered = question.options.map((option) => option.value);
        return env.prompter.multiselect(question);
      },
    };
    await resolveCreate({ storage: 'sqlite' }, { ...env, prompter });
    expect(offered).toEqual(['docker', 'compose', 'kubernetes', 'github-actions']);
  });

  it('uses the detected package manager as the default', async () => {
    const resolved = await resolveCreate({ directory: 'demo', yes: true }, { ...nonInteractive(), detectedPackageManager: 'pnpm' });
    expect(resolved.options.packageManager).toBe('pnpm');
  });

  it('lists every missing flag at once without a terminal', async () => {
    const error = await resolveCreate({ directory: 'demo', upstream: 'generic' }, nonInteractive()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    const message = (error as CliError).message;
    for (const flag of ['--auth', '--storage', '--deploy', '--package-manager', '--install', '--git']) {
      expect(message).toContain(flag);
    }
    expect(message).not.toContain('--upstream');
    expect((error as CliError).hint).toContain('--yes');
  });

  it('requires a directory under --yes without a terminal', async () => {
    await expect(resolveCreate({ yes: true }, nonInteractive())).rejects.toThrow(/\[directory\]/);
  });

  it('takes the package name from the directory name', async () => {
    const resolved = await resolveCreate({ ...allFlags, directory: 'nested/path/crm-mcp' }, nonInteractive());
    expect(resolved.options.projectName).toBe('crm-mcp');
  });

  it('lets --name differ from the directory name', async () => {
    const resolved = await resolveCreate({ ...allFlags, directory: 'Work Dir', name: '@acme/crm-mcp' }, nonInteractive());
    expect(resolved).toMatchObject({ directory: 'Work Dir', options: { projectName: '@acme/crm-mcp' } });
  });

  it('refuses an invalid directory name without a terminal and suggests a valid one', async () => {
    const error = (await resolveCreate({ ...allFlags, directory: 'My Server' }, nonInteractive()).catch((e: unknown) => e)) as CliError;
    expect(error.message).toContain('"My Server" is not a valid npm package name');
    expect(error.message).toContain('Try "my-server"');
    expect(error.hint).toContain('--name my-server');
  });

  it('asks for a valid name at a terminal when the directory name is not one', async () => {
    const { prompter, env } = interactive({ 'Project name': 'my-server' });
    const resolved = await resolveCreate({ ...allFlags, directory: 'My Server' }, env);
    expect(prompter.asked).toEqual(['Project name (npm package name)']);
    expect(resolved).toMatchObject({ directory: 'My Server', options: { projectName: 'my-server' } });
  });

  it('turns Ctrl-C at a prompt into a cancellation', async () => {
    const { env } = interactive({ ...everyAnswer, 'Where should server state live': CANCEL });
    const error = (await resolveCreate({}, env).catch((e: unknown) => e)) as CliError;
    expect(error.exitCode).toBe(EXIT_CANCELLED);
    expect(error.message).toContain('Nothing was written');
  });

  it('refuses a deploy target the store cannot run with', async () => {
    await expect(resolveCreate({ ...allFlags, storage: 'sqlite', deploy: ['azure'] }, nonInteractive())).rejects.toThrow(
      /--deploy azure \(Azure Container Apps \(Bicep\)\) does not work with --storage sqlite/,
    );
  });

  it('refuses an auth strategy the upstream cannot use', async () => {
    await expect(resolveCreate({ ...allFlags, upstream: 'scalekit', auth: 'oauth-proxy' }, nonInteractive())).rejects.toThrow(
      /--auth oauth-proxy does not work with --upstream scalekit/,
    );
  });
});

describe('a taken target directory', () => {
  const taken = (directory: string) => (directory === 'taken' ? new CliError('taken is not empty (1 entry).') : undefined);

  it('is reported before any question when given as the directory', async () => {
    const { prompter, env } = interactive();
    await expect(resolveCreate({ directory: 'taken' }, { ...env, targetProblem: taken })).rejects.toThrow('taken is not empty');
    expect(prompter.asked).toEqual([]);
  });

  it('is reported before the list of missing flags without a terminal', async () => {
    await expect(resolveCreate({ directory: 'taken' }, { ...nonInteractive(), targetProblem: taken })).rejects.toThrow('taken is not empty');
  });

  it('is refused at the name question when the typed name would be the directory', async () => {
    const { prompter, env } = interactive({ 'Project name': 'taken' });
    await expect(resolveCreate({}, { ...env, targetProblem: taken })).rejects.toThrow(/failed validation: taken is not empty/);
    expect(prompter.asked).toEqual(['Project name (npm package name)']);
  });
});

describe('a package manager that is not installed', () => {
  const pnpmMissing = (packageManager: string) => packageManager !== 'pnpm';

  it('stops the run before anything is written when the install would need it, saying how to get it', async () => {
    const error = (await resolveCreate({ ...allFlags, packageManager: 'pnpm', install: true }, { ...nonInteractive(), isInstalled: pnpmMissing }).catch(
      (e: unknown) => e,
    )) as CliError;
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toContain('pnpm is not installed');
    expect(error.hint).toContain('corepack enable pnpm');
    expect(error.hint).toContain('--package-manager npm');
    expect(error.hint).toContain('--no-install');
  });

  it('stops the run when a pnpm user agent chose it under --yes', async () => {
    await expect(
      resolveCreate({ directory: 'demo', yes: true }, { ...nonInteractive(), detectedPackageManager: 'pnpm', isInstalled: pnpmMissing }),
    ).rejects.toThrow('pnpm is not installed');
  });

  it('is fine with --no-install: the project is written for it, to install later', async () => {
    const resolved = await resolveCreate({ ...allFlags, packageManager: 'pnpm', install: false }, { ...nonInteractive(), isInstalled: pnpmMissing });
    expect(resolved).toMatchObject({ options: { packageManager: 'pnpm' }, run: { install: false } });
  });

  it('offers npm instead at a terminal', async () => {
    const { prompter, env } = interactive({ ...everyAnswer, 'Install dependencies': true, 'pnpm is not installed here': 'npm' });
    const resolved = await resolveCreate({}, { ...env, isInstalled: pnpmMissing });
    expect(prompter.asked).toContain('pnpm is not installed here. What now?');
    expect(resolved).toMatchObject({ options: { packageManager: 'npm' }, run: { install: true } });
  });

  it('offers only installing later at a terminal when no other package manager is installed', async () => {
    const { env } = interactive({ ...everyAnswer, 'Install dependencies': true, 'pnpm is not installed here': 'npm' });
    // The scripted prompter refuses an answer that was not offered.
    await expect(resolveCreate({}, { ...env, isInstalled: () => false })).rejects.toThrow('npm was not offered');
  });

  it('keeps it at a terminal when asked to, installing later', async () => {
    const { env } = interactive({ ...everyAnswer, 'Install dependencies': true, 'pnpm is not installed here': 'later' });
    const resolved = await resolveCreate({}, { ...env, isInstalled: pnpmMissing });
    expect(resolved).toMatchObject({ options: { packageManager: 'pnpm' }, run: { install: false } });
  });
});

