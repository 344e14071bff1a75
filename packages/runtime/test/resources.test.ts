/**
 * Resources through a real client: listing, reading text and binary content,
 * URI templates with variables and completions, and the JSON-RPC errors a
 * client gets for unknown URIs and failing reads.
 */

import { McpError, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import {
  connectTestClient,
  createServerFactory,
  defineResource,
  defineResourceTemplate,
  defineServer,
  defineTool,
  NotFoundError,
  type TestClient,
} from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { captureLogs } from './support.js';

const SECRET = 'pg_fake_password_9d8c7b';
const logs = captureLogs();
const bytes = new Uint8Array([0, 1, 2, 250, 255]);

const definition = defineServer({
  name: 'resources',
  version: '1.0.0',
  resources: [
    defineResource({
      uri: 'docs://readme',
      name: 'readme',
      title: 'Read me',
      description: 'How to use this server.',
      mimeType: 'text/markdown',
      read: () => '# Hello',
    }),
    defineResource({ uri: 'files://logo.png', name: 'logo', mimeType: 'image/png', read: () => bytes }),
    defineResource({ uri: 'files://blob.bin', name: 'blob', read: () => ({ blob: 'AAEC', mimeType: 'application/octet-stream' }) }),
    defineResource({ uri: 'config://json', name: 'config', read: () => ({ text: '{"a":1}', mimeType: 'application/json' }) }),
    defineResource({
      uri: 'multi://both',
      name: 'both',
      read: () => ({
        contents: [
          { uri: 'multi://both#1', text: 'one' },
          { uri: 'multi://both#2', text: 'two' },
        ],
      }),
    }),
    defineResource({
      uri: 'db://broken',
      name: 'broken',
      read: () => {
        throw new Error(`password authentication failed for "${SECRET}" at /srv/app/db.ts:12`);
      },
    }),
    defineResource({
      uri: 'db://gone',
      name: 'gone',
      read: () => {
        throw new NotFoundError('The report was deleted. List reports again.');
      },
    }),
  ],
});

const templated = defineServer({
  name: 'resources',
  version: '1.0.0',
  resources: [
    defineResourceTemplate({
      uriTemplate: 'repo://{owner}/{repo}/issues/{number}',
      name: 'issue',
      description: 'One issue.',
      mimeType: 'application/json',
      read: (uri, variables) => JSON.stringify({ uri, ...variables }),
      complete: {
        owner: (value) => ['acme', 'apache', 'zeta'].filter((owner) => owner.startsWith(value)),
      },
    }),
  ],
});

let client: TestClient;
let templateClient: TestClient;
beforeAll(async () => {
  client = await connectTestClient(definition, { logger: logs.logger });
  templateClient = await connectTestClient(templated);
});
afterAll(async () => {
  await client.close();
  await templateClient.close();
});

async function rpcError(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

describe('resources/list', () => {
  it('lists fixed resources with their metadata', async () => {
    const { resources } = await client.listResources();
    expect(resources[0]).toEqual({ uri: 'docs://readme', name: 'readme', title: 'Read me', description: 'How to use this server.', mimeType: 'text/markdown' });
    expect(resources.map((r) => r.uri)).toEqual([
      'docs://readme',
      'files://logo.png',
      'files://blob.bin',
      'config://json',
      'multi://both',
      'db://broken',
      'db://gone',
    ]);
  });

  it('lists templates separately', async () => {
    expect(await templateClient.listResourceTemplates()).toEqual({
      resourceTemplates: [{ uriTemplate: 'repo://{owner}/{repo}/issues/{number}', name: 'issue', description: 'One issue.', mimeType: 'application/json' }],
    });
    expect(await templateClient.listResources()).toEqual({ resources: [] });
  });

  it('advertises the resources capability only when there are resources', async () => {
    expect(client.getServerCapabilities()?.resources).toBeDefined();
    const bare = await connectTestClient(defineServer({ name: 'bare', version: '1.0.0' }));
    expect(bare.getServerCapabilities()?.resources).toBeUndefined();
    await expect(bare.listResources()).rejects.toThrow();
    await bare.close();
  });
});

describe('resources/read', () => {
  it('returns a string as text with the declared mime type', async () => {
    expect(await client.readResource({ uri: 'docs://readme' })).toEqual({ contents: [{ uri: 'docs://readme', mimeType: 'text/markdown', text: '# Hello' }] });
  });

  it('returns bytes as a base64 blob', async () => {
    const { contents } = await client.readResource({ uri: 'files://logo.png' });
    expect(contents).toEqual([{ uri: 'files://logo.png', mimeType: 'image/png', blob: Buffer.from(bytes).toString('base64') }]);
    const blob = (contents[0] as { blob: string }).blob;
    expect(new Uint8Array(Buffer.from(blob, 'base64'))).toEqual(bytes);
  });

  it('passes a base64 string blob and a per-read mime type through', async () => {
    expect((await client.readResource({ uri: 'files://blob.bin' })).contents).toEqual([
      { uri: 'files://blob.bin', mimeType: 'application/octet-stream', blob: 'AAEC' },
    ]);
    expect((await client.readResource({ uri: 'config://json' })).contents).toEqual([{ uri: 'config://json', mimeType: 'application/json', text: '{"a":1}' }]);
  });

  it('passes full contents through unchanged', async () => {
    expect((await client.readResource({ uri: 'multi://both' })).contents).toEqual([
      { uri: 'multi://both#1', text: 'one' },
      { uri: 'multi://both#2', text: 'two' },
    ]);
  });

  it('fills a URI template’s variables', async () => {
    const uri = 'repo://acme/app/issues/42';
    const { contents } = await templateClient.readResource({ uri });
    expect(contents).toEqual([{ uri, mimeType: 'application/json', text: expect.any(String) }]);
    expect(JSON.parse((contents[0] as { text: string }).text)).toEqual({ uri, owner: 'acme', repo: 'app', number: '42' });
  });

  it('answers an unknown URI with JSON-RPC error -32002 naming it', async () => {
    const error = await rpcError(client.readResource({ uri: 'docs://missing' }));
    expect(error.code).toBe(-32002);
    expect(error.message).toContain('docs://missing');
    const templateMiss = await rpcError(templateClient.readResource({ uri: 'repo://acme/app/pulls/1' }));
    expect(templateMiss.code).toBe(-32002);
  });

  it('answers a NotFoundError from a read with -32002 and its message', async () => {
    const error = await rpcError(client.readResource({ uri: 'db://gone' }));
    expect(error.code).toBe(-32002);
    expect(error.message).toContain('The report was deleted. List reports again.');
  });

  it('hides an unexpected read failure behind a reference id, and logs it', async () => {
    const error = await rpcError(client.readResource({ uri: 'db://broken' }));
    expect(error.code).toBe(-32603);
    const wire = JSON.stringify({ message: error.message, data: error.data });
    expect(wire).not.toContain(SECRET);
    expect(wire).not.toContain('/srv/app');
    const reference = /reference ([0-9a-f-]{36})/.exec(error.message)?.[1];
    expect(reference).toBeDefined();
    const [line] = logs.withMessage('resource read failed');
    expect(line).toMatchObject({ uri: 'db://broken', reference });
    expect((line?.err as { stack?: string } | undefined)?.stack).toContain('resources.test.ts');
  });
});

describe('subscriptions and completions', () => {
  it('accepts subscribe and unsubscribe', async () => {
    await expect(client.subscribeResource({ uri: 'docs://readme' })).resolves.toEqual({});
    await expect(client.unsubscribeResource({ uri: 'docs://readme' })).resolves.toEqual({});
  });

  it('notifies subscribed clients, and only them, when a tool says a resource changed', async () => {
    const notes = { text: 'v1' };
    const server = defineServer({
      name: 'watched',
      version: '1.0.0',
      resources: [defineResource({ uri: 'notes://today', name: 'today', read: () => notes.text })],
      tools: [
        defineTool({
          name: 'edit_notes',
          description: "Replace today's notes.",
          input: z.object({ text: z.string() }),
          handler: async ({ text }, context) => {
            notes.text = text;
            await context.notifyResourceUpdated('notes://today');
            return 'saved';
          },
        }),
      ],
    });
    const factory = createServerFactory(server, { logger: logs.logger });
    const [watcher, other] = [await connectTestClient(factory), await connectTestClient(factory)];
    const seen: { watcher: string[]; other: string[] } = { watcher: [], other: [] };
    watcher.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void seen.watcher.push(n.params.uri));
    other.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void seen.other.push(n.params.uri));
    await watcher.subscribeResource({ uri: 'notes://today' });
    await other.callTool({ name: 'edit_notes', arguments: { text: 'v2' } });
    await vi.waitFor(() => expect(seen.watcher).toEqual(['notes://today']));
    expect(seen.other).toEqual([]);
    await watcher.unsubscribeResource({ uri: 'notes://today' });
    await factory.notifyResourceUpdated('notes://today');
    expect(seen.watcher).toEqual(['notes://today']);
    await watcher.close();
    await other.close();
  });

  it('completes a template variable', async () => {
    const result = await templateClient.complete({
      ref: { type: 'ref/resource', uri: 'repo://{owner}/{repo}/issues/{number}' },
      argument: { name: 'owner', value: 'a' },
    });
    expect(result.completion).toEqual({ values: ['acme', 'apache'], total: 2, hasMore: false });
  });

  it('completes a variable without a completer to nothing', async () => {
    const result = await templateClient.complete({
      ref: { type: 'ref/resource', uri: 'repo://{owner}/{repo}/issues/{number}' },
      argument: { name: 'repo', value: 'x' },
    });
    expect(result.completion).toEqual({ values: [], total: 0, hasMore: false });
  });

  it('answers completion for an unknown template with -32602', async () => {
    const error = await rpcError(templateClient.complete({ ref: { type: 'ref/resource', uri: 'nope://{x}' }, argument: { name: 'x', value: '' } }));
    expect(error.code).toBe(-32602);
  });
});
