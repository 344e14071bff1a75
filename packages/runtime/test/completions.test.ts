/**
 * When a server offers `completion/complete`: wherever a client has something
 * to complete (a prompt argument, a resource template variable), whether or
 * not a completer was written for it. Without a completer the answer is an
 * empty list, not "method not found" — code-first servers (typed functions)
 * have no completers, and the MCP conformance suite asks them anyway.
 */
import { connectTestClient, definePrompt, defineResource, defineResourceTemplate, defineServer, type TestClient } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

const greet = definePrompt({ name: 'greet', args: z.object({ name: z.string(), tone: z.string().optional() }), get: ({ name }) => `Greet ${name}.` });
const plain = definePrompt({ name: 'plain', get: () => 'No arguments.' });
const issue = defineResourceTemplate({ uriTemplate: 'repo://{owner}/issues/{number}', name: 'issue', read: (_uri, { number }) => `Issue ${number}` });
const readme = defineResource({ uri: 'docs://readme', name: 'readme', read: () => '# Hello' });

const clients: TestClient[] = [];
async function connect(input: Parameters<typeof defineServer>[0]): Promise<TestClient> {
  const client = await connectTestClient(defineServer(input));
  clients.push(client);
  return client;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

describe('completion/complete without completers', () => {
  it('is advertised for a prompt with arguments and completes each argument to nothing', async () => {
    const client = await connect({ name: 'prompts-only', version: '1.0.0', prompts: [greet, plain] });
    expect(client.getServerCapabilities()?.completions).toEqual({});
    const result = await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'Al' } });
    expect(result.completion).toEqual({ values: [], total: 0, hasMore: false });
  });

  it('is advertised for a resource template and completes its variables to nothing', async () => {
    const client = await connect({ name: 'templates-only', version: '1.0.0', resources: [issue] });
    expect(client.getServerCapabilities()?.completions).toEqual({});
    const result = await client.complete({ ref: { type: 'ref/resource', uri: 'repo://{owner}/issues/{number}' }, argument: { name: 'owner', value: 'a' } });
    expect(result.completion).toEqual({ values: [], total: 0, hasMore: false });
  });

  it('still rejects a prompt the server does not have with -32602', async () => {
    const client = await connect({ name: 'prompts-only', version: '1.0.0', prompts: [greet] });
    await expect(client.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'x', value: '' } })).rejects.toMatchObject({ code: -32602 });
  });

  it('is not advertised when nothing takes an argument: argument-less prompts and fixed resources', async () => {
    const client = await connect({ name: 'nothing-to-complete', version: '1.0.0', prompts: [plain], resources: [readme] });
    expect(client.getServerCapabilities()?.completions).toBeUndefined();
    await expect(client.complete({ ref: { type: 'ref/prompt', name: 'plain' }, argument: { name: 'x', value: '' } })).rejects.toMatchObject({
      code: -32601,
    });
  });
});
