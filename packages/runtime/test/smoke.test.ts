import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectTestClient, defineServer, defineTool } from '@toolwright/runtime';

describe('smoke', () => {
  it('calls a tool in memory', async () => {
    const add = defineTool({
      name: 'add',
      description: 'Add two numbers.',
      input: z.object({ a: z.number(), b: z.number() }),
      output: z.object({ sum: z.number() }),
      handler: ({ a, b }) => ({ sum: a + b }),
    });
    const client = await connectTestClient(defineServer({ name: 'smoke', version: '1.0.0', tools: [add] }));
    const result = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    expect(result.structuredContent).toEqual({ sum: 3 });
    await client.close();
  });
});
