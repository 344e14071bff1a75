/**
 * The error model as a client sees it: tool failures are `isError` results
 * with a message written for the model and a stable code in
 * `_meta['toolwright/error']`; protocol faults are JSON-RPC errors;
 * unexpected crashes reveal nothing but a reference id.
 */

import { McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  AuthenticationError,
  CancelledError,
  connectTestClient,
  defineServer,
  defineTool,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  type TestClient,
  TimeoutError,
  ToolError,
  UpstreamError,
  ValidationError,
} from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs, errorMeta, firstText } from './support.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const createIssue = defineTool({
  name: 'create_issue',
  description: 'Create an issue.',
  input: z.object({
    title: z.string().min(3),
    priority: z.enum(['low', 'high']),
    labels: z.array(z.string()).max(2).optional(),
    assignee: z.object({ login: z.string() }).optional(),
  }),
  handler: () => 'created',
});

describe('invalid arguments', () => {
  it('answer with an isError result naming each field, what was expected and what arrived', async () => {
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [createIssue] }));
    const result = await client.callTool({ name: 'create_issue', arguments: { title: 'ab', labels: ['a', 'b', 'c'], assignee: { login: 7 } } });
    expect(result.isError).toBe(true);
    expect(errorMeta(result)).toEqual({ code: 'invalid_arguments' });
    const text = firstText(result);
    expect(text).toContain('create_issue');
    const lines = text.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^- title: .*>=3 characters.*\(received the string "ab"\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^- priority: .*"low"\|"high".*\(received nothing\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^- labels: .*<=2 items.*\(received an array of 3\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^- assignee\.login: .*expected string.*\(received number 7\)$/));
  });

  it('do not reach the handler', async () => {
    let called = false;
    const tool = defineTool({
      name: 'strict',
      description: 'Needs a number.',
      input: z.object({ n: z.number() }),
      handler: () => {
        called = true;
        return 'ran';
      },
    });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'strict', arguments: { n: 'one' } });
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/- n: .*expected number.*\(received the string "one"\)/);
    expect(called).toBe(false);
  });

  it('are summarised after ten problems', async () => {
    const shape = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, z.string()]));
    const wide = defineTool({ name: 'wide', description: 'Many fields.', input: z.object(shape), handler: () => 'ok' });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [wide] }));
    const text = firstText(await client.callTool({ name: 'wide', arguments: {} }));
    expect(text.split('\n').filter((line) => line.startsWith('- f'))).toHaveLength(10);
    expect(text).toContain('and 2 more problems');
  });
});

describe('unknown tool', () => {
  it('is a JSON-RPC invalid-params error (-32602) that names the tool', async () => {
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [createIssue] }));
    const error = await client.callTool({ name: 'nope', arguments: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(-32602);
    expect((error as McpError).message).toContain('Unknown tool "nope"');
  });
});

describe('typed errors thrown by a handler', () => {
  it.each([
    ['ValidationError', () => new ValidationError('"since" must be before "until".'), { code: 'invalid_arguments' }],
    ['NotFoundError', () => new NotFoundError('No issue #7 in acme/app. List issues first.'), { code: 'not_found' }],
    ['PermissionError', () => new PermissionError('The token cannot write to acme/app.'), { code: 'permission_denied' }],
    ['AuthenticationError', () => new AuthenticationError('GITHUB_TOKEN is not set.'), { code: 'unauthenticated' }],
    ['RateLimitedError', () => new RateLimitedError('GitHub rate limit hit.', 41.2), { code: 'rate_limited', retryAfterSeconds: 42 }],
    ['UpstreamError', () => new UpstreamError('GitHub answered 502.', { status: 502 }), { code: 'upstream_error', status: 502 }],
    ['TimeoutError', () => new TimeoutError('GitHub did not answer in 5 s.', 5000), { code: 'timeout', timeoutMs: 5000 }],
    ['CancelledError', () => new CancelledError(), { code: 'cancelled' }],
    [
      'ToolError(conflict) with data',
      () => new ToolError('conflict', 'The branch moved; fetch it again.', { data: { head: 'abc123' } }),
      { code: 'conflict', head: 'abc123' },
    ],
  ])('%s becomes an isError result with its message and code', async (_name, make, meta) => {
    const error = make();
    const tool = defineTool({
      name: 'fails',
      description: 'Always fails.',
      input: z.object({}),
      handler: () => {
        throw error;
      },
    });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'fails', arguments: {} });
    expect(result).toEqual({ isError: true, content: [{ type: 'text', text: error.message }], _meta: { 'toolwright/error': meta } });
  });

  it('keeps its stable code even when its data has a "code" of its own', async () => {
    const tool = defineTool({
      name: 'upstream',
      description: 'Calls upstream.',
      input: z.object({}),
      handler: () => {
        throw new UpstreamError('The connection was reset; try again.', { data: { code: 'ECONNRESET' } });
      },
    });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'upstream', arguments: {} });
    expect(errorMeta(result)?.code).toBe('upstream_error');
  });

  it('never sends its cause', async () => {
    const tool = defineTool({
      name: 'wrapped',
      description: 'Wraps a low-level error.',
      input: z.object({}),
      handler: async () => {
        throw new NotFoundError('No such repository.', { cause: new Error('GET https://x-access-token:ghp_fake@api.example/repos 404') });
      },
    });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'wrapped', arguments: {} });
    expect(firstText(result)).toBe('No such repository.');
    expect(JSON.stringify(result)).not.toContain('ghp_fake');
  });
});

