/**
 * Benchmark (not a test): Toolwright's OpenAPI pipeline on GitHub's REST API
 * (specs/github/api.github.com.json, 1223 operations) side by side with
 * openapi-typescript alone and with openapi-mcp-generator, and cold start of
 * the generated servers against a bare SDK server with one tool.
 *
 *   npx tsx --conditions=@toolwright/source scripts/bench-openapi.ts [--runs 3] [--starts 5] [--json out.json] [--keep]
 *
 * Every measurement is a fresh child process, timed from spawn to exit (wall):
 *
 *  1. `toolwright build <tmp>`: the whole pipeline for ALL operations (parse +
 *     IR, zod schemas, registration code, tools.json). The config is
 *     specs/github/toolwright.config.ts copied into scripts/.bench-openapi-<pid>/
 *     (inside the repo so @toolwright/runtime and zod resolve; removed at the
 *     end unless --keep) with `spec` pointing at the real spec and `outDir`
 *     inside that folder, so the committed generated/github is not touched.
 *     Then `tsc --noEmit` (TypeScript from node_modules; strict, NodeNext) over
 *     that output: it must pass.
 *  2. `openapi-typescript <spec> -o <tmp>/types.d.ts`: types only, the baseline
 *     the pipeline is held to (goal ≤ 1.5×).
 *  3. `openapi-mcp-generator --input <spec> --output <dir>`, and `tsc --noEmit`
 *     over its project as its README builds it (`npm install && npm run build`,
 *     i.e. its own tsconfig). It is installed once into a cache folder under the
 *     OS temp dir, together with its output's dependencies, instead of as a
 *     devDependency: it depends on zod 3, which npm would hoist over the
 *     workspace's zod 4 at the repository root.
 *  4. Cold start to the first tools/list answer over stdio with the SDK Client
 *     (spawn → initialize → tools/list answered): `toolwright serve github`
 *     (default surface), `serve github --toolsets all` (every operation) and
 *     `serve notion`, and openapi-mcp-generator's GitHub server (its src/index.ts
 *     through tsx: with a tsc error its build is not clean), against
 *     scripts/bench/sdk-one-tool.ts (a bare McpServer with one tool, started
 *     through tsx like the CLI). The sides alternate within each of --starts
 *     rounds (A B C D E A B C D E …) so drift in machine load hits all alike.
 *
 * Goals (issue #4): pipeline ≤ 1.5× openapi-typescript alone; the generated GitHub
 * server passes tsc; cold start of the default GitHub surface ≤ 1.2× the bare SDK
 * server. Medians over runs are compared.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { failer, median, positiveFlag } from './bench/cli.js';

const fail = failer('bench-openapi', 1);
const positive = positiveFlag(fail);

const root = resolve(import.meta.dirname, '..');
const SPEC = join(root, 'specs/github/api.github.com.json');
const CONFIG = join(root, 'specs/github/toolwright.config.ts');
const CLI = join(root, 'packages/cli/bin/toolwright.js');
const TSC = join(root, 'node_modules/typescript/bin/tsc');
const OPENAPI_TS = join(root, 'node_modules/openapi-typescript/bin/cli.js');
// Pinned so the cached install stays valid and figures stay comparable between runs of this script.
const OMG_VERSION = '4.0.1';
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

function timed(command: string, args: string[], cwd = root): { ms: number; result: SpawnSyncReturns<string> } {
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t0, result };
}

function check(what: string, result: SpawnSyncReturns<string>): void {
  if (result.error) fail(`${what} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000));
}

interface TscResult {
  ms: number;
  errors: number;
  first?: string;
}

/** `tsc -p <tsconfig> --noEmit`; diagnostics counted from its plain (--pretty false) output. */
function typeCheck(tsconfig: string): TscResult {
  const { ms, result } = timed(process.execPath, [TSC, '-p', tsconfig, '--noEmit', '--pretty', 'false']);
  const errors = `${result.stdout}${result.stderr}`
    .split('\n')
    .map((line) => /^(.+?)(\(\d+,\d+\): error TS\d+: .*)$/.exec(line.trim()))
    .filter((match) => match !== null);
  if (result.status !== 0 && errors.length === 0)
    fail(`tsc -p ${relative(root, tsconfig)} failed without diagnostics (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  // tsc prints paths relative to its cwd (the repository root); show them relative to the checked project instead.
  const first = errors[0] && `${relative(dirname(tsconfig), resolve(root, errors[0][1]!))}${errors[0][2]}`.slice(0, 240);
  return { ms, errors: errors.length, ...(first ? { first } : {}) };
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
const verdict = (ratio: number, goal: number) => (ratio <= goal ? `OK (goal ≤ ${goal.toFixed(2)}×)` : `OVER (goal ≤ ${goal.toFixed(2)}×)`);

// ---------------------------------------------------------------- setup

/** Toolwright's GitHub config with the spec and output redirected into `dir`. */
function writeToolwrightProject(dir: string): { outDir: string; tsconfig: string } {
  const source = readFileSync(CONFIG, 'utf8');
  const config = source.replace(/spec: '[^']*'/, `spec: ${JSON.stringify(relative(dir, SPEC))}`).replace(/outDir: '[^']*'/, `outDir: 'out'`);
  if (config === source || !config.includes("outDir: 'out'")) fail(`could not find spec: '…' and outDir: '…' in ${relative(root, CONFIG)} to redirect them.`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'toolwright.config.ts'), config);
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
          customConditions: ['@toolwright/source'],
        },
        include: ['out/**/*.ts'],
      },
      null,
      2,
    )}\n`,
  );
  return { outDir: join(dir, 'out'), tsconfig };
}

