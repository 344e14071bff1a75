/**
 * The packages as npm publishes them, and a new user's first five minutes
 * with them: build the three packages, `npm pack` them, check what the
 * tarballs hold, then — in a temp folder outside the repository, so nothing
 * resolves to the workspace — `toolwright init`, `npm install` (the tarballs
 * for Toolwright, the registry for the rest), `npx toolwright build`,
 * `npm run typecheck`, `npm test`, and a client talking to
 * `npx toolwright serve` over stdio.
 *
 * Slow (a real install): about two minutes, mostly npm.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SLOW = 300_000;
const PACKAGES = [
  { name: '@toolwright/runtime', dir: 'packages/runtime' },
  { name: '@toolwright/codegen', dir: 'packages/codegen' },
  { name: 'toolwright', dir: 'packages/cli' },
] as const;
type PackageName = (typeof PACKAGES)[number]['name'];

interface PackedFile {
  path: string;
}
interface Packed {
  name: string;
  version: string;
  filename: string;
  files: PackedFile[];
}

const work = mkdtempSync(join(tmpdir(), 'toolwright-pack-'));
const tarballs = join(work, 'tarballs');
const PROJECT_NAME = 'hello-mcp';
const project = join(work, PROJECT_NAME);
const packed = new Map<PackageName, Packed & { tarball: string; manifest: Record<string, any> }>();

/**
 * The environment of the test minus what would leak into the child npm and
 * vitest runs: npm's own settings from a parent `npm test` (workspace
 * selection and the like), vitest's markers, Node options and TOOLWRIGHT_*.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|TOOLWRIGHT_)/i.test(key) || ['NODE_OPTIONS', 'NODE_ENV', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0' };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time, for the report in a failure message. */
  ms: number;
}

/** Runs a command to completion without blocking the event loop. */
function run(command: string, args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Runs a command that must succeed; the error carries its output. */
async function ok(command: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

beforeAll(async () => {
  mkdirSync(tarballs);
  await ok('npm', ['run', 'build', ...PACKAGES.flatMap((p) => ['-w', p.name])], ROOT);
  const { stdout } = await ok('npm', ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', p.name])], ROOT);
  for (const entry of JSON.parse(stdout) as Packed[]) {
    const source = PACKAGES.find((p) => p.name === entry.name);
    if (!source) throw new Error(`npm pack packed an unexpected package ${entry.name}`);
    const manifest = JSON.parse(readFileSync(join(ROOT, source.dir, 'package.json'), 'utf8')) as Record<string, any>;
    packed.set(source.name, { ...entry, tarball: join(tarballs, entry.filename), manifest });
  }
}, SLOW);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published tarballs', () => {
  it.each(PACKAGES.map((p) => p.name))('%s holds compiled JS with declarations, and no sources, tests or fixtures', (name) => {
    const entry = packed.get(name);
    expect(entry, `${name} was not packed`).toBeDefined();
    const files = entry!.files.map((f) => f.path).sort();
    const js = files.filter((f) => /^dist\/.*\.js$/.test(f));
    expect(js).toContain('dist/index.js');
    for (const file of js) expect(files, `${file} has no declaration file`).toContain(file.replace(/\.js$/, '.d.ts'));
    for (const file of files) {
      expect(file, `${name} ships ${file}`).toMatch(/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map)|bin\/[^/]+\.js|preload\.js)$/);
      expect(file, `${name} ships ${file}`).not.toMatch(/(^|\/)(src|test|tests|fixtures|golden)\/|\.test(-d)?\.|\.spec\./);
    }
  });

  it.each(PACKAGES.map((p) => p.name))('%s: every exports, types and bin target is in the tarball, and it installs on Node 20 from npm', (name) => {
    const entry = packed.get(name)!;
    const files = new Set(entry.files.map((f) => f.path));
    const { manifest } = entry;
    const targets: string[] = [];
    for (const [subpath, value] of Object.entries(manifest.exports as Record<string, string | Record<string, string>>)) {
      if (typeof value === 'string') targets.push(value);
      // The source condition serves the monorepo only; every other condition must resolve in the tarball.
      else for (const [condition, target] of Object.entries(value)) if (condition !== '@toolwright/source') targets.push(target);
      expect(subpath.startsWith('.')).toBe(true);
    }
    expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js' });
    for (const bin of Object.values((manifest.bin ?? {}) as Record<string, string>)) targets.push(bin);
    for (const target of targets) expect(files, `${name}: ${target} is not in the tarball`).toContain(target.replace(/^\.\//, ''));

    expect(manifest.type).toBe('module');
    expect(manifest.engines.node).toMatch(/^>=20(\.|$)/);
    expect(manifest.publishConfig).toMatchObject({ access: 'public' });
    expect(manifest.private).toBeUndefined();
    for (const [dep, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies } as Record<string, string>)) {
      expect(range, `${name} depends on ${dep}@${range}, which npm cannot install from the registry`).not.toMatch(/^(file:|link:|workspace:|\*$)/);
      const internal = packed.get(dep as PackageName);
      if (internal) expect(range).toBe(`^${internal.version}`);
    }
  });

  it('the CLI carries what it needs at run time: tsx to load TypeScript, and the codegen with its pinned TypeScript toolchain', () => {
    expect(Object.keys(packed.get('toolwright')!.manifest.dependencies)).toEqual(expect.arrayContaining(['tsx', '@toolwright/codegen', '@toolwright/runtime']));
    expect(packed.get('@toolwright/codegen')!.manifest.dependencies).toMatchObject({
      'ts-morph': expect.stringMatching(/^[~^]?27\./),
      'typescript-json-schema': '0.68.0',
      tsx: expect.any(String),
    });
  });
});

