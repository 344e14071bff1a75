/**
 * Runs every benchmark and writes BENCHMARKS.md at the repository root
 * (`npm run bench`; not part of `npm test`).
 *
 *   npx tsx --conditions=@toolwright/source scripts/bench-report.ts [--quick] [--only runtime,codegen,openapi,context]
 *        [--runtime "<flags>"] [--codegen "<flags>"] [--openapi "<flags>"] [--from DIR] [--out BENCHMARKS.md]
 *
 * Each script runs as a child process with its output shown as it goes and
 * `--json <results>/<name>.json` (results in scripts/.bench-results/, kept, so
 * `--from scripts/.bench-results` renders the Markdown again without running
 * anything):
 *
 *   runtime  scripts/bench-runtime.ts  call overhead vs a bare SDK McpServer (stdio, HTTP stateful and
 *                                      stateless; no-op and nested-schema tools) and 32 concurrent sessions
 *   codegen  scripts/bench-codegen.ts  the 200-function fixture, cold and one-file incremental; tsc 5.9 vs 7
 *   openapi  scripts/bench-openapi.ts  GitHub and Notion codegen vs openapi-mcp-generator, type-check of the
 *                                      generated servers, cold starts vs @notionhq/notion-mcp-server
 *   context  scripts/bench-context.ts  tools/list tokens, shaped vs raw result tokens
 *
 * `--quick` passes reduced counts to each script (for trying the pipeline, not
 * for figures); `--<name> "<flags>"` passes flags of your own instead (e.g.
 * `--runtime "--runs 3 --calls 1000"`). The header of BENCHMARKS.md states the
 * counts every figure was taken with and whether they were reduced.
 *
 * Every comparison is a ratio of medians over runs taken side by side in one
 * run, never a timed assertion: the machines are noisy. Anything in
 * BENCHMARKS.md below the "kept" marker line (hand-run results such as
 * `npm run soak`) is carried over unchanged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failer } from './bench/cli.js';

const fail = failer('bench-report', 1);
const root = resolve(import.meta.dirname, '..');

const SCRIPTS = {
  runtime: { file: 'scripts/bench-runtime.ts', quick: ['--calls', '300', '--warmup', '50', '--runs', '3', '--session-calls', '20'] },
  codegen: { file: 'scripts/bench-codegen.ts', quick: ['--runs', '1'] },
  openapi: { file: 'scripts/bench-openapi.ts', quick: ['--runs', '1', '--starts', '3'] },
  context: { file: 'scripts/bench-context.ts', quick: [] as string[] },
} as const;
type Name = keyof typeof SCRIPTS;
const NAMES = Object.keys(SCRIPTS) as Name[];
const KEPT_MARKER = '<!-- kept: everything below this line is carried over by scripts/bench-report.ts; put hand-run results here -->';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runtime: { type: 'string' },
    codegen: { type: 'string' },
    openapi: { type: 'string' },
    context: { type: 'string' },
    from: { type: 'string' },
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// ---------------------------------------------------------------- the scripts' JSON (the fields read here)

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  callsPerSecond: number;
  serverCpuUs?: number;
}
type Sides<T> = { toolwright: T; sdk: T };
interface Ratios {
  p50: number;
  p99: number;
  callsPerSecond: number;
  serverCpu?: number;
}
interface RuntimeJson {
  calls: number;
  runs: number;
  warmup: number;
  sdkVersion: string;
  toolwrightLogging: string;
  /** How @toolwright/runtime was loaded: compiled (dist, as published) or from its sources through tsx. */
  runtimeBuild?: 'dist' | 'source';
  goal: number;
  sequential: { transport: string; tool: string; medians: Sides<Stats>; ratios: Ratios; meetsGoal: boolean }[];
  concurrency: {
    sessions: number;
    callsPerSession: number;
    goal: number;
    entries: { tool: string; medians: Sides<Stats>; ratios: Ratios; errors: Sides<number>; meetsGoal: boolean }[];
  };
}
interface CodegenJson {
  functions: number;
  runs: number;
  typescript: { tsc5: string; tsc7: string | null };
  medians: Record<string, number | undefined>;
  results: { worker: { tools: number; incrMatchesFull: boolean } }[];
  drift?: { sameLines?: boolean };
}
interface Figure {
  ms: number;
  peakMb?: number;
}
interface OpenapiJson {
  operations: { github: number; notion: number };
  runs: number;
  starts: number;
  versions: { typescript: string; openapiTypescript: string; openapiMcpGenerator: string; notionMcpServer: string };
  toolwrightTools: { github: number; notion: number };
  defaultToolsets: string[];
  medians: {
    gen: Record<'toolwrightGithub' | 'openapiTypescript' | 'omgGithub' | 'toolwrightNotion' | 'omgNotion', Figure>;
    tsc: Record<'githubAll' | 'githubDefault' | 'notion' | 'runtimeOnly' | 'omgGithub' | 'omgNotion', Figure>;
    coldStart: Record<'sdk' | 'github' | 'githubAll' | 'notion' | 'notionMcp' | 'omg', number>;
    coldStartPeakMb: Partial<Record<'sdk' | 'github' | 'githubAll' | 'notion' | 'notionMcp' | 'omg', number>>;
  };
  coldStartTools: Record<'sdk' | 'github' | 'githubAll' | 'notion' | 'notionMcp' | 'omg', number>;
  tsc: { passes: Record<string, boolean>; first: Record<string, string | undefined> };
  ratios: Record<string, number | undefined>;
  goals: { pipeline: number; coldStart: number };
}
interface ListTokens {
  tools: number;
  tokens: number;
}
interface ContextJson {
  notionMcpServerVersion: string;
  sameNotionSpec: boolean;
  budgets: { notion?: number; github?: number };
  toolsList: {
    notionToolwright: ListTokens;
    notionMcpServer: ListTokens;
    notionRatio: number;
    githubDefault: ListTokens;
    githubAll: ListTokens;
    githubSearch: (ListTokens & { names: string[] }) | { unavailable: string };
  };
  shapeGoal: number;
  shaped: { name: string; rawTokens: number; shapedTokens: number; ratio: number; meetsGoal: boolean }[];
}
interface Meta {
  startedAt: string;
  machine: { cores: number; cpu: string; ramGiB: number; os: string; node: string; npm: string; loadAtStart: number[] };
  args: Partial<Record<Name, string[]>>;
  reduced: Partial<Record<Name, boolean>>;
  wallSeconds: Partial<Record<Name, number>>;
  /** One-minute load average just before each part started (other processes share the machine). */
  loadBefore?: Partial<Record<Name, number>>;
  totalSeconds: number;
}

