import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, connectTestClient, createServerFactory, defineServer, defineTool, selectionFromEnv, selectTools } from '../src/index.js';

const tool = (name: string, readOnly: boolean) =>
  defineTool({ name, description: `The ${name} tool, for tests.`, input: z.object({}), annotations: { readOnly }, handler: () => name });

const server = defineServer({
  name: 'api',
  version: '1.0.0',
  tools: [tool('issues_list', true), tool('issues_create', false), tool('repos_get', true), tool('repos_delete', false), tool('users_get', true)],
  toolsets: [
    { name: 'issues', description: 'Issues.', default: true, tools: ['issues_list', 'issues_create'] },
    { name: 'repos', description: 'Repositories.', default: true, tools: ['repos_get', 'repos_delete'] },
    { name: 'users', description: 'Users.', tools: ['users_get'] },
  ],
});
const names = async (selection: Parameters<typeof selectTools>[1]) => (await selectTools(server, selection)).tools.map((t) => t.name);

describe('selectTools', () => {
  it('offers the default toolsets when none is named', async () => {
    expect(await names({})).toEqual(['issues_list', 'issues_create', 'repos_get', 'repos_delete']);
  });

  it('offers the named toolsets, "all", and single tools alone or added', async () => {
    expect(await names({ toolsets: ['users'] })).toEqual(['users_get']);
    expect(await names({ toolsets: ['all'] })).toHaveLength(5);
    expect(await names({ tools: ['users_get'] })).toEqual(['users_get']);
    expect(await names({ toolsets: ['issues'], tools: ['users_get'] })).toEqual(['issues_list', 'issues_create', 'users_get']);
  });

  it('read-only keeps only tools annotated read-only', async () => {
    expect(await names({ readOnly: true })).toEqual(['issues_list', 'repos_get']);
    expect(await names({ toolsets: ['all'], readOnly: true })).toEqual(['issues_list', 'repos_get', 'users_get']);
    expect((await selectTools(server, { readOnly: true })).toolsets.find((t) => t.name === 'issues')?.tools).toEqual(['issues_list']);
  });

  it('an unknown toolset or tool is a start-up error that lists or suggests the right names', async () => {
    await expect(selectTools(server, { toolsets: ['isues'] })).rejects.toThrow(ConfigurationError);
    await expect(selectTools(server, { toolsets: ['isues'] })).rejects.toThrow(
      'Unknown toolset "isues" for server "api". Toolsets: all, issues, repos, users.',
    );
    await expect(selectTools(server, { tools: ['issue_list'] })).rejects.toThrow(/Unknown tool "issue_list".*Did you mean "issues_list"\?/);
  });

  it('a server without toolsets offers everything, and refuses named toolsets', async () => {
    const plain = defineServer({ name: 'plain', version: '1.0.0', tools: [tool('a', true), tool('b', false)] });
    expect((await selectTools(plain, {})).tools.map((t) => t.name)).toEqual(['a', 'b']);
    expect((await selectTools(plain, { toolsets: ['all'] })).tools).toHaveLength(2);
    await expect(selectTools(plain, { toolsets: ['x'] })).rejects.toThrow(/has no toolsets/);
  });
});

