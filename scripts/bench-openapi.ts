/**
 * Benchmark (not a test): Toolwright's OpenAPI pipeline on GitHub's REST API
 * (specs/github/api.github.com.json, 1223 operations) and Notion's
 * (specs/notion/notion-openapi.json, 24 operations) side by side with
 * openapi-typescript alone and with openapi-mcp-generator; type-checking the
 * generated servers; and cold start of the generated servers against a bare
 * SDK server with one tool and against @notionhq/notion-mcp-server.
 *
 *   npx tsx --conditions=@toolwright/source scripts/bench-openapi.ts [--runs 3] [--starts 5] [--json out.json] [--keep]
 *
 * Every measurement is a fresh child process, timed from spawn to exit (wall),
 * with its peak memory (largest resident set of the process tree, GNU time's
 * %M; see scripts/bench/run.ts). Within a run the sides swap order every run.
 *
 *  1. Codegen, all operations. `toolwright build <tmp>/<api>`: the whole
 *     pipeline (parse + IR, zod schemas, registration code, tools.json). The
 *     config is specs/<api>/toolwright.config.ts copied into
 *     scripts/.bench-openapi-<pid>/<api>/ (inside the repo so @toolwright/runtime
 *     and zod resolve; removed at the end unless --keep) with `spec` pointing at
 *     the real spec and `outDir` inside that folder, so the committed
 *     generated/ is not touched. Against it: `openapi-mcp-generator --input
 *     <spec> --output <dir>` for both APIs, and for GitHub
 *     `openapi-typescript <spec> -o <tmp>/types.d.ts` (types only, the baseline
 *     the pipeline is held to: goal ≤ 1.5×, issue #4).
 *  2. Type-check (`tsc --noEmit`, TypeScript from node_modules; strict,
 *     NodeNext, @toolwright/runtime from its sources) of what step 1 generated:
 *     GitHub with every operation; GitHub's default surface — server.gen.ts,
 *     api.gen.ts, types.gen.ts and the modules of the default toolsets (the
 *     others load on demand: in a copy of server.gen.ts their import() is made
 *     opaque to the compiler, so it does not follow them); Notion; and, as the
 *     floor under all three, a file that only imports @toolwright/runtime.
 *     openapi-mcp-generator's projects are checked as its README builds them
 *     (`npm install && npm run build`, i.e. its own tsconfig), for reference,
 *     in the first run only.
 *     openapi-mcp-generator is installed once into a cache folder under the OS
 *     temp dir (scripts/bench/peers.ts), with its output's dependencies.
 *  3. Cold start to the first tools/list answer over stdio with the SDK Client
 *     (spawn → initialize → tools/list answered): `toolwright serve github`
 *     (default surface), `serve github --toolsets all` (every operation) and
 *     `serve notion`; @notionhq/notion-mcp-server 2.5.2 on the same Notion spec
 *     (its published bin, as `npx` runs it; a placeholder token; nothing is
 *     called); openapi-mcp-generator's GitHub server (its src/index.ts through
 *     tsx: with a tsc error its build is not clean); all against
 *     scripts/bench/sdk-one-tool.ts (a bare McpServer with one tool, started
 *     through tsx like the CLI). The sides alternate within each of --starts
 *     rounds (A B C … A B C …) so drift in machine load hits all alike. Each
 *     server's peak RSS when it answered (VmHWM) is recorded too.
 *
 * Goals: pipeline ≤ 1.5× openapi-typescript alone; the generated servers pass
 * tsc; cold start of the default GitHub surface ≤ 1.2× the bare SDK server.
 * Medians over runs are compared.
 */
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { failer, median, positiveFlag } from './bench/cli.js';
import { installPeer, NOTION_MCP_ENV, npmInstall, PEERS } from './bench/peers.js';
import { type Measured, measured } from './bench/run.js';

const fail = failer('bench-openapi', 1);
const positive = positiveFlag(fail);

