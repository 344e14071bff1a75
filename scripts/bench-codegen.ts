/**
 * Benchmark (not a test): how long codegen takes on a realistic project, cold
 * and after a one-file edit, and how long TypeScript takes to check the output.
 *
 *   npx tsx scripts/bench-codegen.ts [--functions 200] [--runs 3] [--json out.json] [--keep]
 *
 * It writes a fixture project into scripts/.bench-codegen-<pid>/ (inside the
 * repo, so @toolwright/runtime and zod resolve from its node_modules; removed
 * at the end unless --keep): --functions exported functions spread over about
 * 20 files, with JSDoc, shared interfaces, an enum, string-literal unions,
 * optional and defaulted parameters, arrays, nested objects, Dates, and one
 * object-parameter function per file. Each run measures:
 *
 *  1. cold codegen: `node packages/cli/bin/toolwright.js build <dir>` in a fresh
 *     process (wall time, what users run), and the same work in-process in a
 *     fresh worker process (`loadConfig`, `readFunctions` = program + IR,
 *     `generateServer` = emit), plus a second, warm full build in that worker;
 *  2. one-file incremental: one function's JSDoc and signature edited, then a
 *     fresh-process CLI build, and in the worker `readFunctions({ files: [that
 *     file] })` merged into the IR kept from the full read, then
 *     `generateServer` (what a `toolwright dev` watcher could do; the merged
 *     output is compared with a full rebuild's). The `dev` goal is ≤ 1 s;
 *  3. `tsc -p <dir>/tsconfig.json --noEmit` over sources + generated output
 *     with TypeScript 5.9 and, when installed (devDependency alias
 *     @typescript/native-preview, bin tsgo), TypeScript 7 native.
 * Fresh-process steps (CLI builds, compilers) also record their peak memory:
 * the largest resident set of the process tree (GNU time's %M, Linux only;
 * see scripts/bench/run.ts).
 * After the runs it introduces one drift (a parameter type changed without
 * regenerating) and checks that both compilers fail on the same line of
 * server.gen.ts. Medians over runs are printed; the worker is this script
 * run with --worker <dir>.
 */
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { failer, median, positiveFlag } from './bench/cli.js';
import { measured } from './bench/run.js';

const fail = failer('bench-codegen', 1);
const positive = positiveFlag(fail);

const root = resolve(import.meta.dirname, '..');
const GOAL_MS = 1000;
const TSC5 = join(root, 'node_modules/typescript/bin/tsc');
// TypeScript 7 as @typescript/native-preview (bin `tsgo`): the `typescript@7` package installed under an alias
// would claim the `tsc` bin too, and `npx tsc` in this repository must stay TypeScript 5.9.
const TSC7 = join(root, 'node_modules/@typescript/native-preview/bin/tsgo');
const CLI = join(root, 'packages/cli/bin/toolwright.js');
/** The file and function edited for the incremental build and the drift check. */
const EDITED_FILE = 'src/project.ts';