describe('toolsets loaded on demand', () => {
  const loads: string[] = [];
  const lazy = (name: string, tools: ReturnType<typeof tool>[], extra: Partial<{ default: boolean }> = {}) => ({
    name,
    description: `${name}.`,
    tools: tools.map((t) => t.name),
    load: async () => {
      loads.push(name);
      return tools;
    },
    ...extra,
  });
  const big = () =>
    defineServer({
      name: 'big',
      version: '1.0.0',
      tools: [tool('meta_get', true)],
      toolsets: [
        { name: 'meta', description: 'Meta.', default: true, tools: ['meta_get'] },
        lazy('issues', [tool('issues_list', true), tool('issues_create', false)], { default: true }),
        lazy('repos', [tool('repos_get', true), tool('repos_delete', false)]),
      ],
    });

  it('loads only the modules a selection needs, and each once', async () => {
    loads.length = 0;
    const server = big();
    expect((await selectTools(server, {})).tools.map((t) => t.name)).toEqual(['meta_get', 'issues_list', 'issues_create']);
    expect(loads).toEqual(['issues']);
    loads.length = 0;
    expect((await selectTools(server, { tools: ['repos_get'] })).tools.map((t) => t.name)).toEqual(['repos_get']);
    expect(loads).toEqual(['repos']);
    loads.length = 0;
    const all = await selectTools(server, { toolsets: ['all'], readOnly: true });
    expect(all.tools.map((t) => t.name)).toEqual(['meta_get', 'issues_list', 'repos_get']);
    expect(loads.sort()).toEqual(['issues', 'repos']);
    // The selected definition is complete: no loader left, members cut to what is offered.
    expect(all.toolsets.every((t) => !('load' in t))).toBe(true);
    expect(all.toolsets.find((t) => t.name === 'repos')?.tools).toEqual(['repos_get']);
  });

  it('knows the names of tools not yet loaded: suggestions, duplicates and missing names', async () => {
    await expect(selectTools(big(), { tools: ['repo_get'] })).rejects.toThrow(/Did you mean "repos_get"\?/);
    expect(() =>
      defineServer({ name: 's', version: '1.0.0', tools: [tool('issues_list', true)], toolsets: [lazy('issues', [tool('issues_list', true)])] }),
    ).toThrow('Duplicate tool "issues_list"');
    expect(() =>
      defineServer({ name: 's', version: '1.0.0', toolsets: [lazy('issues', [tool('a', true)]), { name: 'pick', description: 'P.', tools: ['b'] }] }),
    ).toThrow('toolset "pick" names tools that do not exist: b.');
  });

  it('a module that does not define what its toolset declares, or fails to load, is a clear start-up error', async () => {
    const wrong = defineServer({
      name: 's',
      version: '1.0.0',
      toolsets: [
        { name: 'issues', description: 'I.', tools: ['issues_list', 'issues_get'], load: async () => [tool('issues_list', true), tool('issues_close', false)] },
      ],
    });
    await expect(selectTools(wrong, { toolsets: ['issues'] })).rejects.toThrow(
      'the module of toolset "issues" does not match its declaration; missing: issues_get; not declared: issues_close. Regenerate the server',
    );
    const broken = defineServer({
      name: 's',
      version: '1.0.0',
      toolsets: [{ name: 'issues', description: 'I.', tools: ['a'], load: () => Promise.reject(new Error('Cannot find module ./toolsets/issues.gen.js')) }],
    });
    await expect(selectTools(broken, {})).rejects.toThrow('the module of toolset "issues" failed to load: Cannot find module ./toolsets/issues.gen.js');
  });

  it('a server factory refuses a definition whose tools are not loaded yet; connectTestClient loads them', async () => {
    expect(() => createServerFactory(big())).toThrow(/loads its toolsets on demand: pass it through `await selectTools/);
    const client = await connectTestClient(big());
    expect((await client.listTools()).tools).toHaveLength(5);
    await client.close();
    const readOnly = await connectTestClient(big(), { select: { readOnly: true } });
    expect((await readOnly.listTools()).tools.map((t) => t.name)).toEqual(['meta_get', 'issues_list']);
    await readOnly.close();
  });
});

describe('defineServer toolsets', () => {
  it('refuses a toolset naming a missing tool, a duplicate, and the reserved name "all"', () => {
    const tools = [tool('a', true)];
    expect(() => defineServer({ name: 's', version: '1.0.0', tools, toolsets: [{ name: 't', description: 'T.', tools: ['b'] }] })).toThrow(
      'toolset "t" names tools that do not exist: b.',
    );
    expect(() =>
      defineServer({
        name: 's',
        version: '1.0.0',
        tools,
        toolsets: [
          { name: 't', description: 'T.', tools: ['a'] },
          { name: 't', description: 'T.', tools: ['a'] },
        ],
      }),
    ).toThrow(ConfigurationError);
    expect(() => defineServer({ name: 's', version: '1.0.0', tools, toolsets: [{ name: 'all', description: 'A.', tools: ['a'] }] })).toThrow(/reserved/);
  });
});

describe('selectionFromEnv', () => {
  it('reads comma lists and the read-only flag; rejects a bad flag', () => {
    expect(selectionFromEnv({ TOOLWRIGHT_TOOLSETS: 'issues, repos', TOOLWRIGHT_TOOLS: 'users_get', TOOLWRIGHT_READ_ONLY: 'true' })).toEqual({
      toolsets: ['issues', 'repos'],
      tools: ['users_get'],
      readOnly: true,
    });
    expect(selectionFromEnv({})).toEqual({});
    expect(() => selectionFromEnv({ TOOLWRIGHT_READ_ONLY: 'maybe' })).toThrow('TOOLWRIGHT_READ_ONLY="maybe" must be true or false.');
  });
});