const root = resolve(import.meta.dirname, '..');
const APIS = {
  github: { spec: join(root, 'specs/github/api.github.com.json'), config: join(root, 'specs/github/toolwright.config.ts') },
  notion: { spec: join(root, 'specs/notion/notion-openapi.json'), config: join(root, 'specs/notion/toolwright.config.ts') },
} as const;
type Api = keyof typeof APIS;
const CLI = join(root, 'packages/cli/bin/toolwright.js');
const TSC = join(root, 'node_modules/typescript/bin/tsc');
const OPENAPI_TS = join(root, 'node_modules/openapi-typescript/bin/cli.js');
const GOALS = { pipeline: 1.5, coldStart: 1.2 };

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    starts: { type: 'string', default: '5' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}
const runs = positive('runs', flags.runs);
const starts = positive('starts', flags.starts);
if (!existsSync(OPENAPI_TS)) fail('openapi-typescript is not installed; run `npm i -D openapi-typescript@7` at the repository root.');

// ---------------------------------------------------------------- helpers

function timed(command: string, args: string[], cwd = root): Measured {
  return measured(command, args, { cwd });
}

function check(what: string, result: SpawnSyncReturns<string>): void {
  if (result.error) fail(`${what} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000));
}

interface Figure {
  ms: number;
  peakMb?: number;
}

interface TscResult extends Figure {
  errors: number;
  first?: string;
}

/** `tsc -p <tsconfig> --noEmit`; diagnostics counted from its plain (--pretty false) output. */
function typeCheck(tsconfig: string): TscResult {
  const { ms, peakMb, result } = timed(process.execPath, [TSC, '-p', tsconfig, '--noEmit', '--pretty', 'false']);
  const errors = `${result.stdout}${result.stderr}`
    .split('\n')
    .map((line) => /^(.+?)(\(\d+,\d+\): error TS\d+: .*)$/.exec(line.trim()))
    .filter((match) => match !== null);
  if (result.status !== 0 && errors.length === 0)
    fail(`tsc -p ${relative(root, tsconfig)} failed without diagnostics (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  // tsc prints paths relative to its cwd (the repository root); show them relative to the checked project instead.
  const first = errors[0] && `${relative(dirname(tsconfig), resolve(root, errors[0][1]!))}${errors[0][2]}`.slice(0, 240);
  return { ms, ...(peakMb !== undefined ? { peakMb } : {}), errors: errors.length, ...(first ? { first } : {}) };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const ms = (n: number) => `${Math.round(n)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const mem = (f: Figure | undefined) => (f?.peakMb === undefined ? '—' : `${Math.round(f.peakMb)}`);
const verdict = (ratio: number, goal: number) => (ratio <= goal ? `OK (goal ≤ ${goal.toFixed(2)}×)` : `OVER (goal ≤ ${goal.toFixed(2)}×)`);
const version = (pkgJson: string) => (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;

// ---------------------------------------------------------------- setup

const COMPILER_OPTIONS = {
  target: 'ES2023',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
  customConditions: ['@toolwright/source'],
};

function writeTsconfig(file: string, body: { files?: string[]; include?: string[]; exclude?: string[] }): string {
  writeFileSync(file, `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS, ...body }, null, 2)}\n`);
  return file;
}

/** The API's config with the spec and output redirected into `dir`. */
function writeToolwrightProject(api: Api, dir: string): { dir: string; outDir: string } {
  const { spec, config: configFile } = APIS[api];
  const source = readFileSync(configFile, 'utf8');
  const config = source.replace(/spec: '[^']*'/, `spec: ${JSON.stringify(relative(dir, spec))}`).replace(/outDir: '[^']*'/, `outDir: 'out'`);
  if (config === source || !config.includes("outDir: 'out'"))
    fail(`could not find spec: '…' and outDir: '…' in ${relative(root, configFile)} to redirect them.`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'toolwright.config.ts'), config);
  return { dir, outDir: join(dir, 'out') };
}

/**
 * GitHub's default surface as a compiler sees a `serve github` process: a copy
 * of server.gen.ts whose non-default toolsets' `import("./toolsets/x.gen.js")`
 * become `import(String("./toolsets/x.gen.js"))` (the compiler follows only
 * literal specifiers), plus api.gen.ts, types.gen.ts and the default toolsets'
 * modules. Returns the tsconfig and the default toolsets.
 */
function writeDefaultSurface(outDir: string, tsconfigFile: string): { tsconfig: string; toolsets: string[] } {
  const server = readFileSync(join(outDir, 'server.gen.ts'), 'utf8');
  const toolsets = [...server.matchAll(/^\s*\{"name":"([^"]+)".*$/gm)].filter((m) => m[0].includes('"default":true')).map((m) => m[1]!);
  if (toolsets.length === 0) fail(`no default toolsets ("default":true) in ${relative(root, join(outDir, 'server.gen.ts'))}`);
  const opaque = server.replace(/import\("\.\/toolsets\/([^"]+)\.gen\.js"\)/g, (call, name: string) =>
    toolsets.includes(name) ? call : `import(String("./toolsets/${name}.gen.js"))`,
  );
  writeFileSync(join(outDir, 'server.default-surface.ts'), opaque);
  const files = ['server.default-surface.ts', 'api.gen.ts', 'types.gen.ts', ...toolsets.map((t) => `toolsets/${t}.gen.ts`)];
  return { tsconfig: writeTsconfig(tsconfigFile, { files: files.map((f) => relative(dirname(tsconfigFile), join(outDir, f))) }), toolsets };
}

/** Installs what a generated openapi-mcp-generator project's package.json asks for (its README: `npm install && npm run build`), except the compiler: the repository's is used. */
function installOmgOutputDeps(cacheDir: string, project: string): void {
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const wanted = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([name]) => name !== 'typescript' && name !== 'shx');
  const missing = wanted.filter(([name]) => !existsSync(join(cacheDir, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  console.log(`installing the generated project's dependencies into the cache (once): ${missing.map(([n, v]) => `${n}@${v}`).join(' ')} …`);
  npmInstall(
    cacheDir,
    missing.map(([name, range]) => `${name}@${range}`),
  );
}

