import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigurationError,
  connectTestClient,
  defineServer,
  defineTool,
  META_TOOLS,
  modeFromEnv,
  parseMode,
  type SearchModeOptions,
  type ServerDefinition,
  searchMode,
  serve,
  toolResult,
} from '../src/index.js';
import { ToolIndex } from '../src/search/rank.js';
import { captureLogs, errorMeta } from './support.js';

const text = (result: unknown): string => ((result as { content?: { type: string; text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('\n');
const structured = <T>(result: unknown) => (result as { structuredContent: T }).structuredContent;

describe('ToolIndex: ranking operations for plain words', () => {
  const doc = (name: string, description: string, parameters: string[] = []) => ({
    name,
    description,
    toolset: name.split('_')[0],
    parameters: parameters.map((p) => ({ name: p, description: `The ${p.replace(/_/g, ' ')}.` })),
  });
  const index = new ToolIndex([
    doc('issues_create', 'Create an issue. Any user with pull access can create an issue.', ['title', 'body', 'labels']),
    doc('issues_add_labels', 'Add labels to an issue. Adds labels to an issue.', ['issue_number', 'labels']),
    doc('issues_list_labels_for_repo', 'List labels for a repository.', ['per_page']),
    doc('issues_list_for_repo', 'List repository issues.', ['state', 'labels']),
    doc('pulls_create', 'Open a pull request from a head branch into a base branch.', ['head', 'base', 'issue']),
    doc('pulls_list', 'List pull requests.', ['state']),
    doc('repos_list_for_org', 'List organization repositories.', ['org']),
    doc('repos_list_for_org_legacy', 'Deprecated. List organization repositories.', ['org']),
    doc('actions_list_workflow_runs_for_repo', 'List workflow runs for a repository.', ['branch', 'status']),
  ]);
  const top = (query: string, n = 3) => index.search(query, n).map((hit) => hit.name);

  it('ranks the operation whose name and summary say what the words say first', () => {
    expect(top('add a label to an issue')[0]).toBe('issues_add_labels');
    expect(top('list workflow runs for a branch')[0]).toBe('actions_list_workflow_runs_for_repo');
    expect(top('which labels exist in a repository')[0]).toBe('issues_list_labels_for_repo');
  });

  it('stems words and knows everyday synonyms and abbreviations', () => {
    expect(top('open a new issue')[0]).toBe('issues_create');
    expect(top('list the PRs')[0]).toBe('pulls_list');
    expect(top('labelling issues')).toContain('issues_add_labels');
    expect(top("an organisation's repos")[0]).toBe('repos_list_for_org');
  });

  it('ranks deprecated operations below live ones, and returns nothing for words it does not know', () => {
    expect(top('list organization repositories', 2)).toEqual(['repos_list_for_org', 'repos_list_for_org_legacy']);
    expect(index.search('the of and', 5)).toEqual([]);
    expect(index.search('zzyzx', 5)).toEqual([]);
  });

  it('respects the limit and scores best first', () => {
    const hits = index.search('issue', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });
});

describe('search mode', () => {
  const loads: string[] = [];
  const createIssue = defineTool({
    name: 'issues_create',
    description: 'Create an issue. Opens a new issue in a repository.',
    input: z.strictObject({ repo: z.string().describe('Repository name.'), title: z.string().min(1).describe('Issue title.') }),
    output: z.object({ number: z.int(), title: z.string() }),
    annotations: { readOnly: false, destructive: false },
    handler: ({ title }) => ({ number: 7, title }),
  });
  const listIssues = defineTool({
    name: 'issues_list',
    description: 'List issues of a repository.',
    input: z.strictObject({ repo: z.string() }),
    annotations: { readOnly: true },
    handler: ({ repo }) => [`${repo}#1`],
  });
  const getRepo = defineTool({
    name: 'repos_get',
    description: 'Get a repository.',
    input: z.strictObject({ repo: z.string() }),
    annotations: { readOnly: true },
    handler: ({ repo }) => ({ name: repo }),
  });
  const deleteRepo = defineTool({
    name: 'repos_delete',
    description: 'Delete a repository. Deleting cannot be undone.',
    input: z.strictObject({ repo: z.string() }),
    annotations: { readOnly: false, destructive: true },
    handler: () => 'deleted',
  });
  const slow = defineTool({
    name: 'jobs_wait',
    description: 'Wait for a job to finish.',
    input: z.object({}),
    annotations: { readOnly: true },
    timeoutMs: 50,
    handler: (_args, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
  });
  const chatty = defineTool({
    name: 'jobs_run',
    description: 'Run a job, reporting progress, and ask the model for a summary.',
    input: z.object({}),
    annotations: { readOnly: true },
    handler: async (_args, context) => {
      await context.reportProgress(1, 2, 'half way');
      await context.log('info', { step: 'sampling' });
      const answer = await context.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Summarise.' } }], maxTokens: 10 });
      return `summary: ${answer.content.type === 'text' ? answer.content.text : ''}`;
    },
  });
  const server = (): ServerDefinition =>
    defineServer({
      name: 'api',
      version: '1.0.0',
      title: 'Test API',
      instructions: 'Use repos_get first.',
      tools: [createIssue, listIssues, slow, chatty],
      toolsets: [
        { name: 'issues', description: 'Issues.', default: true, tools: ['issues_create', 'issues_list'] },
        { name: 'jobs', description: 'Jobs.', tools: ['jobs_wait', 'jobs_run'] },
        {
          name: 'repos',
          description: 'Repositories.',
          tools: ['repos_get', 'repos_delete'],
          load: async () => {
            loads.push('repos');
            return [getRepo, deleteRepo];
          },
        },
      ],
    });
  const connect = async (options: SearchModeOptions = {}, definition = server()) =>
    connectTestClient(await searchMode(definition, { preload: false, factory: { logLevel: 'silent' }, ...options }), { capabilities: { sampling: {} } });
  // The same tools served the ordinary way, to compare results with.
  const direct = () => connectTestClient(server(), { select: { toolsets: ['all'] } });

  it('lists only the three meta-tools, with the workflow in their descriptions, and loads no module to start', async () => {
    loads.length = 0;
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
    for (const tool of tools) expect(tool.name).toMatch(/^[a-z0-9_]+$/);
    expect(tools[0]!.description).toMatch(/6 Test API operations.*describe_tool.*call_tool/);
    expect(tools[0]!.annotations).toMatchObject({ readOnlyHint: true });
    expect(client.getInstructions()).toMatch(/^Use repos_get first\.\n\n.*search_tools → describe_tool → call_tool/);
    expect(loads).toEqual([]);
    await client.close();
  });

  it('search_tools answers ranked operations as text and structured content, loading the modules it needs', async () => {
    loads.length = 0;
    const client = await connect();
    const result = await client.callTool({ name: META_TOOLS.search, arguments: { query: 'remove a repository', limit: 2 } });
    const { results } = structured<{ results: { name: string; description: string; toolset: string; readOnly: boolean }[] }>(result);
    expect(results[0]).toEqual({ name: 'repos_delete', description: 'Delete a repository.', toolset: 'repos', readOnly: false });
    expect(results).toHaveLength(2);
    expect(text(result)).toMatch(/^1\. repos_delete \[repos\]: Delete a repository\.\n2\. /);
    expect(loads).toEqual(['repos']);
    const none = await client.callTool({ name: META_TOOLS.search, arguments: { query: 'zzyzx' } });
    expect(none.isError).toBeFalsy();
    expect(text(none)).toMatch(/No operation matches "zzyzx"/);
    const tooMany = await client.callTool({ name: META_TOOLS.search, arguments: { query: 'issue', limit: 50 } });
    expect(tooMany.isError).toBe(true);
    expect(text(tooMany)).toMatch(/Invalid arguments for search_tools:\n- limit/);
    await client.close();
  });

  it('describe_tool gives the input schema a direct tools/list gives, and loads only that operation’s module', async () => {
    loads.length = 0;
    const client = await connect();
    const listed = (await (await direct()).listTools()).tools;
    loads.length = 0;
    const result = await client.callTool({ name: META_TOOLS.describe, arguments: { name: 'repos_delete' } });
    const described = structured<{ name: string; description: string; toolset: string; inputSchema: unknown; annotations: unknown }>(result);
    const direct_ = listed.find((t) => t.name === 'repos_delete')!;
    expect(described).toEqual({
      name: 'repos_delete',
      description: direct_.description,
      toolset: 'repos',
      annotations: direct_.annotations,
      inputSchema: direct_.inputSchema,
    });
    expect(JSON.parse(text(result))).toEqual(described);
    expect(loads).toEqual(['repos']);
    await client.close();
  });

  it('call_tool returns what a direct call returns, for results and for invalid arguments alike', async () => {
    const client = await connect();
    const plain = await direct();
    for (const [name, args] of [
      ['issues_create', { repo: 'hello', title: 'Bug' }],
      ['issues_create', { repo: 'hello', title: '' }],
      ['issues_create', { repo: 42, extra: true }],
      ['issues_list', { repo: 'hello' }],
      ['repos_get', { repo: 'hello' }],
    ] as const) {
      const viaSearch = await client.callTool({ name: META_TOOLS.call, arguments: { name, arguments: args } });
      const viaDirect = await plain.callTool({ name, arguments: args });
      expect(viaSearch).toEqual(viaDirect);
    }
    const invalid = await client.callTool({ name: META_TOOLS.call, arguments: { name: 'issues_create', arguments: { repo: 'hello' } } });
    expect(invalid.isError).toBe(true);
    expect(errorMeta(invalid)).toEqual({ code: 'invalid_arguments' });
    expect(text(invalid)).toBe(
      'Invalid arguments for issues_create:\n- title: Invalid input: expected string, received undefined (received nothing)\nFix these fields and call again.',
    );
    // arguments sent as a JSON string, as models sometimes do
    const stringly = await client.callTool({ name: META_TOOLS.call, arguments: { name: 'issues_list', arguments: '{"repo":"x"}' } });
    expect(text(stringly)).toBe('["x#1"]');
    await client.close();
    await plain.close();
  });

  it('the called tool keeps its own time limit, with the message a direct call gives', async () => {
    const client = await connect();
    const plain = await direct();
    const viaSearch = await client.callTool({ name: META_TOOLS.call, arguments: { name: 'jobs_wait' } });
    const viaDirect = await plain.callTool({ name: 'jobs_wait', arguments: {} });
    expect(viaSearch.isError).toBe(true);
    expect(errorMeta(viaSearch)?.code).toBe('timeout');
    expect(viaSearch).toEqual(viaDirect);
    expect(text(viaSearch)).toContain('Tool "jobs_wait" did not finish within 50 ms');
    await client.close();
    await plain.close();
  });

  it('progress, log messages and sampling of the called tool reach the client of call_tool', async () => {
    const client = await connect();
    const { CreateMessageRequestSchema, LoggingMessageNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logged.push(n.params.data));
    client.setRequestHandler(CreateMessageRequestSchema, () => ({ role: 'assistant', model: 'test', content: { type: 'text', text: 'all good' } }));
    const progress: unknown[] = [];
    const result = await client.callTool({ name: META_TOOLS.call, arguments: { name: 'jobs_run' } }, undefined, {
      onprogress: (p) => void progress.push(p),
    });
    expect(text(result)).toBe('summary: all good');
    expect(progress).toEqual([{ progress: 1, total: 2, message: 'half way' }]);
    expect(logged).toEqual([{ step: 'sampling' }]);
    await client.close();
  });

  it('the called tool is logged under its own name, as a direct call is', async () => {
    const logs = captureLogs();
    const client = await connectTestClient(await searchMode(server(), { preload: false, factory: { logger: logs.logger } }), { logger: logs.logger });
    await client.callTool({ name: META_TOOLS.call, arguments: { name: 'issues_list', arguments: { repo: 'a' } } });
    const calls = logs.withMessage('tool call');
    expect(calls.map((line) => [line.tool, line.outcome])).toEqual([
      ['issues_list', 'ok'],
      ['call_tool', 'ok'],
    ]);
    expect(calls[0]!.args).toEqual({ repo: 'a' });
    await client.close();
  });

  it('an unknown operation is a tool error that suggests names; one outside the selection says so', async () => {
    const client = await connect({ toolsets: ['issues', 'jobs'] });
    const typo = await client.callTool({ name: META_TOOLS.call, arguments: { name: 'issues_craete', arguments: {} } });
    expect(typo.isError).toBe(true);
    expect(errorMeta(typo)?.code).toBe('not_found');
    expect(text(typo)).toMatch(/^Unknown operation "issues_craete"\. Did you mean "issues_create"/);
    expect(text(typo)).toContain('Find operations with search_tools.');
    const guessed = await client.callTool({ name: META_TOOLS.describe, arguments: { name: 'create_issue' } });
    expect(text(guessed)).toMatch(/Did you mean "issues_create"/);
    const outside = await client.callTool({ name: META_TOOLS.describe, arguments: { name: 'repos_get' } });
    expect(text(outside)).toContain('It exists, but this server was started without it (its toolset "repos" was not selected).');
    const searched = structured<{ results: { name: string }[] }>(await client.callTool({ name: META_TOOLS.search, arguments: { query: 'repository' } }));
    expect(searched.results.map((r) => r.name)).not.toContain('repos_get');
    await client.close();
  });

  it('read-only hides writing operations from search and refuses to describe or call them', async () => {
    const client = await connect({ readOnly: true });
    expect((await client.listTools()).tools[0]!.description).toContain('(read-only ones only)');
    const found = structured<{ results: { name: string; readOnly: boolean }[] }>(
      await client.callTool({ name: META_TOOLS.search, arguments: { query: 'issue repository', limit: 20 } }),
    );
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results.every((r) => r.readOnly)).toBe(true);
    expect(found.results.map((r) => r.name)).not.toContain('issues_create');
    for (const meta of [META_TOOLS.describe, META_TOOLS.call]) {
      const refused = await client.callTool({ name: meta, arguments: { name: 'repos_delete' } });
      expect(refused.isError).toBe(true);
      expect(errorMeta(refused)?.code).toBe('permission_denied');
      expect(text(refused)).toMatch(/^Operation "repos_delete" changes data, and this server is read-only/);
    }
    await client.close();
  });

  it('pinned toolsets and tools are listed directly beside the meta-tools, filtered by read-only', async () => {
    const pinnedDefault = await connect({ pin: ['default'] });
    expect((await pinnedDefault.listTools()).tools.map((t) => t.name)).toEqual([...Object.values(META_TOOLS), 'issues_create', 'issues_list']);
    expect(await pinnedDefault.callTool({ name: 'issues_list', arguments: { repo: 'b' } })).toMatchObject({ content: [{ text: '["b#1"]' }] });
    const pinnedTool = await connect({ pin: ['repos_get', 'repos'], readOnly: true });
    expect((await pinnedTool.listTools()).tools.map((t) => t.name)).toEqual([...Object.values(META_TOOLS), 'repos_get']);
    // pinned tools stay searchable even outside the searchable toolsets
    const scoped = await connect({ toolsets: ['jobs'], pin: ['repos_get'] });
    expect(
      structured<{ results: { name: string }[] }>(await scoped.callTool({ name: META_TOOLS.search, arguments: { query: 'get a repository' } })).results[0],
    ).toMatchObject({
      name: 'repos_get',
    });
    for (const client of [pinnedDefault, pinnedTool, scoped]) await client.close();
  });

  it('refuses at start: unknown toolsets, tools or pins, and a tool that takes a meta-tool name', async () => {
    await expect(searchMode(server(), { toolsets: ['isues'] })).rejects.toThrow(
      'Unknown toolset "isues" for server "api". Toolsets: all, issues, jobs, repos.',
    );
    await expect(searchMode(server(), { tools: ['repos_gett'] })).rejects.toThrow(/Unknown tool "repos_gett".*Did you mean "repos_get"\?/);
    await expect(searchMode(server(), { pin: ['defaults'] })).rejects.toThrow(
      'Unknown toolset or tool "defaults" to pin for server "api". Pin "default" (the default toolsets), toolsets (issues, jobs, repos) or tool names.',
    );
    const clash = defineServer({ name: 'clash', version: '1.0.0', tools: [defineTool({ ...listIssues, name: 'call_tool' })] });
    await expect(searchMode(clash)).rejects.toThrow(ConfigurationError);
    await expect(searchMode(clash)).rejects.toThrow(/has a tool named "call_tool", which search mode needs/);
  });

  it('a module that fails to load fails searching with an internal error, not the server', async () => {
    const broken = defineServer({
      name: 'broken',
      version: '1.0.0',
      toolsets: [
        {
          name: 'x',
          description: 'X.',
          tools: ['x_get'],
          load: async () => {
            throw new Error('boom');
          },
        },
      ],
    });
    const logs = captureLogs();
    const client = await connectTestClient(await searchMode(broken, { preload: false, factory: { logLevel: 'silent' } }), { logger: logs.logger });
    const result = await client.callTool({ name: META_TOOLS.search, arguments: { query: 'x' } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)?.code).toBe('internal_error');
    expect(logs.text()).toContain('the module of toolset \\"x\\" failed to load: boom');
    await client.close();
  });

  it('a default rate limit applies per tool, never to call_tool as a whole', async () => {
    const limited = defineServer({ name: 'limited', version: '1.0.0', tools: [listIssues, getRepo], defaults: { rateLimit: { perSecond: 0.001, burst: 1 } } });
    const client = await connectTestClient(await searchMode(limited, { preload: false, factory: { logLevel: 'silent' } }));
    const call = (name: string) => client.callTool({ name: META_TOOLS.call, arguments: { name, arguments: { repo: 'a' } } });
    expect((await call('issues_list')).isError).toBeFalsy();
    expect((await call('repos_get')).isError).toBeFalsy();
    const again = await call('issues_list');
    expect(errorMeta(again)?.code).toBe('rate_limited');
    expect(text(again)).toMatch(/^Tool "issues_list" is rate limited/);
    await client.close();
  });
});

describe('choosing the mode', () => {
  it('TOOLWRIGHT_MODE and TOOLWRIGHT_PIN mirror --mode and --pin; an unknown mode is refused with the choices', () => {
    expect(modeFromEnv({})).toEqual({});
    expect(modeFromEnv({ TOOLWRIGHT_MODE: 'search', TOOLWRIGHT_PIN: 'default, issues' })).toEqual({ mode: 'search', pin: ['default', 'issues'] });
    expect(modeFromEnv({ TOOLWRIGHT_MODE: 'Tools' })).toEqual({ mode: 'tools' });
    expect(() => modeFromEnv({ TOOLWRIGHT_MODE: 'fast' })).toThrow(
      'TOOLWRIGHT_MODE="fast" is not a mode. Use "tools" (list the selected tools; the default) or "search" (search_tools, describe_tool and call_tool reach every operation).',
    );
    expect(parseMode('search')).toBe('search');
  });

  it('serve() refuses to start on an unknown mode, or on pins without search mode', async () => {
    const definition = defineServer({ name: 'plain', version: '1.0.0' });
    const options = { transport: 'http' as const, http: { port: 0 }, dotenv: false, handleSignals: false };
    await expect(serve(definition, { ...options, env: { TOOLWRIGHT_MODE: 'list' } })).rejects.toThrow(/TOOLWRIGHT_MODE="list" is not a mode/);
    await expect(serve(definition, { ...options, env: { TOOLWRIGHT_PIN: 'x' } })).rejects.toThrow(/--pin \(TOOLWRIGHT_PIN\) .* needs --mode search/);
    await expect(serve(definition, { ...options, env: {}, mode: 'search', pin: ['nope'] })).rejects.toThrow(/Unknown toolset or tool "nope"/);
  });
});

describe('call_tool fields', () => {
  const issues = defineTool({
    name: 'list_issues',
    description: 'List issues (test tool).',
    input: z.object({}),
    annotations: { readOnly: true },
    handler: () =>
      toolResult({
        content: [{ type: 'text', text: 'ignored' }],
        structuredContent: {
          items: [
            { number: 1, title: 'Bug', body: 'long text', head: { ref: 'main', sha: 'abc' } },
            { number: 2, title: 'Feature', body: 'more text', head: { ref: 'dev', sha: 'def' } },
          ],
          next_page: { page: 2 },
        },
      }),
  });

  it('keeps only the named fields (dotted paths reach nested ones) of each item, and the next-page hint', async () => {
    const client = await connectTestClient(await searchMode(defineServer({ name: 's', version: '1.0.0', tools: [issues] })));
    const result = await client.callTool({ name: 'call_tool', arguments: { name: 'list_issues', fields: ['number', 'head.ref', 'missing'] } });
    expect(structured(result)).toEqual({
      items: [
        { number: 1, head: { ref: 'main' } },
        { number: 2, head: { ref: 'dev' } },
      ],
      next_page: { page: 2 },
    });
    expect(text(result)).toBe(
      '[{"number":1,"head":{"ref":"main"}},{"number":2,"head":{"ref":"dev"}}]\n\nMore results: call again with page=2 and the same other arguments.',
    );
    const whole = await client.callTool({ name: 'call_tool', arguments: { name: 'list_issues' } });
    expect((structured(whole) as { items: unknown[] }).items[0]).toMatchObject({ body: 'long text' });
    await client.close();
  });
});

describe('call_tool fields and hostile paths', () => {
  it('a __proto__ path is a plain key of the result and never reaches Object.prototype', async () => {
    const tool = defineTool({
      name: 'get_thing',
      description: 'Get a thing (test tool).',
      input: z.object({}),
      annotations: { readOnly: true },
      handler: () => toolResult({ content: [{ type: 'text', text: '' }], structuredContent: JSON.parse('{"__proto__":{"polluted":true},"a":1}') }),
    });
    const client = await connectTestClient(await searchMode(defineServer({ name: 's', version: '1.0.0', tools: [tool] })));
    const result = await client.callTool({ name: 'call_tool', arguments: { name: 'get_thing', fields: ['__proto__.polluted', 'a'] } });
    expect(result.isError).toBeFalsy();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(text(result))).toMatchObject({ a: 1 });
    await client.close();
  });
});
