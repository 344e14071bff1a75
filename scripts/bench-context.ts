/**
 * Benchmark (not a test): what Toolwright's servers cost a model's context,
 * in o200k tokens (`countTokens` of @toolwright/codegen, the counter
 * `toolwright tokens` uses), against @notionhq/notion-mcp-server on the same
 * Notion spec.
 *
 *   npx tsx --conditions=@toolwright/source scripts/bench-context.ts [--json out.json]
 *
 *  1. `tools/list`, as a client receives it (all pages; tokens of
 *     `{"tools":[…]}`), each server spawned over stdio and listed with the SDK
 *     Client — never called, so no request reaches Notion or GitHub:
 *     - `toolwright serve notion` vs `@notionhq/notion-mcp-server` 2.5.2 (installed
 *       once into a cache folder under the OS temp dir, see scripts/bench/peers.ts;
 *       its bundled spec is checked to be byte-identical to specs/notion's);
 *     - the GitHub default surface (`toolwright tokens github --json`) and, for
 *       reference, every operation (`--toolsets all`);
 *     - search mode (`toolwright serve github --mode search`): three meta-tools
 *       in front of every operation.
 *  2. Shaped vs raw results: `shapeBody` of @toolwright/runtime with the GitHub
 *     profile's shape (read from generated/github/api.gen.ts) on answers from
 *     the pinned GitHub spec's examples (`issue-items`, `pull-request`) and a
 *     file-contents answer (base64 in 60-character lines, as GitHub sends it),
 *     as packages/runtime/test/shape.test.ts does. Goal: ≥ 60 % fewer tokens.
 *
 * Token counts are deterministic: one measurement each, no medians.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { countTokens } from '@toolwright/codegen';
import { type ResponseShape, shapeBody } from '@toolwright/runtime';
import { failer } from './bench/cli.js';
import { installPeer, NOTION_MCP_ENV, PEERS } from './bench/peers.js';

const fail = failer('bench-context', 1);
const root = resolve(import.meta.dirname, '..');
const CLI = join(root, 'packages/cli/bin/toolwright.js');
/** The shape test's bar: the projection leaves at most 40 % of the raw answer's tokens. */
const SHAPE_GOAL = 0.4;

