/**
 * The upstream HTTP client against a real HTTP server on 127.0.0.1: the exact
 * requests representative GitHub and Notion operations send, the results the
 * model gets back, and the rules about credentials (from the environment,
 * never echoed, never forwarded across origins).
 */

import {
  connectTestClient,
  createHttpApi,
  defineServer,
  defineTool,
  type HttpApi,
  type HttpOperation,
  type HttpProfile,
  isToolError,
  type MockUpstream,
  startMockUpstream,
  type TestClient,
} from '@toolwright/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, errorMeta, firstText } from './support.js';

const GITHUB_TOKEN = 'ghp_TESTtoken0123456789abcdefABCDEF';
const NOTION_TOKEN = 'ntn_TESTsecret9876543210zyxwvu';

const github: HttpProfile = {
  name: 'github',
  baseUrl: { env: 'GITHUB_API_URL', default: 'https://api.github.com' },
  auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' },
  headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
};

const notion: HttpProfile = {
  name: 'notion',
  baseUrl: { env: 'NOTION_API_URL', default: 'https://api.notion.com' },
  auth: { env: 'NOTION_TOKEN', scheme: 'bearer' },
  headers: { 'Notion-Version': '2022-06-28' },
};

const listIssues: HttpOperation = {
  method: 'get',
  path: '/repos/{owner}/{repo}/issues',
  parameters: [
    { arg: 'owner', name: 'owner', in: 'path', required: true },
    { arg: 'repo', name: 'repo', in: 'path', required: true },
    { arg: 'state', name: 'state', in: 'query', required: false },
    { arg: 'labels', name: 'labels', in: 'query', required: false, style: 'form', explode: false },
    { arg: 'creators', name: 'creator', in: 'query', required: false },
    { arg: 'per_page', name: 'per_page', in: 'query', required: false },
    { arg: 'since', name: 'since', in: 'query', required: false },
  ],
};

const createIssue: HttpOperation = {
  method: 'post',
  path: '/repos/{owner}/{repo}/issues',
  parameters: [
    { arg: 'owner', name: 'owner', in: 'path', required: true },
    { arg: 'repo', name: 'repo', in: 'path', required: true },
  ],
  body: {
    contentType: 'application/json',
    required: true,
    fields: [
      { arg: 'title', name: 'title' },
      { arg: 'issue_body', name: 'body' },
      { arg: 'labels', name: 'labels' },
      { arg: 'milestone', name: 'milestone' },
      { arg: 'assignee', name: 'assignee' },
    ],
  },
};

const notionSearch: HttpOperation = {
  method: 'post',
  path: '/v1/search',
  parameters: [],
  body: {
    contentType: 'application/json',
    required: false,
    fields: [
      { arg: 'query', name: 'query' },
      { arg: 'filter', name: 'filter' },
      { arg: 'page_size', name: 'page_size' },
    ],
  },
};

const notionUpdatePage: HttpOperation = {
  method: 'patch',
  path: '/v1/pages/{page_id}',
  parameters: [{ arg: 'page_id', name: 'page_id', in: 'path', required: true }],
  body: { contentType: 'application/json', required: true, fields: { whole: 'page' } },
};

let upstream: MockUpstream;
beforeEach(async () => {
  upstream = await startMockUpstream();
});
afterEach(() => upstream.close());

function githubApi(env: NodeJS.ProcessEnv = {}, profile: Partial<HttpProfile> = {}): HttpApi {
  return createHttpApi({ ...github, ...profile }, { env: { GITHUB_API_URL: upstream.url, GITHUB_TOKEN: GITHUB_TOKEN, ...env } });
}

function context(logs = captureLogs()) {
  return { signal: new AbortController().signal, logger: logs.logger };
}

function textOf(result: { content?: unknown }): string {
  return firstText(result);
}

