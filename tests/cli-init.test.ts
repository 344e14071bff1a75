/**
 * `toolwright init`: what it writes, what it refuses to touch, and how it
 * names the project. That the scaffold installs, builds, tests and serves
 * from the published packages is proven end to end in pack.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFunctions, withDefaults } from '@toolwright/codegen';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { formatNextSteps, projectFiles, sanitizeName, scaffoldProject } from '../packages/cli/src/commands/init.js';
import { createProgram } from '../packages/cli/src/program.js';

const cliPackage = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8')) as { version: string };
const runtimePackage = JSON.parse(readFileSync(new URL('../packages/runtime/package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

const base = mkdtempSync(join(tmpdir(), 'toolwright-init-'));
let count = 0;
/** A path in the temp folder that does not exist yet. */
const fresh = (name = 'project') => join(base, String(++count), name);

afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

const EXPECTED_FILES = ['.gitignore', 'README.md', 'package.json', 'src/tools.ts', 'test/tools.test.ts', 'toolwright.config.ts', 'tsconfig.json'];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

describe('toolwright init: the files', () => {
  it('creates the folder and writes a standalone project into it', () => {
    const dir = fresh('weather');
    const result = scaffoldProject(dir);
    expect(result).toMatchObject({ dir, name: 'weather', kept: [] });
    expect([...result.written].sort()).toEqual(EXPECTED_FILES);
    expect(listFiles(dir)).toEqual(EXPECTED_FILES);
  });

  it('package.json: an ESM project whose scripts build, test and serve the server at the path the codegen writes it to', () => {
    const dir = fresh('weather');
    scaffoldProject(dir);
    const pkg = readJson(join(dir, 'package.json'));
    const { outDir } = withDefaults({ name: 'weather', version: '0.1.0' });
    expect(pkg).toMatchObject({ name: 'weather', private: true, type: 'module' });
    expect(pkg.scripts).toMatchObject({ build: 'toolwright build', test: 'vitest run', start: `toolwright serve ${outDir}/server.gen.ts` });
    expect(pkg.dependencies).toEqual({ '@toolwright/runtime': `^${runtimePackage.version}`, zod: runtimePackage.dependencies.zod });
    expect(pkg.devDependencies).toEqual({
      toolwright: `^${cliPackage.version}`,
      typescript: expect.stringMatching(/^~5\.9\./),
      vitest: expect.stringMatching(/^\^4\./),
      '@types/node': expect.stringMatching(/^\^20\./),
    });
  });

  it('tsconfig.json: strict NodeNext, covering the sources, the tests and the generated server', () => {
    const dir = fresh();
    scaffoldProject(dir);
    const { compilerOptions, include } = readJson(join(dir, 'tsconfig.json'));
    expect(compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true });
    expect(include).toEqual(expect.arrayContaining(['src', 'test', 'generated']));
  });

  it('toolwright.config.ts imports defineConfig from the toolwright package, which re-exports it', async () => {
    const dir = fresh('weather');
    scaffoldProject(dir);
    const config = readFileSync(join(dir, 'toolwright.config.ts'), 'utf8');
    expect(config).toContain(`import { defineConfig } from 'toolwright';`);
    expect(config).toContain(`name: 'weather',`);
    const cli = await import('toolwright');
    expect(cli.defineConfig({ name: 'x', version: '1.0.0' })).toEqual({ name: 'x', version: '1.0.0' });
  });

  it('src/tools.ts: the example reads as a documented, read-only tool with no diagnostics', async () => {
    const dir = fresh('weather');
    scaffoldProject(dir);
    const { server, diagnostics } = await readFunctions({ root: dir, config: { name: 'weather', version: '0.1.0' } });
    expect(diagnostics).toEqual([]);
    expect(server.tools).toHaveLength(1);
    const [greet] = server.tools;
    expect(greet).toMatchObject({ name: 'greet', annotations: { readOnly: true } });
    expect(greet?.description).toMatch(/^Greets someone by name\./);
    expect(greet?.input).toMatchObject({
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, description: expect.any(String) }, excited: { type: 'boolean', default: false } },
    });
  });

  it('test/tools.test.ts: imports the generated server and drives it with connectTestClient', () => {
    const dir = fresh('weather');
    scaffoldProject(dir);
    const test = readFileSync(join(dir, 'test/tools.test.ts'), 'utf8');
    expect(test).toContain(`import server from '../generated/weather/server.gen.js';`);
    expect(test).toContain(`import { connectTestClient, type TestClient } from '@toolwright/runtime';`);
    expect(test).toContain(`client.callTool({ name: 'greet'`);
  });

  it('.gitignore and README: dependencies ignored; install, build, test and serve explained', () => {
    const dir = fresh('weather');
    scaffoldProject(dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const command of ['npm install', 'npm run build', 'npm test', 'npm start', 'npx toolwright serve generated/weather/server.gen.ts']) {
      expect(readme).toContain(command);
    }
  });

  it('accepts an existing empty folder, or one holding only .git', () => {
    const empty = fresh();
    mkdirSync(empty, { recursive: true });
    expect(scaffoldProject(empty).written).toHaveLength(EXPECTED_FILES.length);
    const repo = fresh();
    mkdirSync(join(repo, '.git'), { recursive: true });
    expect(scaffoldProject(repo).written).toHaveLength(EXPECTED_FILES.length);
  });
});