const { values: flags } = parseArgs({
  options: {
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// ---------------------------------------------------------------- tools/list

/** Spawns a stdio server, lists every page of its tools, closes it. */
async function listTools(command: string, args: string[], env: Record<string, string> = {}): Promise<Tool[]> {
  const client = new Client({ name: 'toolwright-bench-context', version: '1.0.0' });
  const transport = new StdioClientTransport({ command, args, cwd: root, env: { ...getDefaultEnvironment(), ...env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    await client.connect(transport);
    const tools: Tool[] = [];
    let page = await client.listTools();
    tools.push(...page.tools);
    while (page.nextCursor) {
      page = await client.listTools({ cursor: page.nextCursor });
      tools.push(...page.tools);
    }
    return tools;
  } catch (error) {
    throw new Error(`${[command, ...args].join(' ')}: ${error instanceof Error ? error.message : String(error)}\n${stderr.slice(-2000)}`);
  } finally {
    await client.close();
  }
}

interface ListTokens {
  tools: number;
  tokens: number;
}
const listTokens = (tools: Tool[]): ListTokens => ({ tools: tools.length, tokens: countTokens(JSON.stringify({ tools })) });

/** `toolwright tokens <server> --json [extra]` as a user runs it. */
function cliTokens(server: string, extra: string[] = []): ListTokens {
  const result = spawnSync(process.execPath, [CLI, 'tokens', server, '--json', ...extra], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) fail(`toolwright tokens ${server} ${extra.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as { tools: number; tokens: number };
  return { tools: report.tools, tokens: report.tokens };
}

/** The token budget a server's config sets (`tokenBudget: n`), if any. */
function budget(config: string): number | undefined {
  const match = /tokenBudget:\s*([\d_]+)/.exec(readFileSync(join(root, config), 'utf8'));
  return match ? Number(match[1]!.replaceAll('_', '')) : undefined;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// ---------------------------------------------------------------- shaped vs raw

const githubSpec = JSON.parse(readFileSync(join(root, 'specs/github/api.github.com.json'), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};
const example = (name: string) => {
  const found = githubSpec.components.examples[name];
  if (!found) return fail(`specs/github/api.github.com.json has no example "${name}"`);
  return found.value;
};
/** The GitHub profile's shape, as specs/github/toolwright.config.ts sets it (read from the generated client). */
function githubShape(): ResponseShape {
  const code = readFileSync(join(root, 'generated/github/api.gen.ts'), 'utf8');
  const literal = code.slice(code.indexOf('createHttpApi(') + 'createHttpApi('.length, code.lastIndexOf(');'));
  const shape = (JSON.parse(literal) as { shape?: ResponseShape }).shape;
  if (!shape) return fail('generated/github/api.gen.ts has no response shape (profile.shape in specs/github/toolwright.config.ts).');
  return shape;
}
/** A file as GitHub's contents API returns it: base64 in 60-character lines, plus its links. */
function fileContents(path: string) {
  const text = readFileSync(join(root, path), 'utf8');
  const sha = createHash('sha1').update(text).digest('hex');
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').at(-1),
    path,
    content: Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n'),
    sha,
    url: `https://api.github.com/repos/octo/hello/contents/${path}?ref=main`,
    git_url: `https://api.github.com/repos/octo/hello/git/blobs/${sha}`,
    html_url: `https://github.com/octo/hello/blob/main/${path}`,
    download_url: `https://raw.githubusercontent.com/octo/hello/main/${path}`,
    _links: {
      git: `https://api.github.com/repos/octo/hello/git/blobs/${sha}`,
      self: `https://api.github.com/repos/octo/hello/contents/${path}?ref=main`,
      html: `https://github.com/octo/hello/blob/main/${path}`,
    },
  };
}

// ---------------------------------------------------------------- main

const notionPeer = installPeer(PEERS.notionMcpServer);
const peerSpec = join(notionPeer.packageDir, 'scripts/notion-openapi.json');
const sameSpec = sha256(peerSpec) === sha256(join(root, 'specs/notion/notion-openapi.json'));

console.log('Context cost in o200k tokens (countTokens of @toolwright/codegen, as `toolwright tokens` counts)');
console.log(
  `@notionhq/notion-mcp-server ${notionPeer.version}; its bundled spec is ${sameSpec ? 'identical to' : 'DIFFERENT from'} specs/notion/notion-openapi.json\n`,
);

const notionToolwright = listTokens(await listTools(process.execPath, [CLI, 'serve', 'notion']));
// BASE_URL points the peer's API client at a closed loopback port: nothing is called anyway (only initialize and tools/list).
const notionPeerList = listTokens(await listTools(process.execPath, [notionPeer.bin], { ...NOTION_MCP_ENV, BASE_URL: 'http://127.0.0.1:9' }));
const githubDefault = cliTokens('github');
const githubAll = cliTokens('github', ['--toolsets', 'all']);
let search: (ListTokens & { names: string[] }) | { unavailable: string };
try {
  const tools = await listTools(process.execPath, [CLI, 'serve', 'github', '--mode', 'search']);
  search = { ...listTokens(tools), names: tools.map((t) => t.name) };
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  search = { unavailable: /unknown option|--mode/.test(message) ? 'search mode not built' : message.split('\n')[0]!.slice(0, 200) };
}

const budgets = { notion: budget('specs/notion/toolwright.config.ts'), github: budget('specs/github/toolwright.config.ts') };
const pad = (label: string) => label.padEnd(58);
console.log('1. tools/list');
console.log(
  `  ${pad(`toolwright serve notion (${notionToolwright.tools} tools)`)}${String(notionToolwright.tokens).padStart(7)}${budgets.notion ? `  (budget ${budgets.notion})` : ''}`,
);
console.log(`  ${pad(`@notionhq/notion-mcp-server (${notionPeerList.tools} tools)`)}${String(notionPeerList.tokens).padStart(7)}`);
console.log(`  ${pad('  Toolwright / notion-mcp-server')}${(notionToolwright.tokens / notionPeerList.tokens).toFixed(3).padStart(7)}×`);
console.log(
  `  ${pad(`toolwright tokens github (default surface, ${githubDefault.tools} tools)`)}${String(githubDefault.tokens).padStart(7)}${budgets.github ? `  (budget ${budgets.github})` : ''}`,
);
console.log(`  ${pad(`toolwright tokens github --toolsets all (${githubAll.tools} tools)`)}${String(githubAll.tokens).padStart(7)}`);
if ('unavailable' in search) console.log(`  ${pad('serve github --mode search')}n/a (${search.unavailable})`);
else console.log(`  ${pad(`serve github --mode search (${search.names.join(', ')})`)}${String(search.tokens).padStart(7)}`);

const shape = githubShape();
const samples = [
  { name: 'list issues (issue-items, 1 issue)', raw: example('issue-items') },
  { name: 'get a pull request (pull-request)', raw: example('pull-request') },
  { name: 'get file contents (packages/runtime/src/http/client.ts)', raw: fileContents('packages/runtime/src/http/client.ts') },
].map(({ name, raw }) => {
  const rawTokens = countTokens(JSON.stringify(raw));
  const shapedTokens = countTokens(JSON.stringify(shapeBody(raw, shape)));
  const ratio = shapedTokens / rawTokens;
  return { name, rawTokens, shapedTokens, ratio, meetsGoal: ratio <= SHAPE_GOAL };
});
console.log('\n2. Shaped vs raw results (GitHub profile shape)');
for (const s of samples) {
  console.log(
    `  ${s.name.padEnd(58)}raw ${String(s.rawTokens).padStart(6)}  shaped ${String(s.shapedTokens).padStart(6)}  ${s.ratio.toFixed(3)}× (${Math.round((1 - s.ratio) * 100)} % fewer) ${s.meetsGoal ? 'ok' : 'MISSED'} (goal ≤ ${SHAPE_GOAL}×)`,
  );
}

if (flags.json) {
  const out = resolve(flags.json);
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        tokenizer: 'o200k_base',
        notionMcpServerVersion: notionPeer.version,
        sameNotionSpec: sameSpec,
        budgets,
        toolsList: {
          notionToolwright,
          notionMcpServer: notionPeerList,
          notionRatio: notionToolwright.tokens / notionPeerList.tokens,
          githubDefault,
          githubAll,
          githubSearch: search,
        },
        shapeGoal: SHAPE_GOAL,
        shaped: samples,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nJSON written to ${relative(process.cwd(), out)}`);
}