// ---------------------------------------------------------------- cold start

type StartSide = 'sdk' | 'github' | 'githubAll' | 'notion' | 'notionMcp' | 'omg';
const START_SIDES: readonly StartSide[] = ['sdk', 'github', 'githubAll', 'notion', 'notionMcp', 'omg'];
const START_LABEL: Record<StartSide, string> = {
  sdk: 'bare SDK, 1 tool',
  github: 'serve github',
  githubAll: 'serve github --toolsets all',
  notion: 'serve notion',
  notionMcp: 'notion-mcp-server',
  omg: 'openapi-mcp-gen github',
};

interface StartTarget {
  args: string[];
  env?: Record<string, string>;
}
/** The bare SDK server and openapi-mcp-generator's output (src/index.ts; its build/ is not emitted, tsc fails) run through tsx, like `toolwright serve`. */
function startTarget(side: StartSide, omgProject: string, notionMcpBin: string): StartTarget {
  const viaTsx = (file: string) => ['--conditions=@toolwright/source', '--import', 'tsx', file];
  if (side === 'sdk') return { args: viaTsx(join(root, 'scripts/bench/sdk-one-tool.ts')) };
  if (side === 'omg') return { args: viaTsx(join(omgProject, 'src/index.ts')) };
  // BASE_URL points its API client at a closed loopback port: nothing is called anyway (only initialize and tools/list).
  if (side === 'notionMcp') return { args: [notionMcpBin], env: { ...NOTION_MCP_ENV, BASE_URL: 'http://127.0.0.1:9' } };
  if (side === 'githubAll') return { args: [CLI, 'serve', 'github', '--toolsets', 'all'] };
  return { args: [CLI, 'serve', side] };
}
const startWidth = (side: StartSide) => START_LABEL[side].length + 3;