describe('requests', () => {
  it('sends a GitHub-style GET with path values, a comma list, repeated keys and fixed headers', async () => {
    upstream.reply({ body: [{ number: 1, title: 'Bug' }] });
    const result = await githubApi().call(
      listIssues,
      { owner: 'octo-org', repo: 'hello world', state: 'open', labels: ['bug', 'good first issue'], creators: ['a', 'b'], per_page: 5, since: undefined },
      context(),
    );
    expect(upstream.requests).toHaveLength(1);
    const request = upstream.requests[0]!;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/repos/octo-org/hello%20world/issues');
    expect(request.query).toBe('state=open&labels=bug,good%20first%20issue&creator=a&creator=b&per_page=5');
    expect(request.headers).toMatchObject({
      authorization: `Bearer ${GITHUB_TOKEN}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'toolwright-runtime',
    });
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.body).toBe('');
    expect(result.structuredContent).toEqual({ items: [{ number: 1, title: 'Bug' }] });
    expect(textOf(result)).toBe('[{"number":1,"title":"Bug"}]');
  });

  it('sends a POST with a JSON body of the given fields under their wire names, keeping null and leaving out undefined', async () => {
    upstream.reply({ status: 201, body: { number: 7, html_url: 'https://github.com/o/r/issues/7' } });
    const result = await githubApi().call(
      createIssue,
      { owner: 'o', repo: 'r', title: 'Crash on start', issue_body: 'Steps: …', labels: ['bug'], milestone: null, assignee: undefined },
      context(),
    );
    const request = upstream.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/repos/o/r/issues');
    expect(request.query).toBe('');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toBe('{"title":"Crash on start","body":"Steps: …","labels":["bug"],"milestone":null}');
    expect(result.structuredContent).toEqual({ number: 7, html_url: 'https://github.com/o/r/issues/7' });
  });

  it('sends Notion calls with the Notion-Version header and the bearer token from NOTION_TOKEN', async () => {
    const api = createHttpApi(notion, { env: { NOTION_API_URL: upstream.url, NOTION_TOKEN } });
    upstream.reply({ body: { object: 'list', results: [] } }, { body: { object: 'page', id: 'p1' } });
    await api.call(notionSearch, { query: 'roadmap', filter: { property: 'object', value: 'page' } }, context());
    await api.call(notionUpdatePage, { page_id: '59833787-2cf9-4fdf-8782-e53db20768a5', page: { archived: true } }, context());
    const [search, update] = upstream.requests;
    expect(search).toMatchObject({ method: 'POST', path: '/v1/search', query: '', body: '{"query":"roadmap","filter":{"property":"object","value":"page"}}' });
    expect(search!.headers).toMatchObject({ authorization: `Bearer ${NOTION_TOKEN}`, 'notion-version': '2022-06-28', 'content-type': 'application/json' });
    expect(update).toMatchObject({ method: 'PATCH', path: '/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5', body: '{"archived":true}' });
  });

  it('fixed arguments are set by the server and win over what the caller sent', async () => {
    const api = createHttpApi(notion, { env: { NOTION_API_URL: upstream.url, NOTION_TOKEN } });
    const search = {
      method: 'post' as const,
      path: '/v1/search',
      parameters: [{ arg: 'notion_version', name: 'Notion-Version', in: 'header' as const, required: false }],
      body: {
        contentType: 'application/json',
        fields: [
          { arg: 'query', name: 'query' },
          { arg: 'page_size', name: 'page_size' },
        ],
        required: false,
      },
      fixed: { notion_version: '2025-09-03', page_size: 10 },
    };
    await api.call(search, { query: 'q', notion_version: '1999-01-01', page_size: 100 }, context());
    expect(upstream.requests[0]!.headers['notion-version']).toBe('2025-09-03');
    expect(upstream.requests[0]!.body).toBe('{"query":"q","page_size":10}');
  });

  it('sends no body when an optional body gets no fields', async () => {
    const api = createHttpApi(notion, { env: { NOTION_API_URL: upstream.url, NOTION_TOKEN } });
    await api.call(notionSearch, {}, context());
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', body: '' });
    expect(upstream.requests[0]!.headers['content-type']).toBeUndefined();
  });

  it('keeps the base path of an overriding base URL (GitHub Enterprise) and reads it at call time', async () => {
    const env: NodeJS.ProcessEnv = { GITHUB_API_URL: `${upstream.url}/api/v3/`, GITHUB_TOKEN };
    const api = createHttpApi(github, { env });
    const getRepo: HttpOperation = {
      method: 'get',
      path: '/repos/{owner}/{repo}',
      parameters: [
        { arg: 'owner', name: 'owner', in: 'path', required: true },
        { arg: 'repo', name: 'repo', in: 'path', required: true },
      ],
    };
    await api.call(getRepo, { owner: 'o', repo: 'r' }, context());
    env.GITHUB_API_URL = `${upstream.url}/ghe`;
    await api.call(getRepo, { owner: 'o', repo: 'r' }, context());
    expect(upstream.requests.map((r) => r.path)).toEqual(['/api/v3/repos/o/r', '/ghe/repos/o/r']);
  });

  it('refuses a base URL that is not http(s), without echoing it', async () => {
    const api = githubApi({ GITHUB_API_URL: 'ftp://user:hunter2@example.com' });
    const error = await api.call(listIssues, { owner: 'o', repo: 'r' }, context()).catch((e: unknown) => e);
    expect(isToolError(error)).toBe(true);
    expect((error as Error).message).toMatch(/GITHUB_API_URL setting uses "ftp:"; only http: and https: are allowed/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('sends a header parameter and refuses one with a line break before sending', async () => {
    const operation: HttpOperation = {
      method: 'get',
      path: '/things',
      parameters: [{ arg: 'ifNoneMatch', name: 'If-None-Match', in: 'header', required: false }],
    };
    await githubApi().call(operation, { ifNoneMatch: '"etag-1"' }, context());
    expect(upstream.requests[0]!.headers['if-none-match']).toBe('"etag-1"');
    await expect(githubApi().call(operation, { ifNoneMatch: 'x\r\nX-Evil: 1' }, context())).rejects.toThrow(/header If-None-Match\) contains a line break/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('sends cookie parameters as one Cookie header', async () => {
    const operation: HttpOperation = {
      method: 'get',
      path: '/c',
      parameters: [
        { arg: 'session', name: 'session', in: 'cookie', required: false },
        { arg: 'theme', name: 'theme', in: 'cookie', required: false },
      ],
    };
    await githubApi().call(operation, { session: 'a b', theme: 'dark' }, context());
    expect(upstream.requests[0]!.headers.cookie).toBe('session=a%20b; theme=dark');
  });

  it('lets neither a header parameter nor a profile header replace the credentials', async () => {
    const api = githubApi({}, { headers: { ...github.headers, Authorization: 'Bearer not-this' } });
    await api.call(listIssues, { owner: 'o', repo: 'r' }, context());
    expect(upstream.requests[0]!.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`);
    const operation: HttpOperation = { method: 'get', path: '/x', parameters: [{ arg: 'auth', name: 'Authorization', in: 'header', required: false }] };
    await expect(api.call(operation, { auth: 'Bearer mine' }, context())).rejects.toThrow(/cannot be set by a tool argument/);
  });

  it.each([
    ['basic', { env: 'API_CREDENTIALS', scheme: 'basic' as const }, { API_CREDENTIALS: 'user:pa55word' }, ['authorization', `Basic ${btoa('user:pa55word')}`]],
    ['an API-key header', { env: 'API_KEY', scheme: 'header' as const, header: 'X-API-Key' }, { API_KEY: 'key-123456' }, ['x-api-key', 'key-123456']],
  ])('sends %s credentials', async (_name, auth, env, [header, value]) => {
    const api = createHttpApi(
      { name: 'api', baseUrl: { env: 'API_URL', default: 'https://example.com' }, auth, headers: {} },
      { env: { API_URL: upstream.url, ...env } },
    );
    await api.call({ method: 'get', path: '/me', parameters: [] }, {}, context());
    expect(upstream.requests[0]!.headers[header!]).toBe(value);
  });
});

describe('query serialisation', () => {
  const param = (style?: HttpOperation['parameters'][number]['style'], explode?: boolean): HttpOperation => ({
    method: 'get',
    path: '/q',
    parameters: [{ arg: 'v', name: 'v', in: 'query', required: false, ...(style ? { style } : {}), ...(explode === undefined ? {} : { explode }) }],
  });

  it.each([
    ['a string, encoded', param(), 'a&b=c d+e#f/g', 'v=a%26b%3Dc%20d%2Be%23f%2Fg'],
    ['unicode', param(), 'naïve ✓', 'v=na%C3%AFve%20%E2%9C%93'],
    ['true', param(), true, 'v=true'],
    ['false', param(), false, 'v=false'],
    ['zero', param(), 0, 'v=0'],
    ['an empty string', param(), '', 'v='],
    ['undefined, left out', param(), undefined, ''],
    ['null, left out', param(), null, ''],
    ['an empty list, left out', param(), [], ''],
    ['form explode list (default)', param(), ['a', 'b c'], 'v=a&v=b%20c'],
    ['form list, no explode', param('form', false), ['a', 'b,c'], 'v=a,b%2Cc'],
    ['spaceDelimited list', param('spaceDelimited'), ['a', 'b'], 'v=a%20b'],
    ['pipeDelimited list', param('pipeDelimited'), ['a', 'b'], 'v=a|b'],
    ['form explode object', param('form', true), { state: 'open', page: 2 }, 'state=open&page=2'],
    ['form object, no explode', param('form', false), { state: 'open', page: 2 }, 'v=state,open,page,2'],
    ['deepObject', param('deepObject', true), { state: 'open', 'a b': 'x&y' }, 'v[state]=open&v[a%20b]=x%26y'],
    ['nested deepObject', param('deepObject', true), { created: { gte: '2024-01-01' }, skip: undefined }, 'v[created][gte]=2024-01-01'],
  ])('%s', async (_name, operation, value, query) => {
    await githubApi().call(operation, { v: value }, context());
    expect(upstream.requests[0]!.query).toBe(query);
  });

  it('refuses a nested object where the style has no way to send it', async () => {
    await expect(githubApi().call(param(), { v: [{ a: 1 }] }, context())).rejects.toThrow(/cannot hold a nested object/);
    expect(upstream.requests).toEqual([]);
  });
});

describe('bodies', () => {
  it('sends form-encoded fields', async () => {
    const operation: HttpOperation = {
      method: 'post',
      path: '/oauth/token',
      parameters: [],
      body: {
        contentType: 'application/x-www-form-urlencoded',
        required: true,
        fields: [
          { arg: 'grant', name: 'grant_type' },
          { arg: 'scopes', name: 'scope' },
          { arg: 'meta', name: 'meta' },
        ],
      },
    };
    await githubApi().call(operation, { grant: 'client credentials', scopes: ['a', 'b'], meta: { x: 1 } }, context());
    expect(upstream.requests[0]).toMatchObject({ body: 'grant_type=client+credentials&scope=a&scope=b&meta%5Bx%5D=1' });
    expect(upstream.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('sends a text body as is', async () => {
    const operation: HttpOperation = {
      method: 'post',
      path: '/markdown/raw',
      parameters: [],
      body: { contentType: 'text/plain', required: true, fields: { whole: 'text' } },
    };
    await githubApi().call(operation, { text: '# Title\n\nbody' }, context());
    expect(upstream.requests[0]).toMatchObject({ body: '# Title\n\nbody' });
    expect(upstream.requests[0]!.headers['content-type']).toBe('text/plain');
  });

  it('refuses a content type it cannot send, saying so', async () => {
    const operation: HttpOperation = {
      method: 'post',
      path: '/upload',
      parameters: [],
      body: { contentType: 'application/octet-stream', required: true, fields: { whole: 'data' } },
    };
    const error = await githubApi()
      .call(operation, { data: 'x' }, context())
      .catch((e: unknown) => e);
    expect(isToolError(error) && error.code).toBe('unsupported');
    expect((error as Error).message).toMatch(/application\/octet-stream body, which Toolwright's HTTP client does not support/);
    expect(upstream.requests).toEqual([]);
  });
});

describe('results', () => {
  const get: HttpOperation = { method: 'get', path: '/r', parameters: [] };

  it('sends an object as structuredContent and compact JSON text', async () => {
    upstream.reply({ body: '{\n  "login": "octocat",\n  "id": 1\n}', headers: { 'content-type': 'application/json' } });
    const result = await githubApi().call(get, {}, context());
    expect(result).toEqual({ content: [{ type: 'text', text: '{"login":"octocat","id":1}' }], structuredContent: { login: 'octocat', id: 1 } });
  });

  it('answers 204 with a short confirmation', async () => {
    upstream.reply({ status: 204 });
    const result = await githubApi().call(
      { method: 'delete', path: '/repos/{o}', parameters: [{ arg: 'o', name: 'o', in: 'path', required: true }] },
      { o: 'x' },
      context(),
    );
    expect(result).toEqual({ content: [{ type: 'text', text: 'DELETE /repos/x: done (github answered 204 No Content).' }] });
  });

  it('passes plain text through', async () => {
    upstream.reply({ body: 'hello', headers: { 'content-type': 'text/plain' } });
    const result = await githubApi().call(get, {}, context());
    expect(result).toEqual({ content: [{ type: 'text', text: 'hello' }] });
  });

  it('describes binary content instead of sending it', async () => {
    upstream.reply({ body: new Uint8Array([0x50, 0x4b, 3, 4]), headers: { 'content-type': 'application/zip' } });
    const result = await githubApi().call(get, {}, context());
    expect(textOf(result)).toBe('github answered 200 OK with 4 bytes of application/zip; binary content is not shown.');
  });

  it('cuts a list too big for the model at an item boundary, and says how to get the rest', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: i, title: `Issue number ${i} with a longish title` }));
    upstream.reply({ body: items, headers: { link: `<${upstream.url}/items?page=2>; rel="next"` } });
    const result = await githubApi().call(get, {}, context());
    const [json, ...notes] = textOf(result).split('\n\n');
    const kept = JSON.parse(json!) as typeof items;
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(2000);
    expect(kept).toEqual(items.slice(0, kept.length));
    expect(json!.length).toBeLessThanOrEqual(25_000 * 3);
    expect(notes).toEqual([
      `Showing the first ${kept.length} of 2000 items: results are capped at about 25000 tokens. Ask for fewer items per page (or narrow the filters) to see the rest.`,
      'More results: call again with page=2 and the same other arguments.',
    ]);
    expect(result.structuredContent).toEqual({ items: kept, next_page: { page: 2 } });
  });

  it('TOOLWRIGHT_MAX_RESULT_TOKENS sets the cap; TOOLWRIGHT_RAW_RESULTS skips the projection; a bad value fails at start', async () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ id: i, node_id: `N${i}`, closed_at: null }));
    upstream.reply({ body: items });
    const small = await githubApi({ TOOLWRIGHT_MAX_RESULT_TOKENS: '100' }, { shape: { drop: ['node_id'] } }).call(get, {}, context());
    expect((small.structuredContent as { items: unknown[] }).items.length).toBeLessThan(50);
    expect((small.structuredContent as { items: unknown[] }).items[0]).toEqual({ id: 0 });
    upstream.reply({ body: items });
    const raw = await githubApi({ TOOLWRIGHT_RAW_RESULTS: 'true' }, { shape: { drop: ['node_id'] } }).call(get, {}, context());
    expect((raw.structuredContent as { items: unknown[] }).items[0]).toEqual({ id: 0, node_id: 'N0', closed_at: null });
    expect(() => githubApi({ TOOLWRIGHT_MAX_RESULT_TOKENS: 'lots' })).toThrow(/TOOLWRIGHT_MAX_RESULT_TOKENS/);
  });
});

