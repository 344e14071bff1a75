/**
 * Logs are JSON lines an operator can ship anywhere, so nothing secret may
 * reach them: values of secret environment variables and values under
 * secret-named keys are masked wherever they occur, and big values are cut.
 */

import { connectTestClient, defineServer, defineTool, scrub, secretValuesFromEnv, type TestClient } from '@toolwright/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, logInfoLine } from '../src/logging.js';
import { captureLogs } from './support.js';

const TOKEN = 'ghp_FAKEtoken1234567890abcdef';
const AWS = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY';
const env = { GITHUB_TOKEN: TOKEN, AWS_SECRET_ACCESS_KEY: AWS, HOME: '/home/someone', TOOLWRIGHT_LOG_LEVEL: 'debug' };
const secrets = secretValuesFromEnv(env);

describe('secretValuesFromEnv', () => {
  it.each([
    ['GITHUB_TOKEN', true],
    ['NOTION_TOKEN', true],
    ['TOOLWRIGHT_AUTH_TOKEN', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['CLIENT_SECRET', true],
    ['DB_PASSWORD', true],
    ['OPENAI_API_KEY', true],
    ['STRIPE_APIKEY', true],
    ['SSH_PRIVATE_KEY', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['github_token', true],
    ['PGPASSWORD', true],
    ['GHTOKEN', true],
    ['HOME', false],
    ['PATH', false],
    ['TOKENIZERS_PARALLELISM', false],
    ['MAX_TOKENS', false],
  ])('%s is secret: %s', (name, secret) => {
    expect(secretValuesFromEnv({ [name]: 'a-long-enough-value' })).toEqual(secret ? ['a-long-enough-value'] : []);
  });

  it('skips values shorter than 8 characters, which would mask ordinary words', () => {
    expect(secretValuesFromEnv({ GITHUB_TOKEN: 'short', NOTION_TOKEN: '' })).toEqual([]);
  });

  it('lists longer values first so a secret containing another is masked whole', () => {
    expect(secretValuesFromEnv({ A_TOKEN: 'abcdefgh', B_TOKEN: 'abcdefgh-and-more' })).toEqual(['abcdefgh-and-more', 'abcdefgh']);
  });
});

describe('scrub', () => {
  it.each([
    'authorization',
    'Authorization',
    'cookie',
    'password',
    'client_secret',
    'accessToken',
    'api_key',
    'apiKey',
    'x-api-key',
    'private_key',
    'credentials',
  ])('masks the value under a %s key', (key) => {
    expect(scrub({ [key]: 'hunter2', keep: 'visible' })).toEqual({ [key]: '[REDACTED]', keep: 'visible' });
  });

  it('masks secret-named keys at any depth and inside arrays', () => {
    expect(scrub({ upstream: { headers: { Authorization: 'Bearer x' } }, users: [{ name: 'a', password: 'p' }] })).toEqual({
      upstream: { headers: { Authorization: '[REDACTED]' } },
      users: [{ name: 'a', password: '[REDACTED]' }],
    });
  });

  it('masks known secret values wherever they appear in a string', () => {
    expect(scrub({ url: `https://x:${TOKEN}@host/path`, list: [`${TOKEN}`] }, { secrets: [TOKEN] })).toEqual({
      url: 'https://x:[REDACTED]@host/path',
      list: ['[REDACTED]'],
    });
  });

  it('cuts long strings and says how long they were', () => {
    expect(scrub('x'.repeat(250))).toBe(`${'x'.repeat(200)}…(250 chars)`);
    expect(scrub('abcdef', { maxString: 3 })).toBe('abc…(6 chars)');
  });

  it('cuts long arrays and wide objects', () => {
    expect(scrub([1, 2, 3, 4, 5], { maxItems: 3 })).toEqual([1, 2, 3, '…(2 more)']);
    expect(scrub({ a: 1, b: 2, c: 3, d: 4 }, { maxItems: 2 })).toEqual({ a: 1, b: 2, '…': '2 more keys' });
  });

  it('cuts deep nesting', () => {
    expect(scrub({ a: { b: { c: { d: [1] } } } }, { maxDepth: 2 })).toEqual({ a: { b: '[object]' } });
    expect(scrub([[[1, 2]]], { maxDepth: 2 })).toEqual([['[array(2)]']]);
  });

  it('keeps primitives and turns bigints into strings', () => {
    expect(scrub({ n: 1, b: true, nil: null, big: 12n, u: undefined })).toEqual({ n: 1, b: true, nil: null, big: '12', u: undefined });
  });

  it('keeps an error’s type, message, stack, code and cause, masked', () => {
    const error = Object.assign(new Error(`bad ${TOKEN}`, { cause: new Error('root') }), { code: 'E_BAD' });
    const out = scrub(error, { secrets: [TOKEN], maxString: 5000 }) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'Error', message: 'bad [REDACTED]', code: 'E_BAD', cause: { type: 'Error', message: 'root' } });
    expect(out.stack).toContain('logging.test.ts');
    expect(out.stack).not.toContain(TOKEN);
  });
});