describe("a new user's first five minutes, from the tarballs", () => {
  it(
    'toolwright init → npm install → toolwright build → typecheck → npm test → serve over stdio',
    async () => {
      const cli = packed.get('toolwright')!;
      const runtime = packed.get('@toolwright/runtime')!;
      const codegen = packed.get('@toolwright/codegen')!;

      // init, from the CLI's compiled dist (what the tarball runs)
      const init = await ok(process.execPath, [join(ROOT, 'packages/cli/dist/main.js'), 'init', PROJECT_NAME], work);
      expect(init.stdout).toContain(`Created ${PROJECT_NAME} in ${PROJECT_NAME}:`);
      const pkgPath = join(project, 'package.json');
      const scaffolded = JSON.parse(readFileSync(pkgPath, 'utf8')) as Record<string, any>;
      expect(scaffolded.dependencies['@toolwright/runtime']).toBe(`^${runtime.version}`);
      expect(scaffolded.devDependencies.toolwright).toBe(`^${cli.version}`);

      // The scaffold's Toolwright ranges point at the tarballs (the versions match, checked just above);
      // overrides keep the CLI's own dependencies on the tarballs too, so nothing Toolwright comes from the registry.
      scaffolded.dependencies['@toolwright/runtime'] = `file:${runtime.tarball}`;
      scaffolded.devDependencies.toolwright = `file:${cli.tarball}`;
      scaffolded.overrides = { '@toolwright/codegen': `file:${codegen.tarball}`, '@toolwright/runtime': '$@toolwright/runtime' };
      writeFileSync(pkgPath, `${JSON.stringify(scaffolded, null, 2)}\n`);

      const install = await ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project);
      console.info(`pack.test: npm install took ${(install.ms / 1000).toFixed(1)} s`);
      const installed = JSON.parse(readFileSync(join(project, 'node_modules/@toolwright/codegen/package.json'), 'utf8')) as { version: string };
      expect(installed.version).toBe(codegen.version);

      const build = await ok('npx', ['toolwright', 'build'], project);
      expect(build.stderr).toContain(`toolwright: ${PROJECT_NAME}: 1 tool(s) → generated/${PROJECT_NAME}`);
      const manifest = JSON.parse(readFileSync(join(project, `generated/${PROJECT_NAME}/tools.json`), 'utf8')) as { tools: { name: string }[] };
      expect(manifest.tools.map((t) => t.name)).toEqual(['greet']);

      // The generated server, the user's code and the runtime's .d.ts agree under tsc (and the drift checks compile).
      await ok('npm', ['run', 'typecheck'], project);

      const report = join(project, 'vitest-report.json');
      await ok('npm', ['test', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], project);
      const results = JSON.parse(readFileSync(report, 'utf8')) as {
        numFailedTests: number;
        testResults: { assertionResults: { title: string; status: string }[] }[];
      };
      expect(results.numFailedTests).toBe(0);
      const titles = results.testResults.flatMap((file) => file.assertionResults.map((a) => `${a.status} ${a.title}`));
      expect(titles).toEqual(expect.arrayContaining(['passed calls greet', expect.stringMatching(/^passed lists greet/)]));

      // The test really calls the tool: change what greet returns and it fails, naming the expected greeting.
      const toolsPath = join(project, 'src/tools.ts');
      const tools = readFileSync(toolsPath, 'utf8');
      writeFileSync(toolsPath, tools.replace('`Hello, ', '`Goodbye, '));
      const broken = await run('npm', ['test'], project);
      expect(broken.code).not.toBe(0);
      expect(`${broken.stdout}${broken.stderr}`).toContain('Goodbye, Ada!');
      writeFileSync(toolsPath, tools);

      // What an MCP client configured from the README runs: npx toolwright serve <module>, over stdio.
      expect(scaffolded.scripts.start).toBe(`toolwright serve generated/${PROJECT_NAME}/server.gen.ts`);
      const transport = new StdioClientTransport({
        command: 'npx',
        args: ['toolwright', 'serve', `generated/${PROJECT_NAME}/server.gen.ts`],
        cwd: project,
        env: cleanEnv() as Record<string, string>,
        stderr: 'pipe',
      });
      const client = new Client({ name: 'pack-test', version: '1.0.0' });
      try {
        await client.connect(transport);
        expect(client.getServerVersion()).toMatchObject({ name: PROJECT_NAME, version: '0.1.0' });
        const { tools: listed } = await client.listTools();
        expect(listed.map((t) => t.name)).toEqual(['greet']);
        const result = await client.callTool({ name: 'greet', arguments: { name: 'stdio' } });
        expect(result.content).toEqual([{ type: 'text', text: 'Hello, stdio.' }]);
      } finally {
        await client.close();
      }
    },
    SLOW,
  );
});
