/**
 * `toolwright init <dir>`: scaffolds a standalone project that builds, tests
 * and serves out of the box: one example tool in src/tools.ts, the config,
 * a test that calls the tool through the generated server, and a README.
 *
 * Existing files are never overwritten: a non-empty folder is refused, and
 * with --force the files that already exist are kept and listed.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';

export interface InitFlags {
  /** Package and server name; default: the folder's name, sanitized. */
  name?: string;
  /** Scaffold into a non-empty folder, keeping the files already there. */
  force?: boolean;
}

export interface InitResult {
  /** The project folder (absolute). */
  dir: string;
  name: string;
  /** Files written, relative to `dir` (POSIX separators). */
  written: string[];
  /** Files that already existed and were kept (only with --force). */
  kept: string[];
  /** The name given or derived before sanitizing, when sanitizing changed it. */
  renamedFrom?: string;
}

/**
 * Versions of the tools the scaffold is tested with. TypeScript stays on 5.9:
 * the codegen reads sources with ts-morph 27, which bundles TypeScript 5.9.
 */
const DEV_VERSIONS = { typescript: '~5.9.3', vitest: '^4.1.12', '@types/node': '^20.19.0' } as const;

/** Names the project cannot take: npm refuses to install a dependency that has the project's own name. */
const RESERVED_NAMES = new Set(['toolwright', 'zod', 'typescript', 'vitest', 'node_modules', 'favicon.ico']);

/** The `toolwright init` action: scaffolds, then prints what was written and what to run next. */
export async function initCommand(dir: string, flags: InitFlags = {}): Promise<void> {
  process.stdout.write(formatNextSteps(scaffoldProject(dir, flags), process.cwd()));
}

/** Writes the project files into `dir`; throws (writing nothing) when the folder is not empty and `force` is not set. */
export function scaffoldProject(dir: string, flags: InitFlags = {}): InitResult {
  const target = resolve(dir);
  const requested = flags.name ?? basename(target);
  const name = sanitizeName(requested);
  if (!name) {
    throw new Error(
      `Cannot make a package name from ${JSON.stringify(requested)}: it has no letters or digits. Pass one with --name, e.g. toolwright init ${dir} --name my-server.`,
    );
  }
  if (RESERVED_NAMES.has(name)) {
    throw new Error(`"${name}" cannot be the project's name: npm will not install a dependency with the project's own name. Pass another with --name.`);
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new Error(`${target} exists and is not a folder. Pick a new folder name: toolwright init <dir>.`);
    // A fresh `git init` leaves only .git: nothing the scaffold could collide with.
    const entries = readdirSync(target).filter((entry) => entry !== '.git');
    if (entries.length > 0 && !flags.force) {
      throw new Error(
        `${target} is not empty (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}). Scaffold into a new folder, or pass --force to add the project files there (existing files are kept, never overwritten).`,
      );
    }
  }

  const result: InitResult = { dir: target, name, written: [], kept: [], ...(name !== requested ? { renamedFrom: requested } : {}) };
  for (const [file, contents] of Object.entries(projectFiles(name))) {
    const path = resolve(target, file);
    if (existsSync(path)) {
      result.kept.push(file);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    // 'wx' fails rather than overwrite, should the file appear between the check and the write.
    writeFileSync(path, contents, { flag: 'wx' });
    result.written.push(file);
  }
  return result;
}

/**
 * A name that is both a valid npm package name and a valid server name:
 * lower case letters, digits, '-', '.' and '_', not starting with '.' or '_'.
 * Empty when nothing usable is left.
 */
export function sanitizeName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents: "café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 214) // npm's limit on package names
    .replace(/[-._]+$/, '');
}

/** What to tell the user after scaffolding. */
export function formatNextSteps(result: InitResult, cwd: string): string {
  // A folder outside the current one reads better as an absolute path than as ../../x.
  const near = relative(cwd, result.dir);
  const where = near === '' ? '.' : near.startsWith('..') || isAbsolute(near) ? result.dir : near;
  const lines =
    result.written.length > 0
      ? [`Created ${result.name} in ${where}:`, ...result.written.map((file) => `  ${file}`)]
      : [`Nothing written: every file of the ${result.name} scaffold already exists in ${where}.`];
  if (result.renamedFrom !== undefined) lines.push(`(named "${result.name}" from "${result.renamedFrom}": npm package names are lower case, without spaces)`);
  if (result.kept.length > 0) {
    lines.push(
      'Kept these existing files (not overwritten; compare them with a fresh `toolwright init` in an empty folder):',
      ...result.kept.map((f) => `  ${f}`),
    );
  }
  lines.push(
    '',
    'Next steps:',
    ...(where === '.' ? [] : [`  cd ${where.includes(' ') ? JSON.stringify(where) : where}`]),
    '  npm install',
    '  npm run build    # generates the MCP server from src/tools.ts',
    '  npm test         # calls the example tool through the generated server',
    '  npm start        # serves it over stdio (npm start -- --transport http for HTTP)',
    '',
    'Then add your own exported functions to src/tools.ts and run npm run build again.',
    '',
  );
  return lines.join('\n');
}