describe('createLogger', () => {
  it('writes one JSON line per entry with a level label and time', () => {
    const logs = captureLogs();
    logs.logger.info({ a: 1 }, 'hello');
    expect(logs.records()).toEqual([{ level: 'info', time: expect.any(String), a: 1, msg: 'hello' }]);
  });

  it('drops entries below its level', () => {
    const logs = captureLogs({ level: 'warn' });
    logs.logger.info('quiet');
    logs.logger.warn('loud');
    expect(logs.records().map((r) => r.msg)).toEqual(['loud']);
  });

  it('never writes a secret value, wherever it is put', () => {
    const logs = captureLogs({ secrets });
    const { logger } = logs;
    logger.info(`message with ${TOKEN}`);
    logger.info('format arg %s', AWS);
    logger.info({ nested: { deeper: [`x${TOKEN}x`] } }, 'object');
    logger.error(new Error(`error message with ${TOKEN}`));
    logger.error({ err: new Error(`error under err with ${AWS}`) });
    logger.warn({ error: new TypeError(`other key ${TOKEN}`) }, 'error under another key');
    logger.child({ upstream: `https://api.example/?key=${TOKEN}` }).info('child bindings');
    logger.info({ quoted: `"${TOKEN}"` }, 'quoted');
    expect(logs.lines).toHaveLength(8);
    expect(logs.text()).not.toContain(TOKEN);
    expect(logs.text()).not.toContain(AWS);
    expect(logs.text()).toContain('[REDACTED]');
  });

  it('never writes the value under a secret-named key, including in child bindings', () => {
    const logs = captureLogs();
    logs.logger.info({ headers: { authorization: 'Bearer abc.def.ghi' }, password: 'hunter2hunter2' }, 'request');
    logs.logger.child({ token: 'child-binding-token' }).info('child');
    logs.logger.child({ tool: 't' }).child({ cookie: 'grandchild-cookie' }).info('grandchild');
    expect(logs.text()).not.toMatch(/abc\.def\.ghi|hunter2hunter2|child-binding-token|grandchild-cookie/);
    expect(logs.records()[1]).toMatchObject({ token: '[REDACTED]', msg: 'child' });
    expect(logs.records()[2]).toMatchObject({ tool: 't', cookie: '[REDACTED]', msg: 'grandchild' });
  });

  it('logs an error with its stack', () => {
    const logs = captureLogs();
    logs.logger.error({ err: new RangeError('out of range') }, 'failed');
    const [record] = logs.records();
    expect(record?.err).toMatchObject({ type: 'RangeError', message: 'out of range', stack: expect.stringContaining('logging.test.ts') });
  });

  it('cuts long values', () => {
    const logs = captureLogs();
    logs.logger.info({ body: 'y'.repeat(5000), items: Array.from({ length: 80 }, (_, i) => i) }, 'big');
    const [record] = logs.records();
    expect(record?.body).toBe(`${'y'.repeat(2000)}…(5000 chars)`);
    expect(record?.items).toHaveLength(51);
    expect(logs.lines[0]!.length).toBeLessThan(3000);
  });
});