// ---------------------------------------------------------------- running

const resultsDir = resolve(flags.from ?? join(root, 'scripts/.bench-results'));
const only = flags.only ? (flags.only.split(',').map((s) => s.trim()) as Name[]) : NAMES;
for (const name of only) if (!NAMES.includes(name)) fail(`--only takes ${NAMES.join(', ')}; got "${name}".`);

const splitArgs = (raw: string) => raw.split(/\s+/).filter(Boolean);

function run(): Meta {
  mkdirSync(resultsDir, { recursive: true });
  const npm = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['-v'], { encoding: 'utf8' }).stdout.trim();
  const meta: Meta = {
    startedAt: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      ramGiB: totalmem() / 1024 ** 3,
      os: `${type()} ${release()}`,
      node: process.version,
      npm,
      loadAtStart: loadavg(),
    },
    args: {},
    reduced: {},
    wallSeconds: {},
    loadBefore: {},
    totalSeconds: 0,
  };
  const started = performance.now();
  for (const name of only) {
    const own = flags[name];
    const args = own !== undefined ? splitArgs(own) : flags.quick ? [...SCRIPTS[name].quick] : [];
    meta.args[name] = args;
    meta.reduced[name] = args.length > 0;
    const json = join(resultsDir, `${name}.json`);
    meta.loadBefore![name] = loadavg()[0]!;
    console.log(
      `\n=== ${name}: ${SCRIPTS[name].file} ${args.join(' ')} (free memory ${(freemem() / 1024 ** 3).toFixed(1)} GiB, load ${loadavg()[0]!.toFixed(2)})\n`,
    );
    const t0 = performance.now();
    const result = spawnSync(
      process.execPath,
      ['--conditions=@toolwright/source', '--import', 'tsx', join(root, SCRIPTS[name].file), ...args, '--json', json],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
    meta.wallSeconds[name] = (performance.now() - t0) / 1000;
    if (result.status !== 0) fail(`${SCRIPTS[name].file} failed (exit ${result.status ?? result.signal}); BENCHMARKS.md was not written.`);
  }
  meta.totalSeconds = (performance.now() - started) / 1000;
  // Keep what earlier runs measured for the scripts not run now (--only), so the report stays whole.
  const previous = readJson<Meta>('meta');
  if (previous && only.length < NAMES.length) {
    for (const name of NAMES) {
      if (only.includes(name)) continue;
      if (previous.args[name]) meta.args[name] = previous.args[name];
      if (previous.reduced[name] !== undefined) meta.reduced[name] = previous.reduced[name];
      if (previous.wallSeconds[name] !== undefined) meta.wallSeconds[name] = previous.wallSeconds[name];
      if (previous.loadBefore?.[name] !== undefined) meta.loadBefore![name] = previous.loadBefore[name];
    }
  }
  writeFileSync(join(resultsDir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

function readJson<T>(name: string): T | undefined {
  const file = join(resultsDir, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

// ---------------------------------------------------------------- Markdown

const f0 = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const f2 = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(2));
const f3 = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(3));
const x = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(2)}×`);
/** Three decimals, for ratios held to a goal like 1.10 (1.103 must not read as 1.10 and "missed"). */
const x3 = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(3)}×`);
const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
const secs = (s: number | undefined) => (s === undefined ? '—' : s >= 90 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`);
/** A Markdown table: the first `left` columns (labels) left-aligned, the figures right-aligned. */
const table = (head: string[], rows: string[][], left = 1) =>
  [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i < left ? '---' : '---:')).join(' | ')} |`].concat(rows.map((r) => `| ${r.join(' | ')} |`)).join('\n');
const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;
const TRANSPORT: Record<string, string> = { stdio: 'stdio', http: 'HTTP, stateful', 'http-stateless': 'HTTP, stateless' };

function render(meta: Meta, rt?: RuntimeJson, cg?: CodegenJson, oa?: OpenapiJson, cx?: ContextJson): string {
  const m = meta.machine;
  const out: string[] = [];
  const reducedNames = NAMES.filter((n) => meta.reduced[n]);
  out.push('# Benchmarks');
  out.push('');
  out.push(
    `Generated by \`npm run bench\` (scripts/bench-report.ts) on ${meta.startedAt.slice(0, 10)}; do not edit above the kept marker at the end, run it again instead. Every comparison is a ratio of medians over several runs taken side by side in one run (the sides alternate), because the machines are noisy; none of it is part of \`npm test\`.`,
  );
  out.push('');
  out.push(
    `**Machine:** ${m.cores} cores (${m.cpu}), ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}; Node ${m.node}, npm ${m.npm}. Load average (1, 5, 15 min) when the run started: ${m.loadAtStart.map((l) => l.toFixed(2)).join(', ')}${
      meta.loadBefore && Object.keys(meta.loadBefore).length
        ? `; 1-min load before each part: ${NAMES.filter((n) => meta.loadBefore?.[n] !== undefined)
            .map((n) => `${n} ${meta.loadBefore![n]!.toFixed(2)}`)
            .join(', ')}`
        : ''
    } (a load above the core count means other processes competed for the CPUs). Run time: ${NAMES.map((n) => `${n} ${secs(meta.wallSeconds[n])}`).join(', ')} (total ${secs(NAMES.reduce((t, n) => t + (meta.wallSeconds[n] ?? 0), 0))}).`,
  );
  out.push('');
  out.push(
    reducedNames.length
      ? `**Reduced counts** for ${reducedNames.map((n) => `${n} (\`${meta.args[n]!.join(' ')}\`)`).join(', ')}; the other scripts ran with their defaults. The counts are in each section.`
      : '**Counts:** every script ran with its defaults; the counts are in each section.',
  );
  out.push('');
  out.push('**Reproduce:** `npm run bench` (all of it, then this file). One part at a time, each with `--help`:');
  out.push('');
  out.push('```sh');
  out.push('npx tsx scripts/bench-runtime.ts                               # call overhead, concurrency');
  out.push('npx tsx scripts/bench-codegen.ts                               # 200-function fixture');
  out.push('npx tsx --conditions=@toolwright/source scripts/bench-openapi.ts  # OpenAPI codegen, type-check, cold start');
  out.push('npx tsx --conditions=@toolwright/source scripts/bench-context.ts  # tokens');
  out.push('npx tsx --conditions=@toolwright/source scripts/bench-report.ts --quick   # everything with small counts, then this file');
  out.push('```');
  out.push('');
  out.push(
    'The third-party tools compared against (openapi-mcp-generator, @notionhq/notion-mcp-server) are installed once, pinned, into a cache folder under the OS temp dir; nothing calls the GitHub or Notion APIs.',
  );

  // ---- headline
  const head: string[][] = [];
  if (rt) {
    for (const e of rt.sequential) {
      head.push([
        `Call overhead, ${e.tool}, ${TRANSPORT[e.transport] ?? e.transport}: p50 / p99, Toolwright ÷ bare SDK`,
        `${x3(e.ratios.p50)} / ${x3(e.ratios.p99)}`,
        `≤ ${rt.goal.toFixed(2)}×`,
        met(e.meetsGoal),
      ]);
    }
    for (const e of rt.concurrency.entries) {
      head.push([
        `Throughput, ${rt.concurrency.sessions} HTTP sessions, ${e.tool}: calls/s, Toolwright ÷ bare SDK (errors)`,
        `${x3(e.ratios.callsPerSecond)} (${e.errors.toolwright} errors)`,
        `≥ ${rt.concurrency.goal.toFixed(2)}×, 0 errors`,
        met(e.meetsGoal),
      ]);
    }
  }
  if (oa) {
    head.push([
      `OpenAPI pipeline, GitHub: \`toolwright build\` ÷ openapi-typescript alone`,
      x(oa.ratios.pipelineVsOpenapiTypescript),
      `≤ ${oa.goals.pipeline.toFixed(2)}×`,
      met((oa.ratios.pipelineVsOpenapiTypescript ?? Infinity) <= oa.goals.pipeline),
    ]);
    const allPass = oa.tsc.passes.githubAll && oa.tsc.passes.githubDefault && oa.tsc.passes.notion;
    head.push(['Generated GitHub (default, all) and Notion servers pass `tsc`', allPass ? 'yes' : 'no', 'yes', met(Boolean(allPass))]);
    head.push([
      'Cold start to first `tools/list`, `serve github` ÷ bare SDK server',
      x(oa.ratios.coldStartGithub),
      `≤ ${oa.goals.coldStart.toFixed(2)}×`,
      met((oa.ratios.coldStartGithub ?? Infinity) <= oa.goals.coldStart),
    ]);
  }
  if (cg) {
    const incr = (cg.medians.incrReadMs ?? 0) + (cg.medians.incrEmitMs ?? 0);
    head.push([`200-function fixture, one-file rebuild in process (\`toolwright dev\`)`, `${f0(incr)} ms`, '≤ 1,000 ms', met(incr <= 1000)]);
  }
  if (cx) {
    for (const s of cx.shaped) head.push([`Shaped ÷ raw result tokens, ${s.name}`, x(s.ratio), `≤ ${cx.shapeGoal.toFixed(2)}×`, met(s.meetsGoal)]);
    const b = cx.budgets;
    if (b.notion)
      head.push([
        '`tools/list` tokens, Notion (all 24 tools)',
        f0(cx.toolsList.notionToolwright.tokens),
        `≤ ${f0(b.notion)} (budget)`,
        met(cx.toolsList.notionToolwright.tokens <= b.notion),
      ]);
    if (b.github)
      head.push([
        '`tools/list` tokens, GitHub default surface',
        f0(cx.toolsList.githubDefault.tokens),
        `≤ ${f0(b.github)} (budget)`,
        met(cx.toolsList.githubDefault.tokens <= b.github),
      ]);
  }
  out.push('');
  out.push('## Headline: ratios against the goals');
  out.push('');
  out.push(table(['figure', 'measured', 'goal', ''], head));

  // ---- runtime
  if (rt) {
    out.push('');
    out.push('## Call overhead: Toolwright vs a bare SDK `McpServer`');
    out.push('');
    out.push(
      `scripts/bench-runtime.ts: ${f0(rt.calls)} sequential \`tools/call\` per tool and run after ${rt.warmup} warm-up calls, ${runs(rt.runs)}, a fresh server process per run and side, sides alternating; medians over runs. The Toolwright side is \`serve()\` as shipped (logging at ${rt.toolwrightLogging}; @toolwright/runtime ${rt.runtimeBuild === 'dist' ? 'compiled by tsc, as published' : 'from its TypeScript sources through tsx'}; metrics on HTTP only, as stdio has no /metrics endpoint); the bare side is the SDK README's server (no logging, no metrics); both on @modelcontextprotocol/sdk ${rt.sdkVersion}, one client in the benchmark process. Tools: \`noop\` (one integer in, "ok" out) and \`create_issue\` (a nested input: strings with limits and a pattern, an enum, arrays of objects, optional nested objects, a record, defaults). "srv CPU" is the server's main-thread CPU time per call (from /proc/<pid>/schedstat), steadier than latency when other processes compete for the CPUs.`,
    );
    out.push('');
    out.push(
      table(
        [
          'transport',
          'tool',
          'p50 ms TW / SDK',
          'p50 ratio',
          'p99 ms TW / SDK',
          'p99 ratio',
          'calls/s TW / SDK',
          'calls/s ratio',
          'srv CPU µs TW / SDK',
          `goal ≤ ${rt.goal.toFixed(2)}×`,
        ],
        rt.sequential.map((e) => [
          TRANSPORT[e.transport] ?? e.transport,
          `\`${e.tool}\``,
          `${f3(e.medians.toolwright.p50)} / ${f3(e.medians.sdk.p50)}`,
          x3(e.ratios.p50),
          `${f3(e.medians.toolwright.p99)} / ${f3(e.medians.sdk.p99)}`,
          x3(e.ratios.p99),
          `${f0(e.medians.toolwright.callsPerSecond)} / ${f0(e.medians.sdk.callsPerSecond)}`,
          x3(e.ratios.callsPerSecond),
          `${f0(e.medians.toolwright.serverCpuUs)} / ${f0(e.medians.sdk.serverCpuUs)}`,
          met(e.meetsGoal),
        ]),
        2,
      ),
    );
    if (rt.concurrency.entries.length) {
      out.push('');
      out.push('## Throughput under concurrency');
      out.push('');
      out.push(
        `${rt.concurrency.sessions} SDK clients, each in its own stateful Streamable HTTP session on one server process, ${rt.concurrency.callsPerSession} sequential calls each, all sessions at once; calls/s over the wall time of the batch, p99 over every call; ${runs(rt.runs)} alternating, medians. The clients share the machine with the server.`,
      );
      out.push('');
      out.push(
        table(
          [
            'tool',
            'calls/s TW / SDK',
            'ratio',
            'p99 ms TW / SDK',
            'p99 ratio',
            'srv CPU µs TW / SDK',
            'errors TW / SDK',
            `goal ≥ ${rt.concurrency.goal.toFixed(2)}×, 0 errors`,
          ],
          rt.concurrency.entries.map((e) => [
            `\`${e.tool}\``,
            `${f0(e.medians.toolwright.callsPerSecond)} / ${f0(e.medians.sdk.callsPerSecond)}`,
            x3(e.ratios.callsPerSecond),
            `${f2(e.medians.toolwright.p99)} / ${f2(e.medians.sdk.p99)}`,
            x3(e.ratios.p99),
            `${f0(e.medians.toolwright.serverCpuUs)} / ${f0(e.medians.sdk.serverCpuUs)}`,
            `${e.errors.toolwright} / ${e.errors.sdk}`,
            met(e.meetsGoal),
          ]),
        ),
      );
    }
  }

  // ---- codegen
  if (oa || cg) {
    out.push('');
    out.push('## Codegen');
  }
  if (oa) {
    const g = oa.medians.gen;
    out.push('');
    out.push(
      `scripts/bench-openapi.ts: every operation of the pinned specs, each generator a fresh process; wall time and peak memory (largest resident set of the process tree, GNU time %M); ${runs(oa.runs)}, order swapped every run, medians. openapi-mcp-generator ${oa.versions.openapiMcpGenerator} emits JSON-Schema literals and no types; openapi-typescript ${oa.versions.openapiTypescript} emits types only.`,
    );
    out.push('');
    out.push(
      table(
        ['API', 'Toolwright ms / MB', 'openapi-mcp-generator ms / MB', 'time ratio', 'memory ratio', 'openapi-typescript ms / MB'],
        [
          [
            `GitHub (${oa.operations.github} operations, ${oa.toolwrightTools.github} tools)`,
            `${f0(g.toolwrightGithub.ms)} / ${f0(g.toolwrightGithub.peakMb)}`,
            `${f0(g.omgGithub.ms)} / ${f0(g.omgGithub.peakMb)}`,
            x(oa.ratios.codegenGithubVsOmg),
            x(oa.ratios.codegenGithubVsOmgMemory),
            `${f0(g.openapiTypescript.ms)} / ${f0(g.openapiTypescript.peakMb)}`,
          ],
          [
            `Notion (${oa.operations.notion} operations, ${oa.toolwrightTools.notion} tools)`,
            `${f0(g.toolwrightNotion.ms)} / ${f0(g.toolwrightNotion.peakMb)}`,
            `${f0(g.omgNotion.ms)} / ${f0(g.omgNotion.peakMb)}`,
            x(oa.ratios.codegenNotionVsOmg),
            x(oa.ratios.codegenNotionVsOmgMemory),
            '—',
          ],
        ],
      ),
    );
    out.push('');
    out.push(
      `Pipeline goal (issue #4): \`toolwright build\` of all GitHub operations ÷ openapi-typescript alone = ${x(oa.ratios.pipelineVsOpenapiTypescript)}, goal ≤ ${oa.goals.pipeline.toFixed(2)}×: ${met((oa.ratios.pipelineVsOpenapiTypescript ?? Infinity) <= oa.goals.pipeline)}.`,
    );
  }
  if (cg) {
    const c = cg.medians;
    const incr = (c.incrReadMs ?? 0) + (c.incrEmitMs ?? 0);
    const warm = (c.warmReadMs ?? 0) + (c.warmEmitMs ?? 0);
    out.push('');
    out.push(
      `scripts/bench-codegen.ts: a ${cg.functions}-function TypeScript project (${cg.results[0]?.worker.tools ?? '?'} tools in 20 files), ${runs(cg.runs)}, medians. "CLI" is \`toolwright build\` in a fresh process (what a user runs); "in process" is the same work in a warm process, as \`toolwright dev\` can do it: one edited file re-read and merged into the IR kept from the full read (output identical to a full rebuild: ${cg.results.every((r) => r.worker.incrMatchesFull) ? 'yes' : 'NO'}).`,
    );
    out.push('');
    out.push(
      table(
        ['step', 'ms', 'peak MB', 'goal'],
        [
          ['cold build, CLI', f0(c.cliColdMs), f0(c.cliColdMb), ''],
          ['one-file edit, CLI (full rebuild)', f0(c.cliIncrementalMs), f0(c.cliIncrementalMb), ''],
          ['warm full rebuild, in process', f0(warm), '—', ''],
          ['one-file edit, in process (read 1 file + merge + emit)', f0(incr), '—', `≤ 1,000 ms: ${met(incr <= 1000)}`],
          [`type-check sources + output, TypeScript ${cg.typescript.tsc5}`, f0(c.tsc5Ms), f0(c.tsc5Mb), ''],
          ...(cg.typescript.tsc7
            ? [
                [
                  `type-check sources + output, TypeScript ${cg.typescript.tsc7} (native)`,
                  f0(c.tsc7Ms),
                  f0(c.tsc7Mb),
                  `${x((c.tsc7Ms ?? 0) / (c.tsc5Ms ?? 1))} of 5.9`,
                ],
              ]
            : []),
        ],
      ),
    );
  }

  // ---- type-check
  if (oa) {
    const t = oa.medians.tsc;
    const p = oa.tsc.passes;
    out.push('');
    out.push('## Type-check of the generated servers');
    out.push('');
    out.push(
      `scripts/bench-openapi.ts: \`tsc --noEmit\` (TypeScript ${oa.versions.typescript}, strict, NodeNext, @toolwright/runtime from its sources) over what the codegen step generated; ${runs(oa.runs)}, medians. The default surface is what \`serve github\` loads: server.gen.ts, api.gen.ts, types.gen.ts and the modules of the default toolsets (${oa.defaultToolsets.join(', ')}); the other toolsets load on demand. "@toolwright/runtime alone" is the floor under every row: a file that only imports the runtime. openapi-mcp-generator's projects are checked once, with their own tsconfig, for reference.`,
    );
    out.push('');
    const rows: [string, keyof OpenapiJson['medians']['tsc']][] = [
      ['GitHub, default surface', 'githubDefault'],
      ['GitHub, all operations', 'githubAll'],
      ['Notion', 'notion'],
      ['@toolwright/runtime alone', 'runtimeOnly'],
      ['openapi-mcp-generator, GitHub', 'omgGithub'],
      ['openapi-mcp-generator, Notion', 'omgNotion'],
    ];
    out.push(
      table(
        ['server', 'ms', 'peak MB', 'passes'],
        rows.map(([label, key]) => [
          label,
          f0(t[key].ms),
          f0(t[key].peakMb),
          p[key] ? 'yes' : `no: \`${(oa.tsc.first[key] ?? '').slice(0, 120).replaceAll('|', '\\|')}\``,
        ]),
      ),
    );
  }

  // ---- cold start
  if (oa) {
    const s = oa.medians.coldStart;
    const peak = oa.medians.coldStartPeakMb;
    const tools = oa.coldStartTools;
    out.push('');
    out.push('## Cold start to the first `tools/list` answer');
    out.push('');
    out.push(
      `scripts/bench-openapi.ts: spawn → initialize → first \`tools/list\` answered, over stdio with the SDK Client; ${oa.starts} round${oa.starts === 1 ? '' : 's'}, the sides alternating, medians; peak RSS of the server when it answered. \`toolwright serve\` runs from the repository (the CLI registers tsx), the bare SDK server and openapi-mcp-generator's output through tsx as well; @notionhq/notion-mcp-server ${oa.versions.notionMcpServer} runs its published bundle on the same Notion spec.`,
    );
    out.push('');
    const sides: [string, keyof OpenapiJson['medians']['coldStart']][] = [
      ['bare SDK `McpServer`, 1 tool', 'sdk'],
      ['`toolwright serve github` (default surface)', 'github'],
      ['`toolwright serve github --toolsets all`', 'githubAll'],
      ['`toolwright serve notion`', 'notion'],
      [`@notionhq/notion-mcp-server ${oa.versions.notionMcpServer}`, 'notionMcp'],
      ['openapi-mcp-generator, GitHub', 'omg'],
    ];
    out.push(
      table(
        ['server', 'tools', 'ms', 'peak MB', '÷ bare SDK', '÷ notion-mcp-server'],
        sides.map(([label, key]) => [label, f0(tools[key]), f0(s[key]), f0(peak[key]), x(s[key] / s.sdk), x(s[key] / s.notionMcp)]),
      ),
    );
    out.push('');
    out.push(
      `Goal (issue #4): \`serve github\` ÷ bare SDK ≤ ${oa.goals.coldStart.toFixed(2)}×: ${x(oa.ratios.coldStartGithub)}, ${met((oa.ratios.coldStartGithub ?? Infinity) <= oa.goals.coldStart)}.`,
    );
  }

  // ---- context
  if (cx) {
    const l = cx.toolsList;
    out.push('');
    out.push('## Context: tokens');
    out.push('');
    out.push(
      `scripts/bench-context.ts: o200k tokens (the counter \`toolwright tokens\` uses) of \`{"tools":[…]}\` as a client receives \`tools/list\` (all pages) from the running server. @notionhq/notion-mcp-server ${cx.notionMcpServerVersion} was listed in the same run; its bundled spec is ${cx.sameNotionSpec ? 'byte-identical to' : 'NOT the same as'} specs/notion/notion-openapi.json.`,
    );
    out.push('');
    const search = 'unavailable' in l.githubSearch ? undefined : l.githubSearch;
    out.push(
      table(
        ['server', 'tools', 'tokens', 'note'],
        [
          [
            '`toolwright serve notion`',
            f0(l.notionToolwright.tools),
            f0(l.notionToolwright.tokens),
            `${x(l.notionRatio)} of notion-mcp-server${cx.budgets.notion ? `; budget ${f0(cx.budgets.notion)}` : ''}`,
          ],
          [`@notionhq/notion-mcp-server ${cx.notionMcpServerVersion}`, f0(l.notionMcpServer.tools), f0(l.notionMcpServer.tokens), 'same spec, same run'],
          [
            '`toolwright serve github` (default surface)',
            f0(l.githubDefault.tools),
            f0(l.githubDefault.tokens),
            cx.budgets.github ? `budget ${f0(cx.budgets.github)}` : '',
          ],
          ['`toolwright serve github --toolsets all`', f0(l.githubAll.tools), f0(l.githubAll.tokens), 'for reference'],
          [
            '`toolwright serve github --mode search`',
            search ? f0(search.tools) : 'n/a',
            search ? f0(search.tokens) : 'n/a',
            search
              ? `${search.names.map((n) => `\`${n}\``).join(', ')}, reaching all ${f0(l.githubAll.tools)} operations: ${((search.tokens / l.githubAll.tokens) * 100).toFixed(2)} % of listing them`
              : `n/a (${'unavailable' in l.githubSearch ? l.githubSearch.unavailable : ''})`,
          ],
        ],
      ),
    );
    out.push('');
    out.push(
      "Shaped vs raw results: `shapeBody` of @toolwright/runtime with the GitHub profile's shape (specs/github/toolwright.config.ts) on answers from the pinned GitHub spec's examples and a file-contents answer (base64, as GitHub sends it).",
    );
    out.push('');
    out.push(
      table(
        ['sample', 'raw tokens', 'shaped tokens', 'shaped ÷ raw', `goal ≤ ${cx.shapeGoal.toFixed(2)}×`],
        cx.shaped.map((s) => [s.name, f0(s.rawTokens), f0(s.shapedTokens), x(s.ratio), met(s.meetsGoal)]),
      ),
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

const meta = (flags.from ? readJson<Meta>('meta') : run()) ?? fail(`${relative(root, resultsDir)}/meta.json is missing: run without --from first.`);
const rendered = render(
  meta,
  readJson<RuntimeJson>('runtime'),
  readJson<CodegenJson>('codegen'),
  readJson<OpenapiJson>('openapi'),
  readJson<ContextJson>('context'),
);
const outFile = resolve(flags.out);
const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
const keptAt = previous.indexOf(KEPT_MARKER);
const kept =
  keptAt === -1
    ? `${KEPT_MARKER}\n\n## Load and soak (run by hand)\n\n\`npm run soak\` (scripts/soak.ts) prints a Markdown block to paste here.\n`
    : previous.slice(keptAt);
writeFileSync(outFile, `${rendered}\n\n${kept.endsWith('\n') ? kept : `${kept}\n`}`);
console.log(`\nwrote ${relative(process.cwd(), outFile)} (results in ${relative(process.cwd(), resultsDir)}/)`);