/**
 * openapi-mcp-generator and its output's dependencies, installed once into a
 * cache folder outside the workspace (see the header for why not a devDependency).
 */
function omgCache(): { dir: string; bin: string } {
  const dir = join(tmpdir(), 'toolwright-bench-openapi', `openapi-mcp-generator@${OMG_VERSION}`);
  const bin = join(dir, 'node_modules/openapi-mcp-generator/bin/openapi-mcp-generator.js');
  if (!existsSync(bin)) {
    console.log(`installing openapi-mcp-generator@${OMG_VERSION} into ${dir} (once) …`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
    npmInstall(dir, [`openapi-mcp-generator@${OMG_VERSION}`]);
  }
  return { dir, bin };
}

/** Installs what the generated project's package.json asks for (its README: `npm install && npm run build`), except the compiler: the repository's is used. */
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

function npmInstall(dir: string, specs: string[]): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs], { cwd: dir, encoding: 'utf8' });
  check(`npm install ${specs.join(' ')} (in ${dir})`, result);
}

// ---------------------------------------------------------------- cold start

type StartSide = 'sdk' | 'github' | 'githubAll' | 'notion' | 'omg';
const START_SIDES: readonly StartSide[] = ['sdk', 'github', 'githubAll', 'notion', 'omg'];
const START_LABEL: Record<StartSide, string> = {
  sdk: 'bare SDK, 1 tool',
  github: 'serve github',
  githubAll: 'serve github --toolsets all',
  notion: 'serve notion',
  omg: 'openapi-mcp-gen github',
};
/** The bare SDK server and openapi-mcp-generator's output (src/index.ts; its build/ is not emitted, tsc fails) run through tsx, like `toolwright serve`. */
function startArgs(side: StartSide, omgProject: string): string[] {
  const viaTsx = (file: string) => ['--conditions=@toolwright/source', '--import', 'tsx', file];
  if (side === 'sdk') return viaTsx(join(root, 'scripts/bench/sdk-one-tool.ts'));
  if (side === 'omg') return viaTsx(join(omgProject, 'src/index.ts'));
  if (side === 'githubAll') return [CLI, 'serve', 'github', '--toolsets', 'all'];
  return [CLI, 'serve', side];
}
const startWidth = (side: StartSide) => START_LABEL[side].length + 3;