/** Every file of a new project, by path relative to its root. */
export function projectFiles(name: string): Record<string, string> {
  const require = createRequire(import.meta.url);
  // Same path from src/commands/ and dist/commands/.
  const cli = require('../../package.json') as { version: string; engines?: { node?: string } };
  // The generated schemas import zod: use the range the runtime itself is built against.
  const runtime = require('@toolwright/runtime/package.json') as { version: string; dependencies?: Record<string, string> };
  const serverModule = `generated/${name}/server.gen.ts`;

  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    description: 'An MCP server built with Toolwright from typed TypeScript functions.',
    type: 'module',
    engines: { node: cli.engines?.node ?? '>=20' },
    scripts: {
      build: 'toolwright build',
      typecheck: 'tsc --noEmit',
      // Regenerates first (only changed files are written), so tests never run a stale server.
      pretest: 'toolwright build --quiet',
      test: 'vitest run',
      start: `toolwright serve ${serverModule}`,
    },
    dependencies: {
      '@toolwright/runtime': `^${runtime.version}`,
      zod: runtime.dependencies?.zod ?? '^4.0.0',
    },
    devDependencies: {
      '@types/node': DEV_VERSIONS['@types/node'],
      toolwright: `^${cli.version}`,
      typescript: DEV_VERSIONS.typescript,
      vitest: DEV_VERSIONS.vitest,
    },
    // tsx (through toolwright) depends on esbuild, whose install script checks its binary; npm 11 asks for approval.
    allowScripts: { esbuild: true },
  };

  const tsconfig = {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      esModuleInterop: true,
      skipLibCheck: true,
      // tsx runs the sources and the generated server directly: tsc only checks types.
      noEmit: true,
      types: ['node'],
    },
    include: ['src', 'test', 'generated', 'toolwright.config.ts'],
  };

  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'toolwright.config.ts': configFile(name),
    'src/tools.ts': TOOLS_FILE,
    'test/tools.test.ts': testFile(name),
    '.gitignore': GITIGNORE,
    'README.md': readme(name, serverModule),
  };
}

function configFile(name: string): string {
  return `import { defineConfig } from 'toolwright';

export default defineConfig({
  name: ${quote(name)},
  version: '0.1.0',
  description: 'Example MCP server: greets people.',
  // Every exported function in these files becomes a tool.
  include: ['src/**/*.ts'],
  // The generated server goes to generated/${name}/ (set outDir to change it).
});
`;
}

const TOOLS_FILE = `/**
 * Each exported function in this file is an MCP tool. Its name (in
 * snake_case), parameter types and JSDoc become the tool's name, input
 * schema and descriptions: the model reads them, so say what the tool does,
 * when to use it, and what each parameter means.
 *
 * After changing this file, run \`npm run build\` to regenerate the server.
 */

/**
 * Greets someone by name. Use it to check that the server is connected and
 * answering.
 *
 * @param name Who to greet, e.g. "Ada". {@minLength 1}
 * @param excited End the greeting with "!" instead of ".".
 * @returns The greeting, e.g. "Hello, Ada!".
 * @readOnly
 */
export function greet(name: string, excited = false): string {
  return \`Hello, \${name}\${excited ? '!' : '.'}\`;
}
`;

function testFile(name: string): string {
  return `import { connectTestClient, type TestClient } from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import server from '../generated/${name}/server.gen.js';

// The generated server, driven through a real MCP client in memory: what a
// model sees (tools/list) and what it gets back (tools/call).
describe(${quote(name)}, () => {
  let client: TestClient;
  beforeAll(async () => {
    client = await connectTestClient(server);
  });
  afterAll(async () => {
    await client.close();
  });

  it('lists greet with its description and input schema', async () => {
    const { tools } = await client.listTools();
    const greet = tools.find((tool) => tool.name === 'greet');
    expect(greet?.description).toContain('Greets someone by name');
    expect(greet?.inputSchema.required).toEqual(['name']);
    expect(greet?.annotations?.readOnlyHint).toBe(true);
  });

  it('calls greet', async () => {
    const result = await client.callTool({ name: 'greet', arguments: { name: 'Ada', excited: true } });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'Hello, Ada!' }]);
  });

  it('answers arguments that do not match the schema with an error the model can act on', async () => {
    const result = await client.callTool({ name: 'greet', arguments: { name: '' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('name');
  });
});
`;
}

const GITIGNORE = `node_modules/
dist/
coverage/
*.log
.env
.env.*
!.env.example
`;

function readme(name: string, serverModule: string): string {
  return `# ${name}

An [MCP](https://modelcontextprotocol.io) server built with Toolwright: the
exported functions in \`src/tools.ts\` are its tools.

\`\`\`sh
npm install
npm run build   # src/tools.ts → generated/${name}/ (schemas, server, tools.json)
npm test        # calls the tools through the generated server
npm start       # serves over stdio
\`\`\`

Serve over HTTP instead (listens on 127.0.0.1:3000/mcp):

\`\`\`sh
npm start -- --transport http --port 3000
\`\`\`

To use it from an MCP client that starts servers itself, point the client at
\`npx toolwright serve ${serverModule}\`, run in this folder.

## Adding a tool

Export a function from \`src/tools.ts\` (or any file under \`src/\`) with a
JSDoc comment that says what it does and what each \`@param\` means, then run
\`npm run build\`. The generated files under \`generated/\` are regenerated
from your sources: do not edit them by hand, and commit them with the
change (\`npx toolwright build --check\` fails when they are out of date).
`;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