/** Peak resident set of a live process so far, in MiB (Linux; undefined elsewhere). */
function peakRssMb(pid: number | null | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Spawn → initialize → first tools/list answer, in ms; tools counted over all pages afterwards (untimed). */
async function coldStart(side: StartSide, target: StartTarget): Promise<{ ms: number; tools: number; peakMb?: number }> {
  const client = new Client({ name: 'toolwright-bench-openapi', version: '1.0.0' });
  // What a real MCP client passes to a stdio server: only the SDK's safe variables, so no TOOLWRIGHT_* or token leaks in.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: target.args,
    cwd: root,
    env: { ...getDefaultEnvironment(), ...target.env },
    stderr: 'ignore',
  });
  const t0 = performance.now();
  try {
    await client.connect(transport);
    let page = await client.listTools();
    const elapsed = performance.now() - t0;
    const peakMb = peakRssMb(transport.pid);
    let tools = page.tools.length;
    while (page.nextCursor) {
      page = await client.listTools({ cursor: page.nextCursor });
      tools += page.tools.length;
    }
    return { ms: elapsed, tools, ...(peakMb !== undefined ? { peakMb } : {}) };
  } catch (error) {
    throw new Error(`cold start of ${START_LABEL[side]} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------- main

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operationsOf = (api: Api) => {
  const doc = JSON.parse(readFileSync(APIS[api].spec, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);
};
const operations = { github: operationsOf('github'), notion: operationsOf('notion') };

const dir = join(root, 'scripts', `.bench-openapi-${process.pid}`);
const omg = installPeer(PEERS.openapiMcpGenerator);
const notionMcp = installPeer(PEERS.notionMcpServer);
const omgOut: Record<Api, string> = { github: join(omg.dir, `out-${process.pid}`), notion: join(omg.dir, `out-notion-${process.pid}`) };
// On 'exit' rather than in a finally block so that fail() (process.exit) cleans up too.
process.on('exit', () => {
  if (flags.keep) return;
  rmSync(dir, { recursive: true, force: true });
  for (const out of Object.values(omgOut)) rmSync(out, { recursive: true, force: true });
});

console.log(
  `Toolwright OpenAPI pipeline vs openapi-typescript vs openapi-mcp-generator — ${relative(root, APIS.github.spec)} (${operations.github} operations, ${mb(statSync(APIS.github.spec).size)}) and ${relative(root, APIS.notion.spec)} (${operations.notion} operations)`,
);
console.log(
  `${runs} run(s) of each generator and tsc, ${starts} alternating cold-start round(s); every figure is a fresh child process, wall time and peak RSS, medians compared.`,
);
console.log(
  `Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}; TypeScript ${version(join(root, 'node_modules/typescript/package.json'))}, openapi-typescript ${version(join(OPENAPI_TS, '../../package.json'))}, openapi-mcp-generator ${omg.version}, @notionhq/notion-mcp-server ${notionMcp.version}, @modelcontextprotocol/sdk ${version(join(root, 'node_modules/@modelcontextprotocol/sdk/package.json'))}`,
);
console.log('');

type GenKey = 'toolwrightGithub' | 'openapiTypescript' | 'omgGithub' | 'toolwrightNotion' | 'omgNotion';
type TscKey = 'githubAll' | 'githubDefault' | 'notion' | 'runtimeOnly' | 'omgGithub' | 'omgNotion';
const GEN_LABEL: Record<GenKey, string> = {
  toolwrightGithub: 'toolwright github',
  openapiTypescript: 'openapi-typescript github',
  omgGithub: 'openapi-mcp-gen github',
  toolwrightNotion: 'toolwright notion',
  omgNotion: 'openapi-mcp-gen notion',
};
const TSC_LABEL: Record<TscKey, string> = {
  githubAll: 'github, all operations',
  githubDefault: 'github, default surface',
  notion: 'notion',
  runtimeOnly: '@toolwright/runtime alone',
  omgGithub: 'openapi-mcp-gen github',
  omgNotion: 'openapi-mcp-gen notion',
};

interface PipelineRun {
  run: number;
  gen: Record<GenKey, Figure>;
  tsc: Partial<Record<TscKey, TscResult>>;
}
const REFERENCE_ONCE = new Set<TscKey>(['omgGithub', 'omgNotion']);

const results: PipelineRun[] = [];
const startResults: { round: number; side: StartSide; ms: number; tools: number; peakMb?: number }[] = [];
const sizes: Record<string, number> = {};
const toolwrightTools: Record<Api, number> = { github: 0, notion: 0 };
let defaultToolsets: string[] = [];
const projects = { github: writeToolwrightProject('github', join(dir, 'github')), notion: writeToolwrightProject('notion', join(dir, 'notion')) };
const typesOut = join(dir, 'types.d.ts');
const tsconfigs: Record<Exclude<TscKey, 'githubDefault'>, string> & { githubDefault?: string } = {
  githubAll: writeTsconfig(join(dir, 'tsconfig.github-all.json'), { include: ['github/out/**/*.ts'], exclude: ['github/out/server.default-surface.ts'] }),
  notion: writeTsconfig(join(dir, 'tsconfig.notion.json'), { include: ['notion/out/**/*.ts'] }),
  runtimeOnly: writeTsconfig(join(dir, 'tsconfig.runtime-only.json'), { files: ['runtime-only.ts'] }),
  omgGithub: join(omgOut.github, 'tsconfig.json'),
  omgNotion: join(omgOut.notion, 'tsconfig.json'),
};
writeFileSync(
  join(dir, 'runtime-only.ts'),
  "// The floor under every generated server's type-check: the runtime (from its sources), the SDK and zod.\nexport type * from '@toolwright/runtime';\n",
);

const generators: Record<GenKey, () => Figure> = {
  toolwrightGithub: () => generate('toolwright build (github)', [CLI, 'build', projects.github.dir, '--quiet'], projects.github.outDir),
  openapiTypescript: () => generate('openapi-typescript', [OPENAPI_TS, APIS.github.spec, '-o', typesOut], typesOut),
  omgGithub: () => generate('openapi-mcp-generator (github)', [omg.bin, '--input', APIS.github.spec, '--output', omgOut.github, '--force'], omgOut.github),
  toolwrightNotion: () => generate('toolwright build (notion)', [CLI, 'build', projects.notion.dir, '--quiet'], projects.notion.outDir),
  omgNotion: () => generate('openapi-mcp-generator (notion)', [omg.bin, '--input', APIS.notion.spec, '--output', omgOut.notion, '--force'], omgOut.notion),
};
function generate(what: string, args: string[], output: string): Figure {
  rmSync(output, { recursive: true, force: true });
  const { ms, peakMb, result } = timed(process.execPath, args);
  check(what, result);
  return { ms, ...(peakMb !== undefined ? { peakMb } : {}) };
}

const GEN_KEYS = Object.keys(GEN_LABEL) as GenKey[];
const TSC_KEYS = Object.keys(TSC_LABEL) as TscKey[];
/** Alternate the order every run, so neither side always goes first. */
const ordered = <T>(keys: T[], run: number) => (run % 2 === 1 ? keys : [...keys].reverse());

console.log('1. Codegen, all operations (ms wall / peak MB, fresh process each)');
/** Column width: the label, or the widest value ("123456 / 1234 (12 err)"), whichever is wider. */
const width = (label: string) => Math.max(label.length, 16) + 3;
const genHeader = `${'run'.padEnd(4)}${GEN_KEYS.map((k) => GEN_LABEL[k].padStart(width(GEN_LABEL[k]))).join('')}`;
console.log(genHeader);
console.log('-'.repeat(genHeader.length));
const genCell = (k: GenKey, f: Figure) => `${ms(f.ms)} / ${mem(f)}`.padStart(width(GEN_LABEL[k]));
const tscRuns: string[] = [];
for (let run = 1; run <= runs; run++) {
  const gen = {} as Record<GenKey, Figure>;
  for (const key of ordered(GEN_KEYS, run)) gen[key] = generators[key]();
  if (run === 1) {
    installOmgOutputDeps(omg.dir, omgOut.github);
    installOmgOutputDeps(omg.dir, omgOut.notion);
    const surface = writeDefaultSurface(projects.github.outDir, join(dir, 'tsconfig.github-default.json'));
    tsconfigs.githubDefault = surface.tsconfig;
    defaultToolsets = surface.toolsets;
    sizes.toolwrightGithub = dirBytes(projects.github.outDir);
    sizes.toolwrightNotion = dirBytes(projects.notion.outDir);
    sizes.openapiTypescript = statSync(typesOut).size;
    sizes.omgGithub = dirBytes(join(omgOut.github, 'src'));
    sizes.omgNotion = dirBytes(join(omgOut.notion, 'src'));
    for (const api of ['github', 'notion'] as const) {
      toolwrightTools[api] = (JSON.parse(readFileSync(join(projects[api].outDir, 'tools.json'), 'utf8')) as { tools: unknown[] }).tools.length;
    }
  } else {
    writeDefaultSurface(projects.github.outDir, join(dir, 'tsconfig.github-default.json'));
  }
  console.log(`${String(run).padEnd(4)}${GEN_KEYS.map((k) => genCell(k, gen[k])).join('')}`);

  const tsc = {} as Partial<Record<TscKey, TscResult>>;
  // openapi-mcp-generator's projects are checked once (for reference: whether they compile, and roughly how fast).
  for (const key of ordered(TSC_KEYS, run)) if (run === 1 || !REFERENCE_ONCE.has(key)) tsc[key] = typeCheck(tsconfigs[key]!);
  results.push({ run, gen, tsc });
  tscRuns.push(`${String(run).padEnd(4)}${TSC_KEYS.map((k) => tscCell(k, tsc[k])).join('')}`);
}
function tscCell(k: TscKey, t: (Figure & { errors?: number }) | undefined): string {
  if (!t) return '(once)'.padStart(width(TSC_LABEL[k]) + 6);
  return `${ms(t.ms)} / ${mem(t)}${t.errors ? ` (${t.errors} err)` : ''}`.padStart(width(TSC_LABEL[k]) + 6);
}

const medFigure = (figures: Figure[]): Figure => {
  const peaks = figures.flatMap((f) => (f.peakMb === undefined ? [] : [f.peakMb]));
  return { ms: median(figures.map((f) => f.ms)), ...(peaks.length === figures.length ? { peakMb: median(peaks) } : {}) };
};
const genMed = Object.fromEntries(GEN_KEYS.map((k) => [k, medFigure(results.map((r) => r.gen[k]))])) as Record<GenKey, Figure>;
const tscOf = (k: TscKey) => results.flatMap((r) => (r.tsc[k] ? [r.tsc[k]] : []));
const tscMed = Object.fromEntries(TSC_KEYS.map((k) => [k, medFigure(tscOf(k))])) as Record<TscKey, Figure>;
const tscPasses = Object.fromEntries(TSC_KEYS.map((k) => [k, tscOf(k).every((t) => t.errors === 0)])) as Record<TscKey, boolean>;
const tscFirst = Object.fromEntries(TSC_KEYS.map((k) => [k, tscOf(k).find((t) => t.first)?.first])) as Record<TscKey, string | undefined>;
console.log('-'.repeat(genHeader.length));
console.log(`${'med'.padEnd(4)}${GEN_KEYS.map((k) => genCell(k, genMed[k])).join('')}`);
console.log(
  `output: toolwright github ${toolwrightTools.github} tools, ${mb(sizes.toolwrightGithub!)}; toolwright notion ${toolwrightTools.notion} tools, ${mb(sizes.toolwrightNotion!)}; openapi-typescript ${mb(sizes.openapiTypescript!)} (types.d.ts); openapi-mcp-generator github ${mb(sizes.omgGithub!)}, notion ${mb(sizes.omgNotion!)} (src/)`,
);

console.log('');
console.log(`2. Type-check of the generated servers, tsc --noEmit (ms wall / peak MB); default surface = toolsets ${defaultToolsets.join(', ')}`);
const tscHeader = `${'run'.padEnd(4)}${TSC_KEYS.map((k) => TSC_LABEL[k].padStart(width(TSC_LABEL[k]) + 6)).join('')}`;
console.log(tscHeader);
console.log('-'.repeat(tscHeader.length));
for (const line of tscRuns) console.log(line);
console.log('-'.repeat(tscHeader.length));
console.log(`${'med'.padEnd(4)}${TSC_KEYS.map((k) => tscCell(k, tscMed[k])).join('')}`);
for (const k of TSC_KEYS) if (!tscPasses[k]) console.log(`  ${TSC_LABEL[k]}, first tsc error: ${tscFirst[k]}`);

console.log('');
console.log(`3. Cold start to the first tools/list answer, stdio, SDK Client (ms wall; ${starts} rounds alternating)`);
const startHeader = `${'round'.padEnd(6)}${START_SIDES.map((side) => START_LABEL[side].padStart(startWidth(side))).join('')}`;
console.log(startHeader);
console.log('-'.repeat(startHeader.length));
const pad = (side: StartSide, text: string) => text.padStart(startWidth(side));
for (let round = 1; round <= starts; round++) {
  const cells: string[] = [];
  for (const side of ordered([...START_SIDES], round)) {
    const r = await coldStart(side, startTarget(side, omgOut.github, notionMcp.bin));
    startResults.push({ round, side, ...r });
  }
  for (const side of START_SIDES) cells.push(pad(side, ms(startResults.find((r) => r.round === round && r.side === side)!.ms)));
  console.log(`${String(round).padEnd(6)}${cells.join('')}`);
}
const startMed = Object.fromEntries(START_SIDES.map((side) => [side, median(startResults.filter((r) => r.side === side).map((r) => r.ms))])) as Record<
  StartSide,
  number
>;
const startPeak = Object.fromEntries(
  START_SIDES.map((side) => {
    const peaks = startResults.filter((r) => r.side === side).flatMap((r) => (r.peakMb === undefined ? [] : [r.peakMb]));
    return [side, peaks.length ? median(peaks) : undefined];
  }),
) as Record<StartSide, number | undefined>;
const startTools = Object.fromEntries(START_SIDES.map((side) => [side, startResults.find((r) => r.side === side)!.tools])) as Record<StartSide, number>;
console.log('-'.repeat(startHeader.length));
console.log(`${'med'.padEnd(6)}${START_SIDES.map((side) => pad(side, ms(startMed[side]))).join('')}`);
console.log(`${'MB'.padEnd(6)}${START_SIDES.map((side) => pad(side, startPeak[side] === undefined ? '—' : ms(startPeak[side]!))).join('')}`);
console.log(`${'tools'.padEnd(6)}${START_SIDES.map((side) => pad(side, String(startTools[side]))).join('')}`);

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b);
const ratios = {
  pipelineVsOpenapiTypescript: genMed.toolwrightGithub.ms / genMed.openapiTypescript.ms,
  openapiMcpGeneratorVsOpenapiTypescript: genMed.omgGithub.ms / genMed.openapiTypescript.ms,
  codegenGithubVsOmg: genMed.toolwrightGithub.ms / genMed.omgGithub.ms,
  codegenGithubVsOmgMemory: ratio(genMed.toolwrightGithub.peakMb, genMed.omgGithub.peakMb),
  codegenNotionVsOmg: genMed.toolwrightNotion.ms / genMed.omgNotion.ms,
  codegenNotionVsOmgMemory: ratio(genMed.toolwrightNotion.peakMb, genMed.omgNotion.peakMb),
  coldStartGithub: startMed.github / startMed.sdk,
  coldStartGithubAll: startMed.githubAll / startMed.sdk,
  coldStartNotion: startMed.notion / startMed.sdk,
  coldStartNotionMcp: startMed.notionMcp / startMed.sdk,
  coldStartNotionVsNotionMcp: startMed.notion / startMed.notionMcp,
  coldStartGithubVsNotionMcp: startMed.github / startMed.notionMcp,
  coldStartOpenapiMcpGenerator: startMed.omg / startMed.sdk,
};
console.log('');
const line = (label: string, value: string) => console.log(`  ${label.padEnd(72)}${value}`);
const ratioCell = (r: number | undefined, goal?: number) => (r === undefined ? 'n/a' : `${r.toFixed(2)}×${goal === undefined ? '' : `  ${verdict(r, goal)}`}`);
console.log('Goals (medians):');
line(
  'pipeline: toolwright build github / openapi-typescript',
  `${ratioCell(ratios.pipelineVsOpenapiTypescript, GOALS.pipeline)}  (${ms(genMed.toolwrightGithub.ms)} vs ${ms(genMed.openapiTypescript.ms)} ms)`,
);
for (const k of ['githubAll', 'githubDefault', 'notion'] as const) {
  line(`generated ${TSC_LABEL[k]} passes tsc`, `${tscPasses[k] ? 'yes  OK' : 'NO  FAILED'}  (tsc ${ms(tscMed[k].ms)} ms, ${mem(tscMed[k])} MB)`);
}
line(
  `cold start: serve github (${startTools.github} tools) / bare SDK`,
  `${ratioCell(ratios.coldStartGithub, GOALS.coldStart)}  (${ms(startMed.github)} vs ${ms(startMed.sdk)} ms)`,
);
console.log('For reference:');
line(
  'codegen github: toolwright / openapi-mcp-generator (time, peak memory)',
  `${ratioCell(ratios.codegenGithubVsOmg)}, ${ratioCell(ratios.codegenGithubVsOmgMemory)}  (it emits JSON-Schema literals only, no types)`,
);
line(
  'codegen notion: toolwright / openapi-mcp-generator (time, peak memory)',
  `${ratioCell(ratios.codegenNotionVsOmg)}, ${ratioCell(ratios.codegenNotionVsOmgMemory)}`,
);
for (const k of ['omgGithub', 'omgNotion'] as const) {
  line(`${TSC_LABEL[k]} output passes tsc`, `${tscPasses[k] ? 'yes' : `no: ${tscFirst[k]?.slice(0, 90)}`}  (tsc ${ms(tscMed[k].ms)} ms)`);
}
line(`cold start: serve notion (${startTools.notion} tools) / notion-mcp-server (${startTools.notionMcp} tools)`, ratioCell(ratios.coldStartNotionVsNotionMcp));
line(`cold start: serve github (${startTools.github} tools) / notion-mcp-server`, ratioCell(ratios.coldStartGithubVsNotionMcp));
line(`cold start: serve github --toolsets all (${startTools.githubAll} tools) / bare SDK`, ratioCell(ratios.coldStartGithubAll));
line(`cold start: serve notion (${startTools.notion} tools) / bare SDK`, ratioCell(ratios.coldStartNotion));
line(`cold start: openapi-mcp-generator github (${startTools.omg} tools) / bare SDK`, ratioCell(ratios.coldStartOpenapiMcpGenerator));

if (flags.json) {
  const out = resolve(flags.json);
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        specs: { github: relative(root, APIS.github.spec), notion: relative(root, APIS.notion.spec) },
        operations,
        runs,
        starts,
        node: process.version,
        cpus: cpus().length,
        versions: {
          typescript: version(join(root, 'node_modules/typescript/package.json')),
          openapiTypescript: version(join(OPENAPI_TS, '../../package.json')),
          openapiMcpGenerator: omg.version,
          notionMcpServer: notionMcp.version,
        },
        sizes,
        toolwrightTools,
        defaultToolsets,
        medians: { gen: genMed, tsc: tscMed, coldStart: startMed, coldStartPeakMb: startPeak },
        coldStartTools: startTools,
        tsc: { passes: tscPasses, first: tscFirst },
        ratios,
        goals: GOALS,
        meetsGoals:
          ratios.pipelineVsOpenapiTypescript <= GOALS.pipeline &&
          tscPasses.githubAll &&
          tscPasses.githubDefault &&
          tscPasses.notion &&
          ratios.coldStartGithub <= GOALS.coldStart,
        results,
        coldStartRuns: startResults,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nJSON written to ${relative(process.cwd(), out)}`);
}
