/**
 * Argument tolerance: stringified objects, arrays, numbers and booleans are
 * accepted where the schema expects the value (real clients send them), and
 * anything else still fails with a message naming the field, what was
 * expected and what arrived. Through a real SDK client.
 */
import { connectTestClient, defineServer, defineTool, type TestClient } from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repair } from '../src/tolerance.js';
import { firstText } from './support.js';

const seen: unknown[] = [];
const echo = defineTool({
  name: 'create_issue',
  description: 'Create an issue (test tool that echoes its parsed arguments).',
  input: z.strictObject({
    title: z.string(),
    per_page: z.int().min(1).max(100).optional(),
    ratio: z.number().nullable().optional(),
    draft: z.boolean().optional(),
    labels: z.array(z.string()).optional(),
    assignee: z.strictObject({ login: z.string(), id: z.int() }).optional(),
    either: z.union([z.int(), z.array(z.int())]).optional(),
  }),
  handler: (args) => {
    seen.push(args);
    return args;
  },
});

let client: TestClient;
beforeAll(async () => {
  client = await connectTestClient(defineServer({ name: 'tolerance', version: '1.0.0', tools: [echo] }));
});
afterAll(() => client.close());

async function call(args: Record<string, unknown>) {
  seen.length = 0;
  const result = await client.callTool({ name: 'create_issue', arguments: args });
  return { result, parsed: seen[0], text: firstText(result) };
}

describe('stringified values are accepted where the schema expects the value', () => {
  it('numbers, integers, nullable numbers and booleans sent as strings', async () => {
    const { result, parsed } = await call({ title: 'x', per_page: '50', ratio: ' -1.5e1 ', draft: 'TRUE' });
    expect(result.isError).toBeFalsy();
    expect(parsed).toEqual({ title: 'x', per_page: 50, ratio: -15, draft: true });
  });

  it('arrays and objects sent as JSON strings, and values inside them sent as strings in turn', async () => {
    const { result, parsed } = await call({ title: 'x', labels: '["bug","p1"]', assignee: '{"login":"octocat","id":"42"}' });
    expect(result.isError).toBeFalsy();
    expect(parsed).toEqual({ title: 'x', labels: ['bug', 'p1'], assignee: { login: 'octocat', id: 42 } });
  });

  it('a union takes the branch the string spells', async () => {
    expect((await call({ title: 'x', either: '[1,2]' })).parsed).toEqual({ title: 'x', either: [1, 2] });
    expect((await call({ title: 'x', either: '7' })).parsed).toEqual({ title: 'x', either: 7 });
    expect((await call({ title: 'x', either: '[1,2' })).result.isError).toBe(true);
  });

  it('a string where a string is expected is never converted', async () => {
    expect((await call({ title: '42' })).parsed).toEqual({ title: '42' });
  });
});

describe('anything else still fails, naming the field, what was expected and what arrived', () => {
  it.each([
    ['an empty string for a number', { per_page: '' }, /- per_page: Invalid input: expected number, received string \(received the string ""\)/],
    ['hex and thousands separators', { per_page: '0x1f' }, /- per_page: .*expected number.*received the string "0x1f"/],
    ['a word for a boolean', { draft: 'yes' }, /- draft: .*expected boolean.*received the string "yes"/],
    ['broken JSON for an array', { labels: '["bug"' }, /- labels: .*expected array.*received the string "\[\\"bug\\""/],
    ['a JSON object where an array is expected', { labels: '{"a":1}' }, /- labels: .*expected array/],
    ['a repaired value that breaks a constraint', { per_page: '500' }, /- per_page: Too big: expected number to be <=100 \(received number 500\)/],
    ['a bad field inside a JSON string', { assignee: '{"login":"octocat","id":"forty"}' }, /- assignee\.id: .*expected number.*received the string "forty"/],
  ])('%s', async (_what, args, message) => {
    const { result, parsed, text } = await call({ title: 'x', ...args });
    expect(result.isError).toBe(true);
    expect(parsed).toBeUndefined();
    expect(text).toMatch(/^Invalid arguments for create_issue:/);
    expect(text).toMatch(message);
  });

  it('unknown keys are still refused (a strict schema), even a __proto__ key inside a JSON string', async () => {
    const { result, text } = await call({ title: 'x', assignee: '{"login":"a","id":1,"__proto__":{"admin":true}}' });
    expect(result.isError).toBe(true);
    expect(text).toMatch(/assignee: Unrecognized key: "__proto__"/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('schemas with async refinements', () => {
  // Arguments are parsed synchronously, and asynchronously only when the schema needs it.
  const reserved = defineTool({
    name: 'claim_name',
    description: 'Claims a name unless it is taken (test tool with an async refinement).',
    input: z.strictObject({
      name: z.string().refine(async (name) => name !== 'taken', { message: 'that name is taken' }),
      count: z.int().optional(),
    }),
    handler: (args) => args,
  });
  let asyncClient: TestClient;
  beforeAll(async () => {
    asyncClient = await connectTestClient(defineServer({ name: 'async-refine', version: '1.0.0', tools: [reserved] }));
  });
  afterAll(() => asyncClient.close());

  it("pass, fail with the refinement's message, and still get stringified values repaired", async () => {
    const ok = await asyncClient.callTool({ name: 'claim_name', arguments: { name: 'free', count: '3' } });
    expect(ok.isError).toBeFalsy();
    expect(JSON.parse(firstText(ok))).toEqual({ name: 'free', count: 3 });
    const taken = await asyncClient.callTool({ name: 'claim_name', arguments: { name: 'taken' } });
    expect(taken.isError).toBe(true);
    expect(firstText(taken)).toMatch(/name: that name is taken/);
  });
});

describe('repair()', () => {
  it('leaves the caller’s arguments untouched and says when nothing can be repaired', () => {
    const args = { n: '5' };
    const fixed = repair(args, [{ code: 'invalid_type', expected: 'number', path: ['n'], message: 'x', input: '5' }]);
    expect(fixed).toEqual({ n: 5 });
    expect(args).toEqual({ n: '5' });
    expect(repair(args, [{ code: 'invalid_type', expected: 'number', path: ['missing'], message: 'x', input: undefined }])).toBeUndefined();
  });
});