describe('credentials', () => {
  it('never puts the token in results, errors or logs, even when the upstream echoes it', async () => {
    upstream.reply(
      { body: { echoed: `Bearer ${GITHUB_TOKEN}`, note: `token=${GITHUB_TOKEN}` } },
      { status: 401, body: { message: `Bad credentials: ${GITHUB_TOKEN}` } },
      { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'title', code: 'invalid', message: `got ${GITHUB_TOKEN}` }] } },
    );
    // no secrets given to the logger: the client itself must not log the token
    const logs = captureLogs({ secrets: [] });
    const ok = await githubApi().call(listIssues, { owner: 'o', repo: 'r' }, context(logs));
    const errors = [];
    for (let i = 0; i < 2; i++)
      errors.push(
        await githubApi()
          .call(listIssues, { owner: 'o', repo: 'r' }, context(logs))
          .catch((e: unknown) => e),
      );
    expect(upstream.requests.every((r) => r.headers.authorization === `Bearer ${GITHUB_TOKEN}`)).toBe(true);
    const everything =
      JSON.stringify(ok) + errors.map((e) => `${(e as Error).message} ${JSON.stringify((e as { data?: unknown }).data)}`).join('') + logs.text();
    expect(everything).not.toContain(GITHUB_TOKEN);
    expect(JSON.stringify(ok)).toContain('Bearer [REDACTED]');
    expect((errors[0] as Error).message).toContain('Bad credentials: [REDACTED]');
    expect(logs.withMessage('upstream request')).toHaveLength(3);
  });

  it('answers a clear error when the token is not set, without sending anything', async () => {
    const api = createHttpApi(github, { env: { GITHUB_API_URL: upstream.url } });
    const error = await api.call(listIssues, { owner: 'o', repo: 'r' }, context()).catch((e: unknown) => e);
    expect(isToolError(error) && error.code).toBe('unauthenticated');
    expect((error as Error).message).toMatch(/calls the github API, which needs a token, and GITHUB_TOKEN is not set\. Set GITHUB_TOKEN/);
    expect(upstream.requests).toEqual([]);
  });

  it('refuses a token with a line break without quoting it', async () => {
    const api = githubApi({ GITHUB_TOKEN: 'ghp_abc\nX-Injected: yes' });
    const error = await api.call(listIssues, { owner: 'o', repo: 'r' }, context()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('GITHUB_TOKEN contains a line break or another character a token cannot have. Set it to the token alone.');
    expect(upstream.requests).toEqual([]);
  });

  it('drops the credentials when a redirect leaves the API origin, and keeps them on the same origin', async () => {
    const other = await startMockUpstream();
    try {
      const api = createHttpApi(
        {
          name: 'keyed',
          baseUrl: { env: 'API_URL', default: 'https://example.com' },
          auth: { env: 'API_KEY', scheme: 'header', header: 'X-API-Key' },
          headers: {},
        },
        { env: { API_URL: upstream.url, API_KEY: 'key-secret-123' } },
      );
      upstream.reply({ status: 301, headers: { location: '/moved' } }, { status: 302, headers: { location: `${other.url}/download?sig=1` } });
      other.reply({ body: { ok: true } });
      const result = await api.call({ method: 'get', path: '/start', parameters: [] }, {}, context());
      expect(result.structuredContent).toEqual({ ok: true });
      expect(upstream.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
        ['/start', 'key-secret-123'],
        ['/moved', 'key-secret-123'],
      ]);
      expect(other.requests.map((r) => [r.path, r.query, r.headers['x-api-key']])).toEqual([['/download', 'sig=1', undefined]]);
    } finally {
      await other.close();
    }
  });
});

