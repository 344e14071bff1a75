import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, defineServer, defineTool, selectionFromEnv, selectTools } from '../src/index.js';

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
const names = (selection: Parameters<typeof selectTools>[1]) => selectTools(server, selection).tools.map((t) => t.name);

describe('selectTools', () => {
  it('offers the default toolsets when none is named', () => {
    expect(names({})).toEqual(['issues_list', 'issues_create', 'repos_get', 'repos_delete']);
  });

  it('offers the named toolsets, "all", and single tools alone or added', () => {
    expect(names({ toolsets: ['users'] })).toEqual(['users_get']);
    expect(names({ toolsets: ['all'] })).toHaveLength(5);
    expect(names({ tools: ['users_get'] })).toEqual(['users_get']);
    expect(names({ toolsets: ['issues'], tools: ['users_get'] })).toEqual(['issues_list', 'issues_create', 'users_get']);
  });

  it('read-only keeps only tools annotated read-only', () => {
    expect(names({ readOnly: true })).toEqual(['issues_list', 'repos_get']);
    expect(names({ toolsets: ['all'], readOnly: true })).toEqual(['issues_list', 'repos_get', 'users_get']);
    expect(selectTools(server, { readOnly: true }).toolsets.find((t) => t.name === 'issues')?.tools).toEqual(['issues_list']);
  });

  it('an unknown toolset or tool is a start-up error that lists or suggests the right names', () => {
    expect(() => selectTools(server, { toolsets: ['isues'] })).toThrow(ConfigurationError);
    expect(() => selectTools(server, { toolsets: ['isues'] })).toThrow('Unknown toolset "isues" for server "api". Toolsets: all, issues, repos, users.');
    expect(() => selectTools(server, { tools: ['issue_list'] })).toThrow(/Unknown tool "issue_list".*Did you mean "issues_list"\?/);
  });

  it('a server without toolsets offers everything, and refuses named toolsets', () => {
    const plain = defineServer({ name: 'plain', version: '1.0.0', tools: [tool('a', true), tool('b', false)] });
    expect(selectTools(plain, {}).tools.map((t) => t.name)).toEqual(['a', 'b']);
    expect(selectTools(plain, { toolsets: ['all'] }).tools).toHaveLength(2);
    expect(() => selectTools(plain, { toolsets: ['x'] })).toThrow(/has no toolsets/);
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
