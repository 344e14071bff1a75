/**
 * Third-party tools the benchmarks compare against, installed on demand into a
 * cache folder under the OS temp dir (one folder per pinned package version)
 * instead of as devDependencies: openapi-mcp-generator and
 * @notionhq/notion-mcp-server depend on zod 3, which npm would hoist over the
 * workspace's zod 4 at the repository root. Pinned, so the cached install
 * stays valid and figures stay comparable between runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEERS = {
  openapiMcpGenerator: { name: 'openapi-mcp-generator', version: '4.0.1', bin: 'bin/openapi-mcp-generator.js' },
  notionMcpServer: { name: '@notionhq/notion-mcp-server', version: '2.5.2', bin: 'bin/cli.mjs' },
} as const;
export type Peer = (typeof PEERS)[keyof typeof PEERS];

export const CACHE_ROOT = join(tmpdir(), 'toolwright-bench-openapi');

export interface InstalledPeer {
  /** The cache folder (its node_modules holds the package and its dependencies). */
  dir: string;
  /** The package's own folder. */
  packageDir: string;
  /** Its command-line entry point (a JS file to run with node). */
  bin: string;
  version: string;
}

/** Installs `peer` into its cache folder once; `log` says so when it does. */
export function installPeer(peer: Peer, log: (message: string) => void = console.log): InstalledPeer {
  const dir = join(CACHE_ROOT, `${peer.name.replace('/', '+')}@${peer.version}`);
  const packageDir = join(dir, 'node_modules', peer.name);
  const bin = join(packageDir, peer.bin);
  if (!existsSync(bin)) {
    log(`installing ${peer.name}@${peer.version} into ${dir} (once) …`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
    npmInstall(dir, [`${peer.name}@${peer.version}`]);
  }
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { dir, packageDir, bin, version };
}

export function npmInstall(dir: string, specs: string[]): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs], { cwd: dir, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `npm install ${specs.join(' ')} (in ${dir}) failed (exit ${result.status}): ${result.error?.message ?? `${result.stderr}${result.stdout}`.slice(0, 2000)}`,
    );
  }
}

/** What @notionhq/notion-mcp-server needs to start: a token in the shape of Notion's (never used: no tool is called). */
export const NOTION_MCP_ENV = { NOTION_TOKEN: 'ntn_benchmark_not_a_real_token' };