describe('logging', () => {
  it('writes one debug line per upstream request: method, path template, status, attempt, duration — no query values, no headers', async () => {
    const logs = captureLogs();
    await githubApi().call(listIssues, { owner: 'o', repo: 'r', state: 'secret-filter-value' }, context(logs));
    const [line, ...rest] = logs.withMessage('upstream request');
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'debug', upstream: 'github', method: 'GET', path: '/repos/{owner}/{repo}/issues', status: 200, attempt: 1 });
    expect(typeof line!.durationMs).toBe('number');
    expect(logs.text()).not.toContain('secret-filter-value');
    expect(logs.text()).not.toMatch(/authorization|x-github-api-version/i);
  });
});

describe('through the MCP pipeline', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  function server(api: HttpApi, timeoutMs?: number) {
    const tool = defineTool({
      name: 'issues_list_for_repo',
      description: 'List issues in a repository.',
      input: z.object({ owner: z.string(), repo: z.string(), state: z.enum(['open', 'closed', 'all']).optional(), labels: z.array(z.string()).optional() }),
      annotations: { readOnly: true },
      ...(timeoutMs ? { timeoutMs } : {}),
      handler: (args, ctx) => api.call(listIssues, args, ctx),
    });
    return defineServer({ name: 'github', version: '1.0.0', tools: [tool] });
  }

  it('answers a tool call with the upstream result', async () => {
    upstream.reply({ body: [{ number: 3 }] });
    client = await connectTestClient(server(githubApi()));
    const result = await client.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'o', repo: 'r', state: 'all', labels: ['x', 'y'] } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ items: [{ number: 3 }] });
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', path: '/repos/o/r/issues', query: 'state=all&labels=x,y' });
  });

  it('answers an injection attempt with an isError result and sends nothing', async () => {
    client = await connectTestClient(server(githubApi()));
    const result = await client.callTool({ name: 'issues_list_for_repo', arguments: { owner: '..', repo: 'r' } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)?.code).toBe('invalid_arguments');
    expect(firstText(result)).toMatch(/Path parameter "owner" is "\.\."/);
    expect(upstream.requests).toEqual([]);
  });

  it('starts and lists its tools without a token; a call then says which variable to set', async () => {
    client = await connectTestClient(server(createHttpApi(github, { env: { GITHUB_API_URL: upstream.url } })));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['issues_list_for_repo']);
    const result = await client.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'o', repo: 'r' } });
    expect(errorMeta(result)?.code).toBe('unauthenticated');
    expect(firstText(result)).toContain('GITHUB_TOKEN is not set');
  });

  it('maps an upstream 404 to a not_found result', async () => {
    upstream.reply({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#list-repository-issues' } });
    client = await connectTestClient(server(githubApi()));
    const result = await client.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'o', repo: 'missing' } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)).toEqual({ code: 'not_found', status: 404 });
    expect(firstText(result)).toBe(
      'github answered 404 Not Found to GET /repos/o/missing/issues: Not Found (see https://docs.github.com/rest/issues/issues#list-repository-issues). Check the names and ids in the arguments (list or search first to find them). A private resource that the token in GITHUB_TOKEN cannot see also answers 404.',
    );
  });

  it('stops the upstream request when the client cancels the call', async () => {
    upstream.reply({ delayMs: 10_000, body: {} });
    client = await connectTestClient(server(githubApi()));
    const controller = new AbortController();
    const pending = client
      .callTool({ name: 'issues_list_for_repo', arguments: { owner: 'o', repo: 'r' } }, undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => upstream.requests.length).toBe(1);
    controller.abort();
    await pending;
    await expect.poll(() => upstream.requests[0]!.aborted).toBe(true);
  });

  it('stops the upstream request when the tool call times out', async () => {
    upstream.reply({ delayMs: 10_000, body: {} });
    client = await connectTestClient(server(githubApi(), 200));
    const result = await client.callTool({ name: 'issues_list_for_repo', arguments: { owner: 'o', repo: 'r' } });
    expect(errorMeta(result)?.code).toBe('timeout');
    await expect.poll(() => upstream.requests[0]?.aborted).toBe(true);
  });
});
