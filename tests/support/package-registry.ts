import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { mustRun } from './commands.js';

/** One package version a test registry serves: its manifest and its tarball. */
export interface PublishedPackage {
  manifest: { name: string; version: string } & Record<string, unknown>;
  tarball: Buffer;
}

export interface PackageRegistry {
  /** For npm's `registry` setting. */
  url: string;
  stop(): Promise<void>;
}

/**
 * An npm registry on loopback that has one package version and nothing else: what `npm install`
 * asks of a registry (the packument, then the tarball), answered as the public registry answers.
 */
export async function startPackageRegistry(published: PublishedPackage): Promise<PackageRegistry> {
  const { name, version } = published.manifest;
  const tarballPath = `/${name}/-/${name}-${version}.tgz`;
  const integrity = `sha512-${createHash('sha512').update(published.tarball).digest('base64')}`;
  const server = createServer((request, response) => {
    if (request.url === `/${name}`) {
      const { port } = server.address() as AddressInfo;
      const dist = { tarball: `http://127.0.0.1:${port}${tarballPath}`, integrity };
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ name, 'dist-tags': { latest: version }, versions: { [version]: { ...published.manifest, dist } } }));
    } else if (request.url === tarballPath) {
      response.setHeader('content-type', 'application/octet-stream');
      response.end(published.tarball);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => (stopped ??= new Promise((closed) => server.close(() => closed()))),
  };
}

/** This repository's build packed as `npm pack` packs it, but numbered `version`: an older release stand-in. */
export async function packedAsVersion(scratch: string, version: string): Promise<PublishedPackage> {
  const [file] = JSON.parse(await mustRun('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: resolve('.') })) as Array<{ filename: string }>;
  const unpacked = join(scratch, `unpacked-${version}`);
  await mustRun('sh', ['-c', `rm -rf "${unpacked}" && mkdir -p "${unpacked}" && tar -xzf "${join(scratch, file!.filename)}" -C "${unpacked}"`]);
  const manifestPath = join(unpacked, 'package', 'package.json');
  const manifest = { ...(JSON.parse(await readFile(manifestPath, 'utf8')) as PublishedPackage['manifest']), version };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const tarballPath = join(scratch, `repacked-${version}.tgz`);
  await mustRun('tar', ['-czf', tarballPath, '-C', unpacked, 'package']);
  return { manifest, tarball: await readFile(tarballPath) };
}
