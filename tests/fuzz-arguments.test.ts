/**
 * Arguments of every wrong type for every tool of the generated servers:
 * workspace, notion, and GitHub's default toolsets, each served by
 * `toolwright serve` and called through the SDK Client over stdio. For each
 * property (nested object members too) and each JSON type its schema does not
 * admit, a value of that type (drawn by fast-check) goes in beside valid values
 * for the required rest; a string only when it does not spell an admitted
 * value, which the runtime's argument tolerance accepts on purpose. Each call
 * must end as an `invalid_arguments` tool error naming the field, and nothing
 * may happen: no request reaches the mock upstream, no file appears in the workspace.
 *
 * FUZZ_RUNS / 120 rounds (one in `npm test`); FUZZ_SEED replays the values of a run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockUpstream, startMockUpstream } from '@toolwright/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_SEED } from './support/fuzz-cases.js';
import { parseLogLine } from './support/processes.js';
import { admittedTypes, type JsonSchema, manifestTools, propertyPaths, type Served, serveOverStdio, validObject } from './support/served.js';

const ROUNDS = Math.max(1, Math.round(FUZZ_RUNS / 120));
const SEED = FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31);
const IN_FLIGHT = 8;

/** A value of each JSON type; `number` is a non-integer, so it is wrong wherever only integers are. */
const VALUES_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  integer: fc.integer(),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
};

/**
 * Whether a string spells a value of an admitted type, which the runtime's
 * argument tolerance accepts in its place (`"50"` for an integer, `"true"`, a
 * JSON object or array): such a string is not a wrongly typed argument.
 */
function spells(text: string, admitted: Set<string>): boolean {
  const trimmed = text.trim();
  const json = (() => {
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      return undefined;
    }
  })();
  if (json && (admitted.has('object') || admitted.has('array')) && typeof json.value === 'object' && json.value !== null) return true;
  if ((admitted.has('integer') || admitted.has('number')) && trimmed !== '' && Number.isFinite(Number(trimmed))) return true;
  return admitted.has('boolean') && /^(?:true|false)$/i.test(trimmed);
}

interface Call {
  tool: string;
  field: string;
  type: string;
  args: Record<string, unknown>;
}

/** Every (tool, field, wrong type) of the tools, with a fresh wrong value each round. */
function wrongCalls(tools: { name: string; input: JsonSchema }[], round: number): Call[] {
  const calls: Call[] = [];
  let n = 0;
  for (const tool of tools) {
    for (const { path, schema } of propertyPaths(tool.input)) {
      const admitted = admittedTypes(schema);
      if (!admitted) continue;
      for (const type of Object.keys(VALUES_OF_TYPE).filter((t) => !admitted.has(t))) {
        const values = type === 'string' ? VALUES_OF_TYPE.string!.filter((text) => !spells(text as string, admitted)) : VALUES_OF_TYPE[type]!;
        const [value] = fc.sample(values, { numRuns: 1, seed: SEED + round * 100_003 + n++ });
        calls.push({ tool: tool.name, field: path.join('.'), type, args: withValueAt(validObject(tool.input), tool.input, path, value) });
      }
    }
  }
  return calls;
}

/** `args` with `value` at `path`, parents created (with their required members) as needed. */
function withValueAt(args: Record<string, unknown>, schema: JsonSchema, path: string[], value: unknown): Record<string, unknown> {
  let target = args;
  let at = schema;
  for (const key of path.slice(0, -1)) {
    at = at.properties![key]!;
    const current = target[key];
    target[key] = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : validObject(at);
    target = target[key] as Record<string, unknown>;
  }
  target[path.at(-1)!] = value;
  return args;
}

let upstream: MockUpstream;
let workspaceRoot: string;
const served: Served[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
  workspaceRoot = mkdtempSync(join(tmpdir(), 'toolwright-fuzz-args-'));
});
afterAll(async () => {
  await Promise.all(served.map((s) => s.close()));
  await upstream.close();
  rmSync(workspaceRoot, { recursive: true, force: true });
});

describe.each([
  ['workspace', () => ({ WORKSPACE_ROOT: workspaceRoot })],
  ['notion', () => ({ NOTION_API_URL: upstream.url, NOTION_TOKEN: 'ntn_fuzz_token_0123456789' })],
  ['github', () => ({ GITHUB_API_URL: upstream.url, GITHUB_TOKEN: 'ghp_fuzz_token_0123456789' })],
])('generated/%s', (name, env) => {
  it('rejects arguments of every wrong type for every field of every tool, before doing anything', { timeout: 120_000 * ROUNDS }, async () => {
    const server = await serveOverStdio(name, env());
    served.push(server);
    const tools = manifestTools(name);
    // the manifest and the served tools agree, so every served tool is fuzzed
    expect((await server.client.listTools()).tools.map((t) => t.name).sort()).toEqual(tools.map((t) => t.name).sort());
    const failures: string[] = [];
    let count = 0;
    const check = async (call: Call) => {
      const result = await server.client.callTool({ name: call.tool, arguments: call.args });
      const text = (result.content as { type: string; text?: string }[])[0]?.text ?? '';
      const code = (result._meta?.['toolwright/error'] as { code?: string } | undefined)?.code;
      if (result.isError !== true || code !== 'invalid_arguments' || !text.includes(`- ${call.field}: `)) {
        failures.push(`${call.tool} ${call.field} (${call.type}) ${JSON.stringify(call.args).slice(0, 200)} → ${JSON.stringify(result).slice(0, 300)}`);
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      const calls = wrongCalls(tools, round);
      count += calls.length;
      // a few calls in flight at once, as a client pipelines them: the server answers each on its own
      for (let i = 0; i < calls.length; i += IN_FLIGHT) await Promise.all(calls.slice(i, i + IN_FLIGHT).map(check));
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(tools.length);
    // nothing was done: no upstream request, no file written, no failure logged
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(readdirSync(workspaceRoot)).toEqual([]);
    const logged = server.stderr.join('').split('\n').map(parseLogLine);
    expect(logged.filter((line) => Number(line?.level ?? 0) >= 50)).toEqual([]);
    console.info(`generated/${name}: ${count} calls with wrongly typed arguments over ${tools.length} tools (seed ${SEED})`);
  });
});
