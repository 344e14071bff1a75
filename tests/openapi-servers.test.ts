/**
 * The generated GitHub and Notion servers, served by `toolwright serve` and
 * driven by the SDK Client over stdio, calling a mock upstream on 127.0.0.1
 * (a real HTTP server that records every request): the exact method, path,
 * query, headers and body of representative calls, path-injection attempts
 * refused before anything is sent, the token kept out of results, and the
 * tool selection flags.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type MockUpstream, startMockUpstream } from '@toolwright/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, ROOT } from './support/processes.js';

const GITHUB_TOKEN = 'ghp_test_0123456789abcdefghijklmnopqrstuvwxyz';
const NOTION_TOKEN = 'ntn_test_0123456789abcdefghijklmnop';
let upstream: MockUpstream;
const clients: Client[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
});
beforeEach(() => {
  upstream.requests.length = 0;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await upstream.close();
});

async function connect(server: string, env: Record<string, string>, ...flags: string[]): Promise<Client> {
  const client = new Client({ name: 'openapi-e2e', version: '1.0.0' });
  const base = Object.fromEntries(Object.entries(cleanEnv()).filter((e): e is [string, string] => e[1] !== undefined && !/TOKEN|API_URL/.test(e[0])));
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve', server, ...flags], env: { ...base, ...env }, cwd: ROOT, stderr: 'ignore' }),
  );
  clients.push(client);
  return client;
}

const text = (result: object): string =>
  ((result as { content?: { type: string; text?: string }[] }).content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

describe('generated/github', () => {
  let github: Client;
  beforeAll(async () => {
    github = await connect('github', { GITHUB_API_URL: upstream.url, GITHUB_TOKEN });
  });

  it('offers the curated default surface, and every operation with --toolsets all', async () => {
    const { tools } = await github.listTools();
    expect(tools.length).toBeGreaterThan(30);
    expect(tools.length).toBeLessThanOrEqual(60);
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['issues_create', 'repos_get_content', 'pulls_create', 'users_get_authenticated']));
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z0-9_]+$/);
      expect(`mcp__github__${tool.name}`.length).toBeLessThanOrEqual(64);
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
    const all = await connect('github', { GITHUB_API_URL: upstream.url, GITHUB_TOKEN }, '--toolsets', 'all');
    // every one of the spec's 1223 operations, deprecated ones included (and marked)
    expect((await all.listTools()).tools.length).toBe(1223);
  });

  it('issues_create sends POST /repos/{owner}/{repo}/issues with a JSON body, the token and the API headers', async () => {
    upstream.reply({ status: 201, body: { number: 7, title: 'Bug', html_url: 'https://github.com/octo/hello/issues/7' } });
    const result = await github.callTool({ name: 'issues_create', arguments: { owner: 'octo', repo: 'hello', title: 'Bug', labels: ['bug'] } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ number: 7 });
    const [request] = upstream.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/repos/octo/hello/issues', query: '' });
    expect(JSON.parse(request!.body)).toEqual({ title: 'Bug', labels: ['bug'] });
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    });
    expect(JSON.stringify(result)).not.toContain(GITHUB_TOKEN);
  });

  it('arguments a client stringified (a JSON array, a number) are repaired before the request is built', async () => {
    upstream.reply({ status: 201, body: { number: 8 } });
    const created = await github.callTool({ name: 'issues_create', arguments: { owner: 'octo', repo: 'hello', title: 'Bug', labels: '["bug","p1"]' } });
    expect(created.isError).toBeFalsy();
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({ title: 'Bug', labels: ['bug', 'p1'] });
    upstream.reply({ body: [] });
    await github.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'octo', repo: 'hello', per_page: '5' } });
    expect(new URLSearchParams(upstream.requests[1]!.query).get('per_page')).toBe('5');
    const wrong = await github.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'octo', repo: 'hello', per_page: 'five' } });
    expect(wrong.isError).toBe(true);
    expect(text(wrong)).toMatch(/per_page: .*expected number.*received the string "five"/);
    expect(upstream.requests).toHaveLength(2);
  });

  it('answers are compact (GitHub profile shape) and list answers say how to get the next page', async () => {
    upstream.reply({
      body: [
        {
          number: 1,
          title: 'Bug',
          user: { login: 'octocat', id: 1, avatar_url: 'https://avatars/1', node_id: 'U_1' },
          closed_at: null,
          node_id: 'I_1',
          url: 'https://api.github.com/repos/octo/hello/issues/1',
          html_url: 'https://github.com/octo/hello/issues/1',
          comments_url: 'https://api.github.com/…',
        },
      ],
      headers: { link: `<${upstream.url}/repositories/1/issues?per_page=1&page=2>; rel="next"` },
    });
    const result = await github.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'octo', repo: 'hello', per_page: 1 } });
    expect(result.structuredContent).toEqual({
      items: [{ number: 1, title: 'Bug', user: 'octocat', html_url: 'https://github.com/octo/hello/issues/1' }],
      next_page: { page: 2 },
    });
    expect(text(result)).toMatch(/More results: call again with page=2 and the same other arguments\.$/);
  });

  it('repos_get_content keeps the slashes of a file path and sends ref as a query', async () => {
    upstream.reply({ body: { type: 'file', path: 'src/index.ts' } });
    await github.callTool({ name: 'repos_get_content', arguments: { owner: 'octo', repo: 'hello', path: 'src/index.ts', ref: 'main' } });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo/hello/contents/src/index.ts', query: 'ref=main' });
  });

  it('search sends its query string encoded', async () => {
    upstream.reply({ body: { total_count: 0, items: [] } });
    await github.callTool({ name: 'search_issues_and_pull_requests', arguments: { q: 'is:open label:bug', per_page: 5 } });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: '/search/issues' });
    expect(new URLSearchParams(upstream.requests[0]!.query).get('q')).toBe('is:open label:bug');
    expect(new URLSearchParams(upstream.requests[0]!.query).get('per_page')).toBe('5');
  });

  it.each([
    ['repos_get', { owner: '..', repo: 'hello' }],
    ['repos_get', { owner: '%2e%2e', repo: 'hello' }],
    ['repos_get', { owner: 'octo', repo: 'a/b' }],
    ['repos_get', { owner: 'octo', repo: '' }],
    ['repos_get_content', { owner: 'octo', repo: 'hello', path: '../../../user' }],
    ['repos_get_content', { owner: 'octo', repo: 'hello', path: 'src/%2e%2e/secret' }],
  ])('%s refuses the path-injection attempt %j before sending anything', async (name, args) => {
    const result = await github.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(upstream.requests).toEqual([]);
  });

  it('an upstream 404 is an actionable not-found error, not a crash', async () => {
    upstream.reply({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    const result = await github.callTool({ name: 'repos_get', arguments: { owner: 'octo', repo: 'missing' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/not found/i);
    expect(text(result)).not.toMatch(/internal error/);
  });

  it('without GITHUB_TOKEN the server starts and lists its tools; a call says which variable to set', async () => {
    const anonymous = await connect('github', { GITHUB_API_URL: upstream.url });
    expect((await anonymous.listTools()).tools.length).toBeGreaterThan(30);
    const result = await anonymous.callTool({ name: 'repos_get', arguments: { owner: 'octo', repo: 'hello' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('GITHUB_TOKEN');
  });

  it('--read-only offers no tool that writes', async () => {
    const readOnly = await connect('github', { GITHUB_API_URL: upstream.url, GITHUB_TOKEN }, '--read-only');
    const { tools } = await readOnly.listTools();
    expect(tools.length).toBeGreaterThan(10);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain('issues_create');
  });
});

describe('generated/notion', () => {
  let notion: Client;
  beforeAll(async () => {
    notion = await connect('notion', { NOTION_API_URL: upstream.url, NOTION_TOKEN });
  });

  it('offers all 24 operations', async () => {
    expect((await notion.listTools()).tools).toHaveLength(24);
  });

  it('post_search sends POST /v1/search with the bearer token and the Notion-Version the spec fixes', async () => {
    upstream.reply({ body: { object: 'list', results: [], has_more: false } });
    const result = await notion.callTool({ name: 'post_search', arguments: { query: 'roadmap', page_size: 10 } });
    expect(result.isError).toBeFalsy();
    const [request] = upstream.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/search' });
    expect(JSON.parse(request!.body)).toEqual({ query: 'roadmap', page_size: 10 });
    expect(request!.headers).toMatchObject({ authorization: `Bearer ${NOTION_TOKEN}`, 'notion-version': '2025-09-03' });
  });

  it('retrieve_a_page puts the id in the path; a Notion error body becomes a readable error', async () => {
    upstream.reply({ status: 404, body: { object: 'error', status: 404, code: 'object_not_found', message: 'Could not find page with ID: 59833787.' } });
    const result = await notion.callTool({ name: 'retrieve_a_page', arguments: { page_id: '59833787-2cf9-4fdf-8782-e53db20768a5' } });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: '/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5' });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('Could not find page');
    expect(text(result)).not.toContain(NOTION_TOKEN);
  });
});

describe('every generated HTTP tool goes through the runtime path builder', () => {
  it.each(['github', 'notion'])('generated/%s: each tool calls its API client, and nothing else sends requests', async (name) => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = `${ROOT}/generated/${name}`;
    // Every module of the server: server.gen.ts, api.gen.ts, and each toolset's modules.
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && file !== 'types.gen.ts');
    const code = files.map((file) => readFileSync(`${dir}/${file}`, 'utf8')).join('\n');
    const tools = code.match(/= defineTool\(\{/g)?.length ?? 0;
    const calls = code.match(/handler: \(args, context\) => \w+Api\.call\(/g)?.length ?? 0;
    expect(tools).toBe(JSON.parse(readFileSync(`${dir}/tools.json`, 'utf8')).tools.length);
    expect(calls).toBe(tools);
    // createHttpApi.call builds every URL with buildPath; no generated code may reach the network another way
    expect(code).not.toMatch(/\bfetch\(|node:http|undici|new URL\(/);
  });
});

describe('tools/list token budget (o200k): npx toolwright tokens', () => {
  const tokens = async (...args: string[]) => {
    const { execFile } = await import('node:child_process');
    return new Promise<{
      code: number;
      report: { tools: number; tokens: number; perTool: { name: string; tokens: number }[]; overBudget?: boolean };
      stderr: string;
    }>((resolve, reject) =>
      execFile(process.execPath, [CLI, 'tokens', ...args, '--json'], { cwd: ROOT, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, report: JSON.parse(stdout), stderr });
      }),
    );
  };

  it('generated/github: the default surface in at most 60 tools and 8,000 tokens; per tool, largest first', async () => {
    const { code, report } = await tokens('github');
    expect(code).toBe(0);
    expect(report.tools).toBeLessThanOrEqual(60);
    expect(report.tokens).toBeLessThanOrEqual(8000);
    expect(report.perTool).toHaveLength(report.tools);
    expect(report.perTool.map((t) => t.tokens)).toEqual([...report.perTool.map((t) => t.tokens)].sort((a, b) => b - a));
  });

  it('generated/notion: all 24 tools in at most 4,000 tokens', async () => {
    const { report } = await tokens('notion');
    expect(report.tools).toBe(24);
    expect(report.tokens).toBeLessThanOrEqual(4000);
  });

  it('selection flags count what serve would offer; --budget fails when the total is over it', async () => {
    const readOnly = await tokens('github', '--toolsets', 'issues', '--read-only');
    // the issues toolset without its writes (create, update, labels, assignees, comment)
    expect(readOnly.report.perTool.map((t) => t.name).sort()).toEqual([
      'issues_get',
      'issues_list_comments',
      'issues_list_for_repo',
      'search_issues_and_pull_requests',
    ]);
    const over = await tokens('notion', '--budget', '100');
    expect(over.code).toBe(1);
    expect(over.report.overBudget).toBe(true);
    expect(over.stderr).toMatch(/over the budget of 100/);
  });
});
