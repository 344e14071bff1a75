/**
 * Prompts through a real client: argument lists with required flags, the
 * shapes a prompt may return, JSON-RPC errors for bad arguments and unknown
 * names, and completion of prompt arguments.
 */

import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { connectTestClient, definePrompt, defineServer, NotFoundError, type TestClient } from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs } from './support.js';

const SECRET = 'ghp_fakeprompttoken0000';
const logs = captureLogs();
const LANGUAGES = Array.from({ length: 150 }, (_, i) => `lang${String(i).padStart(3, '0')}`);

const review = definePrompt({
  name: 'review_code',
  title: 'Review code',
  description: 'Review a change for bugs.',
  args: z.object({
    language: z.string().describe('Programming language'),
    focus: z.string().optional().describe('What to look at first'),
    style: z.string().default('terse'),
  }),
  get: ({ language, focus, style }) => `Review this ${language} change${focus ? `, focusing on ${focus}` : ''}, ${style}.`,
  complete: {
    language: (value) => ['typescript', 'python', 'go', 'rust'].filter((l) => l.startsWith(value)),
    focus: (value) => LANGUAGES.filter((l) => l.startsWith(value)),
  },
});

const conversation = definePrompt({
  name: 'conversation',
  get: () => [
    { role: 'user', content: { type: 'text', text: 'Hi' } },
    { role: 'assistant', content: { type: 'text', text: 'Hello! What shall we review?' } },
  ],
});

const full = definePrompt({
  name: 'full',
  description: 'Ignored: the result carries its own.',
  get: () => ({ description: 'Own description', messages: [{ role: 'user', content: { type: 'text', text: 'as is' } }] }),
});

const broken = definePrompt({
  name: 'broken',
  get: () => {
    throw new Error(`token ${SECRET} rejected by /opt/app/prompts.ts`);
  },
});

const missing = definePrompt({
  name: 'missing',
  args: z.object({ id: z.string() }),
  get: ({ id }) => {
    throw new NotFoundError(`No template ${id}. Call prompts/list.`);
  },
});

let client: TestClient;
beforeAll(async () => {
  client = await connectTestClient(defineServer({ name: 'prompts', version: '1.0.0', prompts: [review, conversation, full, broken, missing] }), {
    logger: logs.logger,
  });
});
afterAll(async () => {
  await client.close();
});

async function rpcError(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

describe('prompts/list', () => {
  it('lists arguments with descriptions and required flags', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts[0]).toEqual({
      name: 'review_code',
      title: 'Review code',
      description: 'Review a change for bugs.',
      arguments: [
        { name: 'language', description: 'Programming language', required: true },
        { name: 'focus', description: 'What to look at first', required: false },
        { name: 'style', required: false },
      ],
    });
    expect(prompts[1]).toEqual({ name: 'conversation' });
  });

  it('advertises prompts and completions only when there are some', async () => {
    expect(client.getServerCapabilities()).toMatchObject({ prompts: {}, completions: {} });
    const bare = await connectTestClient(defineServer({ name: 'bare', version: '1.0.0' }));
    expect(bare.getServerCapabilities()?.prompts).toBeUndefined();
    expect(bare.getServerCapabilities()?.completions).toBeUndefined();
    await bare.close();
  });
});

describe('prompts/get', () => {
  it('turns a string into one user message, with the prompt’s description and defaults applied', async () => {
    expect(await client.getPrompt({ name: 'review_code', arguments: { language: 'go' } })).toEqual({
      description: 'Review a change for bugs.',
      messages: [{ role: 'user', content: { type: 'text', text: 'Review this go change, terse.' } }],
    });
    const withFocus = await client.getPrompt({ name: 'review_code', arguments: { language: 'go', focus: 'errors', style: 'kind' } });
    expect(withFocus.messages[0]?.content).toEqual({ type: 'text', text: 'Review this go change, focusing on errors, kind.' });
  });

  it('sends a list of messages as they are', async () => {
    expect((await client.getPrompt({ name: 'conversation' })).messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Hi' } },
      { role: 'assistant', content: { type: 'text', text: 'Hello! What shall we review?' } },
    ]);
  });

  it('sends a full result as it is', async () => {
    expect(await client.getPrompt({ name: 'full' })).toEqual({
      description: 'Own description',
      messages: [{ role: 'user', content: { type: 'text', text: 'as is' } }],
    });
  });

  it('answers missing required arguments with -32602 naming them', async () => {
    const error = await rpcError(client.getPrompt({ name: 'review_code', arguments: { focus: 'errors' } }));
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('prompt review_code');
    expect(error.message).toMatch(/- language: .*\(received nothing\)/);
  });

  it('answers an unknown prompt with -32602 naming it', async () => {
    const error = await rpcError(client.getPrompt({ name: 'nope' }));
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('Unknown prompt "nope"');
  });

  it('sends a NotFoundError’s message as -32602', async () => {
    const error = await rpcError(client.getPrompt({ name: 'missing', arguments: { id: 't9' } }));
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('No template t9. Call prompts/list.');
  });

  it('hides an unexpected failure behind a reference id, and logs it', async () => {
    const error = await rpcError(client.getPrompt({ name: 'broken' }));
    expect(error.code).toBe(-32603);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('/opt/app');
    const reference = /reference ([0-9a-f-]{36})/.exec(error.message)?.[1];
    expect(logs.withMessage('prompt failed')).toEqual([expect.objectContaining({ prompt: 'broken', reference })]);
  });
});

describe('completion/complete for prompt arguments', () => {
  it('offers the completer’s values for the typed prefix', async () => {
    const result = await client.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'language', value: 'py' } });
    expect(result.completion).toEqual({ values: ['python'], total: 1, hasMore: false });
  });

  it('sends at most 100 values and says there are more', async () => {
    const result = await client.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'focus', value: 'lang' } });
    expect(result.completion.values).toHaveLength(100);
    expect(result.completion.values[0]).toBe('lang000');
    expect(result.completion).toMatchObject({ total: 150, hasMore: true });
  });

  it('offers nothing for an argument without a completer', async () => {
    const result = await client.complete({ ref: { type: 'ref/prompt', name: 'review_code' }, argument: { name: 'style', value: '' } });
    expect(result.completion).toEqual({ values: [], total: 0, hasMore: false });
  });

  it('answers an unknown prompt with -32602', async () => {
    const error = await rpcError(client.complete({ ref: { type: 'ref/prompt', name: 'nope' }, argument: { name: 'x', value: '' } }));
    expect(error.code).toBe(-32602);
  });
});