describe('toolwright init: existing files', () => {
  it('refuses a non-empty folder, names what is there, points at --force, and writes nothing', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => scaffoldProject(dir)).toThrow(/is not empty \(notes\.txt\)\. .*--force/);
    expect(listFiles(dir)).toEqual(['notes.txt']);
  });

  it('with --force, adds the missing files and keeps (never overwrites) the existing ones', () => {
    const dir = fresh('weather');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(join(dir, 'src/tools.ts'), 'export const mine = 1;\n');
    const result = scaffoldProject(dir, { force: true });
    expect(result.kept.sort()).toEqual(['package.json', 'src/tools.ts']);
    expect(result.written.sort()).toEqual(EXPECTED_FILES.filter((f) => !result.kept.includes(f)));
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect(readFileSync(join(dir, 'src/tools.ts'), 'utf8')).toBe('export const mine = 1;\n');
    expect(formatNextSteps(result, base)).toMatch(/Kept these existing files \(not overwritten.*\n {2}package\.json\n {2}src\/tools\.ts/);
  });

  it('refuses a path that is a file', () => {
    const file = fresh('file.txt');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
    expect(() => scaffoldProject(file, { force: true })).toThrow(/exists and is not a folder/);
  });
});

describe('toolwright init: the name', () => {
  it.each([
    ['My Cool Server', 'my-cool-server'],
    ['@acme/Weather Tools', 'acme-weather-tools'],
    ['café_api', 'cafe_api'],
    ['  --weird!!name--  ', 'weird-name'],
    ['.hidden', 'hidden'],
    ['v2.server', 'v2.server'],
  ])('sanitizes %j to %j', (raw, name) => {
    expect(sanitizeName(raw)).toBe(name);
  });

  it('derives the name from the folder, says when it changed it, and uses it throughout', () => {
    const dir = fresh('My Weather!');
    const result = scaffoldProject(dir);
    expect(result).toMatchObject({ name: 'my-weather', renamedFrom: 'My Weather!' });
    expect(readJson(join(dir, 'package.json')).name).toBe('my-weather');
    expect(readFileSync(join(dir, 'toolwright.config.ts'), 'utf8')).toContain(`name: 'my-weather',`);
    expect(readFileSync(join(dir, 'test/tools.test.ts'), 'utf8')).toContain('../generated/my-weather/server.gen.js');
    expect(formatNextSteps(result, base)).toContain('(named "my-weather" from "My Weather!"');
  });

  it('--name wins over the folder name, and is sanitized too', () => {
    const dir = fresh('folder');
    const result = scaffoldProject(dir, { name: 'GitHub Issues' });
    expect(result.name).toBe('github-issues');
    expect(readJson(join(dir, 'package.json')).scripts.start).toBe('toolwright serve generated/github-issues/server.gen.ts');
  });

  it('every sanitized name is a valid server name for the config', () => {
    for (const raw of ['A B', '@x/y', 'ünïcödé', 'a'.repeat(300)]) {
      const name = sanitizeName(raw);
      expect(name).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(name.length).toBeLessThanOrEqual(214);
      expect(projectFiles(name)['toolwright.config.ts']).toContain(`name: '${name}',`);
    }
  });

  it('refuses a name with nothing usable in it, or one npm would clash with a dependency, and writes nothing', () => {
    const dir = fresh('!!!');
    expect(() => scaffoldProject(dir)).toThrow(/Cannot make a package name from "!!!".*--name/);
    expect(existsSync(dir)).toBe(false);
    expect(() => scaffoldProject(fresh(), { name: 'Zod' })).toThrow(/"zod" cannot be the project's name.*--name/);
  });
});

describe('toolwright init: the command', () => {
  it('is registered on the CLI, takes --name, and prints the next steps', async () => {
    const dir = fresh('via-cli');
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await createProgram().parseAsync(['node', 'toolwright', 'init', dir, '--name', 'Demo Server']);
    const printed = out.mock.calls.map(([chunk]) => String(chunk)).join('');
    out.mockRestore();
    expect(readJson(join(dir, 'package.json')).name).toBe('demo-server');
    expect(printed).toContain(`Created demo-server in ${dir}:`);
    for (const step of ['npm install', 'npm run build', 'npm test', 'npm start']) expect(printed).toContain(step);
  });

  it('a refusal reaches the user as an error, not a half-written project', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keep.me'), '');
    const program = createProgram().exitOverride();
    await expect(program.parseAsync(['node', 'toolwright', 'init', dir])).rejects.toThrow(/not empty/);
    expect(listFiles(dir)).toEqual(['keep.me']);
  });
});