describe('unexpected failures', () => {
  const SECRET = 'sk_live_51Hfake0secret0value';
  const PATH = '/srv/app/internal/db/connection.ts';

  function crashingServer() {
    const crash = defineTool({
      name: 'crash',
      description: 'Crashes.',
      input: z.object({}),
      handler: async () => {
        throw new Error(`connect ECONNREFUSED using key ${SECRET} from ${PATH}:42`);
      },
    });
    const ok = defineTool({ name: 'ok', description: 'Works.', input: z.object({}), handler: () => 'still here' });
    return defineServer({ name: 'errors', version: '1.0.0', tools: [crash, ok] });
  }

  it('show the model a generic message with a reference id, and no secret, path or stack', async () => {
    client = await connectTestClient(crashingServer());
    const result = await client.callTool({ name: 'crash', arguments: {} });
    expect(result.isError).toBe(true);
    const meta = errorMeta(result);
    expect(meta).toEqual({ code: 'internal_error', reference: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(firstText(result)).toContain(`reference ${String(meta?.reference)}`);
    const wire = JSON.stringify(result);
    for (const leak of [SECRET, PATH, 'connection.ts', 'ECONNREFUSED', 'errors.test.ts', '    at ']) expect(wire).not.toContain(leak);
  });

  it('log the stack under the same reference id', async () => {
    const logs = captureLogs();
    client = await connectTestClient(crashingServer(), { logger: logs.logger });
    const result = await client.callTool({ name: 'crash', arguments: {} });
    const [line] = logs.withMessage('tool handler failed');
    expect(line).toMatchObject({ level: 'error', tool: 'crash', reference: errorMeta(result)?.reference });
    const err = line?.err as { message?: string; stack?: string } | undefined;
    expect(err?.message).toContain('ECONNREFUSED');
    expect(err?.stack).toContain('errors.test.ts');
  });

  it('leave the server answering', async () => {
    client = await connectTestClient(crashingServer());
    await client.callTool({ name: 'crash', arguments: {} });
    await client.callTool({ name: 'crash', arguments: {} });
    expect(firstText(await client.callTool({ name: 'ok', arguments: {} }))).toBe('still here');
  });

  it.each([
    [
      'a synchronous throw',
      () => {
        throw new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`);
      },
    ],
    [
      'a thrown string',
      () => {
        throw `failed with ${SECRET}`;
      },
    ],
    [
      'a thrown object',
      () => {
        throw { password: SECRET };
      },
    ],
  ])('are handled the same way for %s', async (_what, handler) => {
    const tool = defineTool({ name: 'odd', description: 'Fails oddly.', input: z.object({}), handler });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }));
    const result = await client.callTool({ name: 'odd', arguments: {} });
    expect(errorMeta(result)?.code).toBe('internal_error');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('output not matching the output schema', () => {
  it('is an internal error for the model, logged with the issues for the developer', async () => {
    const logs = captureLogs();
    const tool = defineTool({
      name: 'bad_output',
      description: 'Returns the wrong shape.',
      input: z.object({}),
      output: z.object({ count: z.number() }),
      handler: () => ({ count: 'many' }) as unknown as { count: number },
    });
    client = await connectTestClient(defineServer({ name: 'errors', version: '1.0.0', tools: [tool] }), { logger: logs.logger });
    await client.listTools();
    const result = await client.callTool({ name: 'bad_output', arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const meta = errorMeta(result);
    expect(meta?.code).toBe('internal_error');
    expect(firstText(result)).toContain('output schema');
    expect(JSON.stringify(result)).not.toContain('many');
    const [line] = logs.withMessage('tool result does not match its output schema');
    expect(line).toMatchObject({ tool: 'bad_output', reference: meta?.reference });
    expect(JSON.stringify(line?.issues)).toContain('count');
  });
});
