/**
 * tokenBudget: the build fails when the default surface's tools/list costs more tokens than the config allows,
 * and the count agrees with what a live server sends (tokens.ts mirrors the runtime's descriptors).
 */
import { fileURLToPath } from 'node:url';
import { connectTestClient, defineServer, defineTool } from '@toolwright/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateConfig } from '../src/config.js';
import { validateOpenApiConfig } from '../src/frontends/openapi/config.js';
import { readOpenApi } from '../src/frontends/openapi/index.js';
import { checkTokenBudget, defaultSurface, TOKEN_BUDGET_EXCEEDED } from '../src/lint/budget.js';
import { countTokens, countToolListTokens } from '../src/tokens.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const op = (summary: string, tag: string) => ({ summary, tags: [tag], responses: { '200': { description: 'OK' } } });
const spec = {
  openapi: '3.0.3',
  info: { title: 'T', version: '1' },
  servers: [{ url: 'https://api.example' }],
  paths: {
    '/issues': { get: { operationId: 'issues/list', ...op('List issues of the signed-in user, newest first.', 'issues') } },
    '/issues/{id}': {
      get: {
        operationId: 'issues/get',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        ...op('Get one issue.', 'issues'),
      },
    },
    '/users': { get: { operationId: 'users/list', ...op('List every user of the instance, with a very long description that costs tokens.', 'users') } },
  },
};

async function server() {
  const read = await readOpenApi({
    spec,
    root: PACKAGE,
    config: {
      name: 't',
      version: '1.0.0',
      toolsets: {
        issues: { description: 'Issues.', default: true, operations: ['issues/list', 'issues/get'] },
        users: { description: 'Users.', operations: ['users/list'] },
      },
    },
  });
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return read.server;
}

describe('checkTokenBudget', () => {
  it('counts only the default surface, and is quiet within the budget', async () => {
    const ir = await server();
    expect(defaultSurface(ir).map((t) => t.name)).toEqual(['issues_list', 'issues_get']);
    const tokens = countToolListTokens(defaultSurface(ir));
    expect(checkTokenBudget(ir, tokens)).toEqual([]);
    expect(checkTokenBudget(ir, undefined)).toEqual([]);
  });

  it('over the budget: an error with the total, the budget, the largest tools and what to do', async () => {
    const ir = await server();
    const tokens = countToolListTokens(defaultSurface(ir));
    const [error, ...rest] = checkTokenBudget(ir, tokens - 1, { file: 'toolwright.config.ts' });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: TOKEN_BUDGET_EXCEEDED, severity: 'error', file: 'toolwright.config.ts' });
    expect(error!.message).toBe(
      `tools/list of the default surface (2 tools) costs ${tokens} tokens (o200k), over the tokenBudget of ${tokens - 1}. Largest: ${error!.message.split('Largest: ')[1]}`,
    );
    expect(error!.message).toMatch(/Largest: issues_(list|get) \(\d+\), issues_(list|get) \(\d+\)\.$/);
    expect(error!.hint).toMatch(/toolwright tokens/);
  });

  it('agrees with what a running server sends in tools/list', async () => {
    const tool = defineTool({
      name: 'get_user',
      title: 'Get user',
      description: 'Get a user by login.',
      input: z.strictObject({ login: z.string().describe('The login.') }),
      inputJsonSchema: {
        type: 'object',
        properties: { login: { type: 'string', description: 'The login.' } },
        required: ['login'],
        additionalProperties: false,
      },
      annotations: { readOnly: true },
      handler: () => ({}),
    });
    const client = await connectTestClient(defineServer({ name: 's', version: '1.0.0', tools: [tool] }));
    const live = countTokens(JSON.stringify(await client.listTools()));
    await client.close();
    const ir = {
      name: 'get_user',
      title: 'Get user',
      description: 'Get a user by login.',
      input: { type: 'object', properties: { login: { type: 'string', description: 'The login.' } }, required: ['login'] },
      annotations: { readOnly: true },
      binding: { kind: 'function' },
    } as unknown as Parameters<typeof countToolListTokens>[0][number];
    expect(countToolListTokens([ir])).toBe(live);
  });
});

describe('tokenBudget in a config', () => {
  it('must be a positive whole number', () => {
    expect(validateConfig({ name: 'a', version: '1.0.0', tokenBudget: 0 })).toContain(
      '"tokenBudget" must be a positive whole number of tokens when set (got 0).',
    );
    expect(validateOpenApiConfig({ spec: 'a.json', name: 'a', version: '1.0.0', tokenBudget: '8k' })).toContain(
      '"tokenBudget" must be a positive whole number of tokens when set (got "8k").',
    );
    expect(validateConfig({ name: 'a', version: '1.0.0', tokenBudget: 8000 })).toEqual([]);
  });
});