const { values: flags } = parseArgs({
  options: {
    functions: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    worker: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// ---------------------------------------------------------------- fixture

const ENTITIES = [
  'Project',
  'Issue',
  'Milestone',
  'Comment',
  'Label',
  'Team',
  'Member',
  'Invoice',
  'Payment',
  'Subscription',
  'Customer',
  'Order',
  'Shipment',
  'Product',
  'Warehouse',
  'Ticket',
  'Article',
  'Release',
  'Deployment',
  'Incident',
] as const;

const MODELS = `/** Shared types: every tool file imports some of them. */

/** How urgent a work item is. */
export enum Priority {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Urgent = 'urgent',
}

/** Where an item is in its lifecycle. */
export type Status = 'open' | 'in_progress' | 'blocked' | 'done';

/** A postal address. */
export interface Address {
  /** Street and number. */
  street: string;
  city: string;
  /** Postal or ZIP code, when the country uses one. */
  postalCode?: string;
  /** ISO 3166-1 alpha-2 country code, e.g. "DE". */
  country: string;
}

/** A person the API knows about. */
export interface Person {
  /** Stable id, e.g. "usr_123". */
  id: string;
  /** Display name. */
  name: string;
  /** Primary e-mail address. */
  email: string;
  address?: Address;
  /** Free-form tags. */
  tags: string[];
}

/** Who changed an item, and when. */
export interface AuditInfo {
  createdAt: Date;
  updatedAt: Date;
  createdBy: Person;
  /** The last person to change it, when different from the creator. */
  updatedBy?: Person;
}

/** The outcome of a bulk operation. */
export interface BulkResult {
  /** How many items changed. */
  updated: number;
  /** Items that could not be changed, with the reason. */
  failed: { id: string; reason: string }[];
}
`;

const CLIENT = `/** The HTTP client every tool calls. Not a tool itself. */

/**
 * Sends one request to the backing API and parses the JSON reply.
 *
 * @internal
 */
export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(\`https://api.example.test\${path}\`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(\`\${method} \${path} failed with HTTP \${response.status}\`);
  return (await response.json()) as T;
}
`;

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/**
 * One tool function. Template 0 is the file's object-parameter function; the
 * others are positional. `edit` changes getX's JSDoc and adds a parameter;
 * `drift` changes getX's parameter type (for the drift check, never built).
 */
function functionSource(entity: string, template: number, suffix: string, fileIndex: number, mode: 'base' | 'edit' | 'drift'): string {
  const e = entity;
  const v = lowerFirst(entity);
  const path = `/${v}s`;
  switch (template % 10) {
    case 0:
      // Alternate the two object styles between files: a named parameter, and a destructured one with defaults.
      return fileIndex % 2 === 0
        ? `/**
 * Search ${v}s with filters. Results are sorted by last update, newest first;
 * pass the returned cursor to get the next page.
 *
 * @param filter What to look for; every field is optional.
 * @returns One page of matching ${v}s.
 * @example search_${v}s${suffix}({ "query": "billing", "status": ["open"], "limit": 20 })
 * @readOnly
 */
export async function search${e}s${suffix}(filter: ${e}Filter): Promise<${e}Page> {
  return request<${e}Page>('POST', '${path}/search', filter);
}`
        : `/**
 * Search ${v}s with filters. Results are sorted by last update, newest first;
 * pass the returned cursor to get the next page.
 *
 * @returns One page of matching ${v}s.
 * @readOnly
 */
export async function search${e}s${suffix}({ query, status, priority, ownerId, createdAfter, limit = 20, cursor }: ${e}Filter): Promise<${e}Page> {
  return request<${e}Page>('POST', '${path}/search', { query, status, priority, ownerId, createdAfter, limit, cursor });
}`;
    case 1:
      if (mode === 'edit') {
        return `/**
 * Fetch one ${v} by id, optionally with its change history and only some fields.
 * Fails with NOT_FOUND when the id does not exist or was deleted.
 *
 * @param id The ${v}'s id, e.g. "${v.slice(0, 3)}_123".
 * @param includeHistory Also return the audit trail (slower).
 * @param fields Only these fields (default: all).
 * @returns The ${v}.
 * @readOnly
 * @idempotent
 */
export async function get${e}${suffix}(id: string, includeHistory = false, fields?: string[]): Promise<${e}> {
  return request<${e}>('GET', \`${path}/\${encodeURIComponent(id)}?history=\${includeHistory}&fields=\${(fields ?? []).join(',')}\`);
}`;
      }
      return `/**
 * Fetch one ${v} by id. Fails with NOT_FOUND when the id does not exist or
 * was deleted.
 *
 * @param id The ${v}'s id, e.g. "${v.slice(0, 3)}_123".
 * @param includeHistory Also return the audit trail (slower).
 * @returns The ${v}.
 * @readOnly
 * @idempotent
 */
export async function get${e}${suffix}(id: ${mode === 'drift' ? 'number' : 'string'}, includeHistory = false): Promise<${e}> {
  return request<${e}>('GET', \`${path}/\${encodeURIComponent(id)}?history=\${includeHistory}\`);
}`;
    case 2:
      return `/**
 * Create a ${v}. It starts in the given status, unassigned unless an owner is
 * passed.
 *
 * @param title Short title, shown in lists. {@minLength 1} {@maxLength 200}
 * @param priority How urgent it is.
 * @param status Initial status (default "open").
 * @param labels Labels to attach.
 * @param owner Who owns it.
 * @returns The new ${v}.
 */
export async function create${e}${suffix}(title: string, priority: Priority, status: Status = 'open', labels: string[] = [], owner?: Person): Promise<${e}> {
  return request<${e}>('POST', '${path}', { title, priority, status, labels, owner });
}`;
    case 3:
      return `/**
 * Move a ${v} to another status, with an optional note for the audit trail.
 *
 * @param id The ${v}'s id.
 * @param status The new status.
 * @param note Why it changed. {@maxLength 500}
 * @returns The id, new status and time of the change.
 * @idempotent
 */
export async function set${e}Status${suffix}(id: string, status: Status, note?: string): Promise<{ id: string; status: Status; updatedAt: Date }> {
  return request('PATCH', \`${path}/\${id}\`, { status, note });
}`;
    case 4:
      return `/**
 * Delete a ${v}. Deleted ${v}s cannot be restored; pass force to delete one
 * that others still reference.
 *
 * @param id The ${v}'s id.
 * @param force Delete even when referenced.
 * @destructive
 */
export async function delete${e}${suffix}(id: string, force?: boolean): Promise<void> {
  await request('DELETE', \`${path}/\${id}?force=\${force === true}\`);
}`;
    case 5:
      return `/**
 * Count the ${v}s created in a time range.
 *
 * @param since Start of the range (inclusive).
 * @param until End of the range (exclusive; default now).
 * @returns How many were created.
 * @readOnly
 */
export async function count${e}s${suffix}(since: Date, until?: Date): Promise<number> {
  return request<number>('GET', \`${path}/count?since=\${since.toISOString()}&until=\${until?.toISOString() ?? ''}\`);
}`;
    case 6:
      return `/**
 * Assign a ${v} to a person, and tell them unless notify is false.
 *
 * @param id The ${v}'s id.
 * @param assignee Who takes it over.
 * @param notify Send them an e-mail.
 * @returns The updated ${v}.
 */
export async function assign${e}${suffix}(id: string, assignee: Person, notify = true): Promise<${e}> {
  return request<${e}>('POST', \`${path}/\${id}/assign\`, { assignee, notify });
}`;
    case 7:
      return `/**
 * Add, remove or replace labels on many ${v}s at once. Items that fail are
 * reported, the others still change.
 *
 * @param ids The ${v}s to change. {@minItems 1} {@maxItems 100}
 * @param labels The labels.
 * @param mode What to do with them.
 * @returns How many changed, and which failed.
 */
export async function label${e}s${suffix}(ids: string[], labels: string[], mode: 'add' | 'remove' | 'replace' = 'add'): Promise<BulkResult> {
  return request<BulkResult>('POST', '${path}/labels', { ids, labels, mode });
}`;
    case 8:
      return `/**
 * Export ${v}s in a date range to a downloadable file.
 *
 * @param format File format.
 * @param range Creation dates to include.
 * @param fields Columns to export (default: all).
 * @returns Where to download it, until when, and how many rows it has.
 * @readOnly
 */
export async function export${e}s${suffix}(
  format: 'csv' | 'json' | 'ndjson',
  range: { from: Date; to: Date },
  fields?: string[],
): Promise<{ url: string; expiresAt: Date; rows: number }> {
  return request('POST', '${path}/export', { format, range, fields });
}`;
    default:
      return `/**
 * Summarise ${v}s: how many fall in each group, largest groups first.
 *
 * @param groupBy What to group by.
 * @param top How many groups to return. {@minimum 1} {@maximum 50}
 * @returns Count per group.
 * @readOnly
 * @idempotent
 */
export async function summarize${e}s${suffix}(groupBy: 'status' | 'priority' | 'owner', top = 5): Promise<Record<string, number>> {
  return request<Record<string, number>>('GET', \`${path}/stats?by=\${groupBy}&top=\${top}\`);
}`;
  }
}

function toolFileSource(entity: string, fileIndex: number, count: number, mode: 'base' | 'edit' | 'drift'): string {
  const e = entity;
  const v = lowerFirst(entity);
  const header = `/** Tools for ${v}s. */
import { request } from './client.js';
import type { AuditInfo, BulkResult, Person, Status } from './models.js';
import { Priority } from './models.js';

/** A ${v}. */
export interface ${e} {
  /** Stable id. */
  id: string;
  title: string;
  status: Status;
  priority: Priority;
  owner?: Person;
  audit: AuditInfo;
  labels: string[];
  /** Free-form key/value metadata. */
  metadata?: Record<string, string>;
  /** Estimated effort in hours. */
  estimate?: number;
}

/** Filters for searching ${v}s. */
export interface ${e}Filter {
  /** Full-text query over title and description. */
  query?: string;
  /** Only these statuses. */
  status?: Status[];
  priority?: Priority;
  /** Only ${v}s owned by this person id. */
  ownerId?: string;
  /** Only ${v}s created after this time. */
  createdAfter?: Date;
  /**
   * Page size.
   * @minimum 1
   * @maximum 100
   */
  limit?: number;
  /** Cursor from the previous page. */
  cursor?: string;
}

/** One page of ${v}s. */
export interface ${e}Page {
  items: ${e}[];
  /** Pass it back to get the next page; absent on the last page. */
  nextCursor?: string;
  total: number;
}

/** Default priority for new ${v}s. */
export const DEFAULT_PRIORITY = Priority.Medium;
`;
  const functions: string[] = [];
  for (let k = 0; k < count; k++) {
    // Past ten functions per file the templates repeat with a numeric suffix, so names stay unique.
    const suffix = k < 10 ? '' : `V${Math.floor(k / 10) + 1}`;
    functions.push(functionSource(entity, k, suffix, fileIndex, mode));
  }
  return `${header}\n${functions.join('\n\n')}\n`;
}

interface Fixture {
  dir: string;
  files: { path: string; entity: string; index: number; count: number }[];
}

function writeFixture(dir: string, total: number): Fixture {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  const fileCount = Math.min(ENTITIES.length, total);
  const files: Fixture['files'] = [];
  for (let i = 0; i < fileCount; i++) {
    const count = Math.floor(total / fileCount) + (i < total % fileCount ? 1 : 0);
    const entity = ENTITIES[i]!;
    files.push({ path: `src/${entity.toLowerCase()}.ts`, entity, index: i, count });
  }
  writeFileSync(join(dir, 'src/models.ts'), MODELS);
  writeFileSync(join(dir, 'src/client.ts'), CLIENT);
  for (const f of files) writeFileSync(join(dir, f.path), toolFileSource(f.entity, f.index, f.count, 'base'));
  writeFileSync(
    join(dir, 'toolwright.config.ts'),
    `import { defineConfig } from '@toolwright/codegen';

export default defineConfig({
  name: 'bench',
  version: '1.0.0',
  description: 'Benchmark fixture: ${total} tools over ${fileCount} files.',
  include: ['src/**/*.ts'],
});
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
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
        include: ['src', 'generated'],
      },
      null,
      2,
    )}\n`,
  );
  return { dir, files };
}

/** Rewrites the edited file as the base version, the edited one, or with drift. */
function setEditedFile(fixture: Fixture, mode: 'base' | 'edit' | 'drift'): void {
  const f = fixture.files.find((file) => file.path === EDITED_FILE) ?? fixture.files[0]!;
  writeFileSync(join(fixture.dir, f.path), toolFileSource(f.entity, f.index, f.count, mode));
}

function editedPath(fixture: Fixture): string {
  return (fixture.files.find((file) => file.path === EDITED_FILE) ?? fixture.files[0]!).path;
}

// ---------------------------------------------------------------- worker (in-process codegen)

interface WorkerResult {
  importMs: number;
  loadConfigMs: number;
  readMs: number;
  emitMs: number;
  warmReadMs: number;
  warmEmitMs: number;
  incrReadMs: number;
  incrEmitMs: number;
  /** The merged one-file result is byte-identical to a full rebuild after the edit. */
  incrMatchesFull: boolean;
  tools: number;
  errors: number;
}

async function worker(dir: string, edited: string, entity: string, index: number, count: number): Promise<void> {
  const t0 = performance.now();
  const codegen = await import('../packages/codegen/src/index.js');
  const t1 = performance.now();
  const { config, file } = await codegen.loadConfig({ root: dir });
  const t2 = performance.now();
  const read = await codegen.readFunctions({ root: dir, config, configFile: file });
  const t3 = performance.now();
  const options = { outDir: config.outDir, rootFromOutDir: '../..', source: file };
  codegen.generateServer(read.server, options);
  const t4 = performance.now();

  // A second full build in the same process: modules loaded and JIT-compiled, program rebuilt from scratch.
  const warm = await codegen.readFunctions({ root: dir, config, configFile: file });
  const t5 = performance.now();
  codegen.generateServer(warm.server, options);
  const t6 = performance.now();

  // One edited file: re-read only it and splice its tools into the IR kept from the full read.
  writeFileSync(join(dir, edited), toolFileSource(entity, index, count, 'edit'));
  try {
    const t7 = performance.now();
    const one = await codegen.readFunctions({ root: dir, config, configFile: file, files: [edited] });
    const merged = { ...warm.server, tools: [...warm.server.tools.filter((t) => sourceFile(t.source) !== edited), ...one.server.tools] };
    const position = (t: (typeof merged.tools)[number]) => [sourceFile(t.source), t.source.kind === 'function' ? t.source.line : 0] as const;
    merged.tools.sort((a, b) => {
      const [fa, la] = position(a);
      const [fb, lb] = position(b);
      return fa < fb ? -1 : fa > fb ? 1 : la - lb;
    });
    const t8 = performance.now();
    const incremental = codegen.generateServer(merged, options);
    const t9 = performance.now();
    const full = codegen.generateServer((await codegen.readFunctions({ root: dir, config, configFile: file })).server, options);
    const same = full.files.length === incremental.files.length && full.files.every((f, i) => incremental.files[i]?.contents === f.contents);
    const result: WorkerResult = {
      importMs: t1 - t0,
      loadConfigMs: t2 - t1,
      readMs: t3 - t2,
      emitMs: t4 - t3,
      warmReadMs: t5 - t4,
      warmEmitMs: t6 - t5,
      incrReadMs: t8 - t7,
      incrEmitMs: t9 - t8,
      incrMatchesFull: same,
      tools: read.server.tools.length,
      errors: read.diagnostics.filter((d) => d.severity === 'error').length,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    writeFileSync(join(dir, edited), toolFileSource(entity, index, count, 'base'));
  }
}

function sourceFile(source: { kind: string; file?: string }): string {
  return source.kind === 'function' ? (source.file ?? '') : '';
}

// ---------------------------------------------------------------- measuring

interface RunResult {
  run: number;
  cliColdMs: number;
  cliIncrementalMs: number;
  /** Peak RSS of the fresh-process builds and compilers, MiB (Linux only). */
  cliColdMb?: number;
  cliIncrementalMb?: number;
  worker: WorkerResult;
  tsc5Ms: number;
  tsc5Mb?: number;
  tsc5Errors: number;
  tsc7Ms?: number;
  tsc7Mb?: number;
  tsc7Errors?: number;
}

function timed(command: string, args: string[]): { ms: number; peakMb?: number; result: SpawnSyncReturns<string> } {
  return measured(command, args, { cwd: root });
}

function cliBuild(dir: string): { ms: number; peakMb?: number } {
  const { ms, peakMb, result } = timed(process.execPath, [CLI, 'build', dir, '--quiet']);
  if (result.status !== 0) fail(`toolwright build failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  return { ms, ...(peakMb !== undefined ? { peakMb } : {}) };
}

interface TscError {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** Runs a tsc and parses `file(line,col): error TSnnnn: message` lines (TypeScript 5.9 and 7 print the same shape with --pretty false). */
function typeCheck(tsc: string, dir: string): { ms: number; peakMb?: number; errors: TscError[]; output: string } {
  const { ms, peakMb, result } = timed(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false']);
  const output = `${result.stdout}${result.stderr}`;
  const errors: TscError[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line.trim());
    if (match) errors.push({ file: resolve(root, match[1]!), line: Number(match[2]), code: match[3]!, message: match[4]! });
  }
  if (result.status !== 0 && errors.length === 0) fail(`${relative(root, tsc)} failed without diagnostics (exit ${result.status}):\n${output}`);
  return { ms, ...(peakMb !== undefined ? { peakMb } : {}), errors, output };
}

function runWorker(fixture: Fixture): WorkerResult {
  const f = fixture.files.find((file) => file.path === EDITED_FILE) ?? fixture.files[0]!;
  const { result } = timed(process.execPath, [
    '--conditions=@toolwright/source',
    '--import',
    'tsx',
    join(root, 'scripts/bench-codegen.ts'),
    '--worker',
    JSON.stringify({ dir: fixture.dir, edited: f.path, entity: f.entity, index: f.index, count: f.count }),
  ]);
  if (result.status !== 0) fail(`in-process worker failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as WorkerResult;
}

const ms = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n)}`);

async function main(): Promise<void> {
  const functions = positive('functions', flags.functions);
  const runs = positive('runs', flags.runs);
  const dir = join(root, 'scripts', `.bench-codegen-${process.pid}`);
  const hasTsc7 = existsSync(TSC7);
  const tsc7Version = hasTsc7
    ? (JSON.parse(readFileSync(join(root, 'node_modules/@typescript/native-preview/package.json'), 'utf8')) as { version: string }).version
    : undefined;
  const tsc5Version = (JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
  console.log(
    `bench-codegen: ${functions} functions, ${runs} run(s), Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? '?'}); TypeScript ${tsc5Version}${tsc7Version ? ` and ${tsc7Version} (native)` : ', TypeScript 7 not installed (npm i -D @typescript/native-preview)'}`,
  );
  const fixture = writeFixture(dir, functions);
  console.log(`fixture: ${relative(root, dir)} (${fixture.files.length} tool files + models.ts + client.ts)\n`);
  const results: RunResult[] = [];
  let drift: Record<string, unknown> | undefined;
  try {
    for (let run = 1; run <= runs; run++) {
      setEditedFile(fixture, 'base');
      rmSync(join(dir, 'generated'), { recursive: true, force: true });
      const cold = cliBuild(dir);
      setEditedFile(fixture, 'edit');
      const incremental = cliBuild(dir);
      const cliColdMs = cold.ms;
      const cliIncrementalMs = incremental.ms;
      setEditedFile(fixture, 'base');
      cliBuild(dir); // back in sync with the base sources (untimed)
      const workerResult = runWorker(fixture);
      if (workerResult.errors > 0) fail(`the fixture has ${workerResult.errors} codegen error(s); run with --keep and toolwright build to see them.`);
      const tsc5 = typeCheck(TSC5, dir);
      const tsc7 = hasTsc7 ? typeCheck(TSC7, dir) : undefined;
      if (tsc5.errors.length > 0) console.error(`warning: TypeScript ${tsc5Version} reports ${tsc5.errors.length} error(s) on the fixture:\n${tsc5.output}`);
      results.push({
        run,
        cliColdMs,
        cliIncrementalMs,
        ...(cold.peakMb !== undefined ? { cliColdMb: cold.peakMb } : {}),
        ...(incremental.peakMb !== undefined ? { cliIncrementalMb: incremental.peakMb } : {}),
        worker: workerResult,
        tsc5Ms: tsc5.ms,
        ...(tsc5.peakMb !== undefined ? { tsc5Mb: tsc5.peakMb } : {}),
        tsc5Errors: tsc5.errors.length,
        ...(tsc7 ? { tsc7Ms: tsc7.ms, tsc7Errors: tsc7.errors.length, ...(tsc7.peakMb !== undefined ? { tsc7Mb: tsc7.peakMb } : {}) } : {}),
      });
      const w = workerResult;
      if (run === 1) {
        console.log(
          'run | CLI cold | in-proc: import  config  read(program+IR)  emit | warm read  emit | CLI 1-file | in-proc 1-file read  emit | tsc 5.9 | tsc 7 | TS7/5.9',
        );
      }
      console.log(
        `${String(run).padStart(3)} | ${ms(cliColdMs).padStart(8)} | ${ms(w.importMs).padStart(15)} ${ms(w.loadConfigMs).padStart(7)} ${ms(w.readMs).padStart(16)} ${ms(w.emitMs).padStart(5)} | ${ms(w.warmReadMs).padStart(9)} ${ms(w.warmEmitMs).padStart(5)} | ${ms(cliIncrementalMs).padStart(10)} | ${ms(w.incrReadMs).padStart(19)} ${ms(w.incrEmitMs).padStart(5)} | ${ms(tsc5.ms).padStart(7)} | ${ms(tsc7?.ms).padStart(5)} | ${tsc7 ? (tsc7.ms / tsc5.ms).toFixed(2) : '—'}`,
      );
    }

    // Drift: a parameter type changes and nobody regenerates; both compilers must fail on server.gen.ts.
    setEditedFile(fixture, 'drift');
    const serverGen = join(dir, 'generated/bench/server.gen.ts');
    const driftTsc5 = typeCheck(TSC5, dir).errors.filter((e) => e.file === serverGen);
    const driftTsc7 = hasTsc7 ? typeCheck(TSC7, dir).errors.filter((e) => e.file === serverGen) : undefined;
    setEditedFile(fixture, 'base');
    const lines = (errors: TscError[]) => [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
    const sameLines = driftTsc7 !== undefined && JSON.stringify(lines(driftTsc5)) === JSON.stringify(lines(driftTsc7));
    const genLines = readFileSync(serverGen, 'utf8').split('\n');
    drift = {
      change: `${editedPath(fixture)}: getProject(id: string → number), not regenerated`,
      tsc5: driftTsc5.map((e) => ({ line: e.line, code: e.code })),
      ...(driftTsc7 ? { tsc7: driftTsc7.map((e) => ({ line: e.line, code: e.code })), sameLines } : {}),
    };
    console.log(`\ndrift check (${drift.change}):`);
    for (const [label, errors] of [
      [`TypeScript ${tsc5Version}`, driftTsc5],
      ...(driftTsc7 ? [[`TypeScript ${tsc7Version}`, driftTsc7] as const] : []),
    ] as const) {
      console.log(
        `  ${label}: ${errors.length ? `fails on server.gen.ts line(s) ${lines(errors).join(', ')} (${[...new Set(errors.map((e) => e.code))].join(', ')})` : 'NO error on server.gen.ts'}`,
      );
    }
    for (const line of lines(driftTsc5)) console.log(`    ${line}: ${genLines[line - 1]?.trim().slice(0, 150)}…`);
    if (driftTsc7) console.log(`  same server.gen.ts lines in both: ${sameLines ? 'yes' : 'NO'}`);
    if (driftTsc5[0]) console.log(`  TS 5.9 message: ${driftTsc5[0].message.slice(0, 300)}`);
    if (driftTsc7?.[0]) console.log(`  TS 7   message: ${driftTsc7[0].message.slice(0, 300)}`);
  } finally {
    if (!flags.keep) rmSync(dir, { recursive: true, force: true });
  }

  const med = (pick: (r: RunResult) => number | undefined) => {
    const values = results.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const m = {
    cliColdMs: med((r) => r.cliColdMs),
    importMs: med((r) => r.worker.importMs),
    loadConfigMs: med((r) => r.worker.loadConfigMs),
    readMs: med((r) => r.worker.readMs),
    emitMs: med((r) => r.worker.emitMs),
    warmReadMs: med((r) => r.worker.warmReadMs),
    warmEmitMs: med((r) => r.worker.warmEmitMs),
    cliIncrementalMs: med((r) => r.cliIncrementalMs),
    incrReadMs: med((r) => r.worker.incrReadMs),
    incrEmitMs: med((r) => r.worker.incrEmitMs),
    tsc5Ms: med((r) => r.tsc5Ms),
    tsc7Ms: med((r) => r.tsc7Ms),
    cliColdMb: med((r) => r.cliColdMb),
    cliIncrementalMb: med((r) => r.cliIncrementalMb),
    tsc5Mb: med((r) => r.tsc5Mb),
    tsc7Mb: med((r) => r.tsc7Mb),
  };
  const incrInProcess = (m.incrReadMs ?? 0) + (m.incrEmitMs ?? 0);
  const warmFull = (m.warmReadMs ?? 0) + (m.warmEmitMs ?? 0);
  const tools = results[0]?.worker.tools ?? 0;
  console.log(`\nmedians over ${results.length} run(s), ${tools} tools (ms):`);
  const peak = (mb: number | undefined) => (mb === undefined ? '' : `, peak ${Math.round(mb)} MB`);
  console.log(`  1. cold codegen, CLI (fresh process, wall):        ${ms(m.cliColdMs)}${peak(m.cliColdMb)}`);
  console.log(
    `     in-process, cold: import ${ms(m.importMs)} + loadConfig ${ms(m.loadConfigMs)} + read (program+IR) ${ms(m.readMs)} + emit ${ms(m.emitMs)} = ${ms((m.importMs ?? 0) + (m.loadConfigMs ?? 0) + (m.readMs ?? 0) + (m.emitMs ?? 0))}`,
  );
  console.log(`     in-process, warm full rebuild: read ${ms(m.warmReadMs)} + emit ${ms(m.warmEmitMs)} = ${ms(warmFull)}`);
  console.log(`  2. one-file edit, CLI (fresh process, full rebuild): ${ms(m.cliIncrementalMs)}${peak(m.cliIncrementalMb)}  ${verdict(m.cliIncrementalMs)}`);
  console.log(`     in-process warm full rebuild:                    ${ms(warmFull)}  ${verdict(warmFull)}`);
  console.log(
    `     in-process readFunctions({ files: [1] }) + merge + emit: ${ms(m.incrReadMs)} + ${ms(m.incrEmitMs)} = ${ms(incrInProcess)}  ${verdict(incrInProcess)}; output identical to a full rebuild: ${results.every((r) => r.worker.incrMatchesFull) ? 'yes' : 'NO'}`,
  );
  console.log(
    `  3. tsc --noEmit: TypeScript ${tsc5Version} ${ms(m.tsc5Ms)}${peak(m.tsc5Mb)}${m.tsc7Ms !== undefined ? `, TypeScript ${tsc7Version} ${ms(m.tsc7Ms)}${peak(m.tsc7Mb)}` : ', TypeScript 7 skipped (not installed)'}`,
  );
  if (m.tsc7Ms !== undefined && m.tsc5Ms) console.log(`     TS7/TS5.9 = ${(m.tsc7Ms / m.tsc5Ms).toFixed(2)} (${(m.tsc5Ms / m.tsc7Ms).toFixed(1)}× faster)`);

  if (flags.json) {
    const out = resolve(flags.json);
    writeFileSync(
      out,
      `${JSON.stringify({ functions, runs, node: process.version, cpus: cpus().length, typescript: { tsc5: tsc5Version, tsc7: tsc7Version ?? null }, medians: m, drift, results }, null, 2)}\n`,
    );
    console.log(`\nwrote ${relative(process.cwd(), out)}`);
  }
}

function verdict(value: number | undefined): string {
  if (value === undefined) return '';
  return value <= GOAL_MS ? `(meets the ≤ ${GOAL_MS} ms dev goal)` : `(misses the ≤ ${GOAL_MS} ms dev goal)`;
}

if (flags.worker) {
  const { dir, edited, entity, index, count } = JSON.parse(flags.worker) as { dir: string; edited: string; entity: string; index: number; count: number };
  await worker(dir, edited, entity, index, count);
} else {
  await main();
}