describe('logInfoLine (the line per tool call)', () => {
  const withoutTime = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"…"');
  it.each([
    ['flat fields', { tool: 'noop', requestId: 7, durationMs: 0.4, outcome: 'ok' }],
    ['undefined fields, which are left out', { tool: 'noop', requestId: 'r-1', sessionId: undefined, outcome: 'ok' }],
    [
      'nested arguments, quotes, newlines and non-ASCII',
      { tool: 'q', args: { text: 'say "hi"\n\tthere — ünïcode 🎉', list: [1, null, true], deep: { a: { b: 'c' } } } },
    ],
    ['a secret value inside a field', { tool: 'leak', args: { note: `token is ${TOKEN}` } }],
    ['no fields', {}],
  ])('writes the line pino writes for the same fields: %s', (_what, fields) => {
    for (const name of [undefined, 'server "x"']) {
      const fast = captureLogs({ secrets, ...(name ? { name } : {}) });
      const pinoPath = captureLogs({ secrets, ...(name ? { name } : {}) });
      logInfoLine(fast.logger, fields, 'tool call');
      pinoPath.logger.info(fields, 'tool call');
      expect(fast.lines.map(withoutTime)).toEqual(pinoPath.lines.map(withoutTime));
      expect(fast.text()).not.toContain(TOKEN);
    }
  });

  it("writes nothing below the logger's level, and follows a level changed later", () => {
    const logs = captureLogs({ level: 'warn' });
    logInfoLine(logs.logger, { tool: 'a' }, 'tool call');
    expect(logs.lines).toEqual([]);
    logs.logger.level = 'info';
    logInfoLine(logs.logger, { tool: 'b' }, 'tool call');
    expect(logs.records()).toEqual([{ level: 'info', time: expect.any(String), tool: 'b', msg: 'tool call' }]);
  });

  it("uses logger.info for a logger it did not make (a child, or a user's own pino)", () => {
    const lines: string[] = [];
    const root = createLogger({ secrets: [], destination: { write: (line: string) => void lines.push(line) } });
    logInfoLine(root.child({ component: 'x' }), { tool: 'c' }, 'tool call');
    expect(JSON.parse(lines[0]!)).toMatchObject({ component: 'x', tool: 'c', msg: 'tool call' });
  });
});

describe('server logs', () => {
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  const search = defineTool({
    name: 'search',
    description: 'Search.',
    input: z.object({ query: z.string(), apiKey: z.string().optional(), note: z.string().optional() }),
    handler: ({ query }, ctx) => {
      ctx.logger.info({ query, upstreamAuth: { authorization: `token ${TOKEN}` } }, `calling upstream with ${TOKEN}`);
      return `found ${query.length}`;
    },
  });
  const crash = defineTool({
    name: 'crash',
    description: 'Crashes.',
    input: z.object({}),
    handler: () => {
      throw new Error(`upstream refused ${TOKEN} and ${AWS}`);
    },
  });
  const definition = defineServer({ name: 'logs', version: '1.0.0', tools: [search, crash] });

  async function connectWithLogs() {
    const logs = captureLogs({ secrets });
    client = await connectTestClient(definition, { logger: logs.logger, env });
    return { client, logs };
  }

  it('write one line per call with tool, outcome, duration and masked arguments', async () => {
    const { client: c, logs } = await connectWithLogs();
    await c.callTool({ name: 'search', arguments: { query: `repo:acme ${TOKEN}`, apiKey: 'sk-abc', note: 'z'.repeat(300) } });
    await c.callTool({ name: 'search', arguments: { query: 42 } });
    const calls = logs.withMessage('tool call');
    expect(calls).toEqual([
      expect.objectContaining({ level: 'info', tool: 'search', outcome: 'ok', durationMs: expect.any(Number), requestId: expect.anything() }),
      expect.objectContaining({ tool: 'search', outcome: 'invalid', errorCode: 'invalid_arguments' }),
    ]);
    expect(calls[0]?.args).toEqual({ query: 'repo:acme [REDACTED]', apiKey: '[REDACTED]', note: `${'z'.repeat(200)}…(300 chars)` });
  });

  it('mask what handlers log through ctx.logger, tagged with the tool and request', async () => {
    const { client: c, logs } = await connectWithLogs();
    await c.callTool({ name: 'search', arguments: { query: 'q' } });
    const [line] = logs.withMessage('calling upstream with [REDACTED]');
    expect(line).toMatchObject({ tool: 'search', requestId: expect.anything(), query: 'q', upstreamAuth: { authorization: '[REDACTED]' } });
    expect(logs.text()).not.toContain(TOKEN);
  });

  it('keep the stack of a crash but not the secrets in its message', async () => {
    const { client: c, logs } = await connectWithLogs();
    await c.callTool({ name: 'crash', arguments: {} });
    const [line] = logs.withMessage('tool handler failed');
    expect((line?.err as { stack?: string } | undefined)?.stack).toMatch(/upstream refused \[REDACTED\] and \[REDACTED\]\n\s+at /);
    expect(logs.text()).not.toContain(TOKEN);
    expect(logs.text()).not.toContain(AWS);
  });

  it('can be turned off per call with logCalls: false', async () => {
    const logs = captureLogs();
    client = await connectTestClient(definition, { logger: logs.logger, logCalls: false });
    await client.callTool({ name: 'search', arguments: { query: 'q' } });
    expect(logs.withMessage('tool call')).toEqual([]);
  });
});