/** Spawn → initialize → first tools/list answer, in ms; tools counted over all pages afterwards (untimed). */
async function coldStart(side: StartSide, omgProject: string): Promise<{ ms: number; tools: number }> {
  const client = new Client({ name: 'toolwright-bench-openapi', version: '1.0.0' });
  // What a real MCP client passes to a stdio server: only the SDK's safe variables, so no TOOLWRIGHT_* or token leaks in.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: startArgs(side, omgProject),
    cwd: root,
    env: getDefaultEnvironment(),
    stderr: 'ignore',
  });
  const t0 = performance.now();
  try {
    await client.connect(transport);
    let page = await client.listTools();
    const elapsed = performance.now() - t0;
    let tools = page.tools.length;
    while (page.nextCursor) {
      page = await client.listTools({ cursor: page.nextCursor });
      tools += page.tools.length;
    }
    return { ms: elapsed, tools };
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------- main

interface PipelineRun {
  run: number;
  toolwrightMs: number;
  openapiTypescriptMs: number;
  openapiMcpGeneratorMs: number;
  tscToolwright: TscResult;
  tscOpenapiMcpGenerator: TscResult;
}

const version = (pkgJson: string) => (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
const specDoc = JSON.parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operations = Object.values(specDoc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => METHODS.has(k)).length, 0);

const dir = join(root, 'scripts', `.bench-openapi-${process.pid}`);
const omg = omgCache();
const omgOut = join(omg.dir, `out-${process.pid}`);
// On 'exit' rather than in a finally block so that fail() (process.exit) cleans up too.
process.on('exit', () => {
  if (flags.keep) return;
  rmSync(dir, { recursive: true, force: true });
  rmSync(omgOut, { recursive: true, force: true });
});

console.log(
  `Toolwright OpenAPI pipeline vs openapi-typescript vs openapi-mcp-generator — ${relative(root, SPEC)} (${operations} operations, ${mb(statSync(SPEC).size)})`,
);
console.log(
  `${runs} run(s) of each generator and tsc, ${starts} alternating cold-start round(s); every figure is a fresh child process, wall time, medians compared.`,
);
console.log(
  `Node ${process.version}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}; TypeScript ${version(join(root, 'node_modules/typescript/package.json'))}, openapi-typescript ${version(join(OPENAPI_TS, '../../package.json'))}, openapi-mcp-generator ${version(join(omg.dir, 'node_modules/openapi-mcp-generator/package.json'))}, @modelcontextprotocol/sdk ${version(join(root, 'node_modules/@modelcontextprotocol/sdk/package.json'))}`,
);
console.log('');

const results: PipelineRun[] = [];
const startResults: { round: number; side: StartSide; ms: number; tools: number }[] = [];
const sizes: Record<string, number> = {};
let toolwrightTools = 0;
const project = writeToolwrightProject(dir);
const typesOut = join(dir, 'types.d.ts');

console.log('1–3. Generating all operations (ms, wall, fresh process each)');
const header = `${'run'.padEnd(4)}${'toolwright build'.padStart(17)}${'openapi-typescript'.padStart(20)}${'openapi-mcp-gen'.padStart(17)}${'tsc toolwright'.padStart(16)}${'errors'.padStart(8)}${'tsc o-m-g'.padStart(11)}${'errors'.padStart(8)}`;
console.log(header);
console.log('-'.repeat(header.length));
for (let run = 1; run <= runs; run++) {
  rmSync(project.outDir, { recursive: true, force: true });
  const tw = timed(process.execPath, [CLI, 'build', dir, '--quiet']);
  check('toolwright build', tw.result);

  rmSync(typesOut, { force: true });
  const ots = timed(process.execPath, [OPENAPI_TS, SPEC, '-o', typesOut]);
  check('openapi-typescript', ots.result);

  rmSync(omgOut, { recursive: true, force: true });
  const gen = timed(process.execPath, [omg.bin, '--input', SPEC, '--output', omgOut, '--force']);
  check('openapi-mcp-generator', gen.result);
  if (run === 1) installOmgOutputDeps(omg.dir, omgOut);

  const tscToolwright = typeCheck(project.tsconfig);
  const tscOmg = typeCheck(join(omgOut, 'tsconfig.json'));
  results.push({ run, toolwrightMs: tw.ms, openapiTypescriptMs: ots.ms, openapiMcpGeneratorMs: gen.ms, tscToolwright, tscOpenapiMcpGenerator: tscOmg });
  console.log(
    `${String(run).padEnd(4)}${ms(tw.ms).padStart(17)}${ms(ots.ms).padStart(20)}${ms(gen.ms).padStart(17)}${ms(tscToolwright.ms).padStart(16)}${String(tscToolwright.errors).padStart(8)}${ms(tscOmg.ms).padStart(11)}${String(tscOmg.errors).padStart(8)}`,
  );
  if (run === 1) {
    sizes.toolwright = dirBytes(project.outDir);
    sizes.openapiTypescript = statSync(typesOut).size;
    sizes.openapiMcpGenerator = dirBytes(join(omgOut, 'src'));
    toolwrightTools = (JSON.parse(readFileSync(join(project.outDir, 'tools.json'), 'utf8')) as { tools: unknown[] }).tools.length;
  }
}
const med = (pick: (r: PipelineRun) => number) => median(results.map(pick));
const m = {
  toolwrightMs: med((r) => r.toolwrightMs),
  openapiTypescriptMs: med((r) => r.openapiTypescriptMs),
  openapiMcpGeneratorMs: med((r) => r.openapiMcpGeneratorMs),
  tscToolwrightMs: med((r) => r.tscToolwright.ms),
  tscOpenapiMcpGeneratorMs: med((r) => r.tscOpenapiMcpGenerator.ms),
};
console.log('-'.repeat(header.length));
console.log(
  `${'med'.padEnd(4)}${ms(m.toolwrightMs).padStart(17)}${ms(m.openapiTypescriptMs).padStart(20)}${ms(m.openapiMcpGeneratorMs).padStart(17)}${ms(m.tscToolwrightMs).padStart(16)}${''.padStart(8)}${ms(m.tscOpenapiMcpGeneratorMs).padStart(11)}`,
);
console.log(
  `output: toolwright ${toolwrightTools} tools, ${mb(sizes.toolwright!)} (schemas.gen.ts, server.gen.ts, tools.json); openapi-typescript ${mb(sizes.openapiTypescript!)} (types.d.ts); openapi-mcp-generator ${mb(sizes.openapiMcpGenerator!)} (src/)`,
);
const twTsc = results.map((r) => r.tscToolwright);
const omgTsc = results.map((r) => r.tscOpenapiMcpGenerator);
const twPasses = twTsc.every((t) => t.errors === 0);
const omgPasses = omgTsc.every((t) => t.errors === 0);
if (!twPasses) console.log(`  toolwright output, first tsc error: ${twTsc.find((t) => t.first)?.first}`);
if (!omgPasses) console.log(`  openapi-mcp-generator output, first tsc error: ${omgTsc.find((t) => t.first)?.first}`);

console.log('');
console.log(`4. Cold start to the first tools/list answer, stdio, SDK Client (ms, wall; ${starts} rounds alternating)`);
const startHeader = `${'round'.padEnd(6)}${START_SIDES.map((side) => START_LABEL[side].padStart(startWidth(side))).join('')}`;
console.log(startHeader);
console.log('-'.repeat(startHeader.length));
const pad = (side: StartSide, text: string) => text.padStart(startWidth(side));
for (let round = 1; round <= starts; round++) {
  const cells: string[] = [];
  for (const side of START_SIDES) {
    const r = await coldStart(side, omgOut);
    startResults.push({ round, side, ...r });
    cells.push(pad(side, ms(r.ms)));
  }
  console.log(`${String(round).padEnd(6)}${cells.join('')}`);
}
const startMed = Object.fromEntries(START_SIDES.map((side) => [side, median(startResults.filter((r) => r.side === side).map((r) => r.ms))])) as Record<
  StartSide,
  number
>;
const startTools = Object.fromEntries(START_SIDES.map((side) => [side, startResults.find((r) => r.side === side)!.tools])) as Record<StartSide, number>;
console.log('-'.repeat(startHeader.length));
console.log(`${'med'.padEnd(6)}${START_SIDES.map((side) => pad(side, ms(startMed[side]))).join('')}`);
console.log(`${'tools'.padEnd(6)}${START_SIDES.map((side) => pad(side, String(startTools[side]))).join('')}`);

const ratios = {
  pipelineVsOpenapiTypescript: m.toolwrightMs / m.openapiTypescriptMs,
  openapiMcpGeneratorVsOpenapiTypescript: m.openapiMcpGeneratorMs / m.openapiTypescriptMs,
  coldStartGithub: startMed.github / startMed.sdk,
  coldStartGithubAll: startMed.githubAll / startMed.sdk,
  coldStartNotion: startMed.notion / startMed.sdk,
  coldStartOpenapiMcpGenerator: startMed.omg / startMed.sdk,
};
console.log('');
const line = (label: string, value: string) => console.log(`  ${label.padEnd(68)}${value}`);
const ratioCell = (ratio: number, goal?: number) => `${ratio.toFixed(2)}×${goal === undefined ? '' : `  ${verdict(ratio, goal)}`}`;
console.log('Goals (medians):');
line(
  'pipeline: toolwright build / openapi-typescript',
  `${ratioCell(ratios.pipelineVsOpenapiTypescript, GOALS.pipeline)}  (${ms(m.toolwrightMs)} vs ${ms(m.openapiTypescriptMs)} ms)`,
);
line(
  `generated GitHub server (${toolwrightTools} tools) passes tsc`,
  `${twPasses ? 'yes  OK' : `NO  OVER (${twTsc.map((t) => t.errors).join('/')} error(s) per run)`}  (tsc ${ms(m.tscToolwrightMs)} ms)`,
);
line(
  `cold start: serve github (${startTools.github} tools) / bare SDK`,
  `${ratioCell(ratios.coldStartGithub, GOALS.coldStart)}  (${ms(startMed.github)} vs ${ms(startMed.sdk)} ms)`,
);
console.log('For reference:');
line(
  'openapi-mcp-generator / openapi-typescript',
  `${ratioCell(ratios.openapiMcpGeneratorVsOpenapiTypescript)}  (it emits JSON-Schema literals only, no types)`,
);
line(
  'openapi-mcp-generator output passes tsc',
  `${omgPasses ? 'yes' : `no, ${omgTsc.map((t) => t.errors).join('/')} error(s) per run`}  (tsc ${ms(m.tscOpenapiMcpGeneratorMs)} ms)`,
);
line(`cold start: serve github --toolsets all (${startTools.githubAll} tools) / bare SDK`, ratioCell(ratios.coldStartGithubAll));
line(`cold start: serve notion (${startTools.notion} tools) / bare SDK`, ratioCell(ratios.coldStartNotion));
line(`cold start: openapi-mcp-generator github (${startTools.omg} tools) / bare SDK`, ratioCell(ratios.coldStartOpenapiMcpGenerator));

if (flags.json) {
  const out = resolve(flags.json);
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        spec: relative(root, SPEC),
        operations,
        runs,
        starts,
        node: process.version,
        cpus: cpus().length,
        sizes,
        toolwrightTools,
        medians: { ...m, coldStart: startMed },
        coldStartTools: startTools,
        tsc: { toolwrightPasses: twPasses, openapiMcpGeneratorPasses: omgPasses },
        ratios,
        goals: GOALS,
        meetsGoals: ratios.pipelineVsOpenapiTypescript <= GOALS.pipeline && twPasses && ratios.coldStartGithub <= GOALS.coldStart,
        results,
        coldStartRuns: startResults,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nJSON written to ${relative(process.cwd(), out)}`);
}
