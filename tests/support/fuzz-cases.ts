/**
 * fast-check generators of hostile JSON-RPC input for the protocol fuzz tests,
 * each case with the exact answer a correct server gives. Every case is one
 * message (one stdio line, one HTTP body) of a known kind, so its expected
 * answer follows from the kind: no second implementation of the checks under test.
 *
 * Runs per property come from FUZZ_RUNS: small in `npm test`, large in `npm run fuzz`.
 */
import fc from 'fast-check';
import type { Id, Message } from './raw-jsonrpc.js';

// Test knobs, not build inputs: turbo need not know them.
const { FUZZ_RUNS: runs, FUZZ_SEED: seed } = process.env;
/** Cases per property: `FUZZ_RUNS`, default 120 (a few seconds per transport). */
export const FUZZ_RUNS = Math.max(1, Number(runs) || 120);
/** Seed for a reproducible run (`FUZZ_SEED`); unset, fast-check picks one and prints it on failure. */
export const FUZZ_SEED = seed ? Number(seed) : undefined;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const RESOURCE_NOT_FOUND = -32002;

/** One response the server must send for a case. */
export type Expected =
  | { kind: 'error'; id: Id | null; code: number }
  | { kind: 'result'; id: Id }
  /** A tool result with isError and this `_meta["toolwright/error"].code`. */
  | { kind: 'toolError'; id: Id; code: string };

export interface FuzzCase {
  kind: string;
  bytes: Buffer;
  /** Answered by the transport's own checks (HTTP: a 400 before any session lookup), not by the server's handlers. */
  front: boolean;
  /** The responses (zero or one) a connected client gets. */
  expected: Expected[];
  /** The message's id when valid (what an error response without a session carries), else null. */
  id: Id | null;
}

/** What the server under test offers (the conformance server's surface by default). */
export interface Surface {
  tools: string[];
  prompts: string[];
  /** Methods it handles as requests. */
  methods: string[];
}

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const RESERVED_NOTIFICATIONS = ['notifications/cancelled', 'notifications/initialized', 'notifications/progress', 'notifications/roots/list_changed'];

/** `JSON.stringify` that keeps own `__proto__` keys (defined with defineProperty, so they are data, not prototypes). */
const json = (value: unknown): string => JSON.stringify(value);

/** An object with `key` set as an own enumerable property, even when key is `__proto__`. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const sameId = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export { sameId };

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Valid JSON-RPC ids of every kind MCP allows: strings (any Unicode, empty too) and safe integers. */
export const validId: fc.Arbitrary<Id> = fc.oneof(
  fc.string({ maxLength: 24 }).filter((s) => !s.startsWith('rq:')),
  fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !s.startsWith('rq:')),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
);

/** Ids JSON allows and MCP does not: null, fractions, unsafe integers, booleans, arrays, objects. */
export const invalidId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(2 ** 53, -(2 ** 53), 1e21, 1e300, 0.5, -1.5),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

const anyJson = fc.jsonValue({ maxDepth: 3 });
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
  fc.object({ maxDepth: 1, maxKeys: 2 }),
);
const notObject = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 10 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
);
const paramsObject = fc.dictionary(
  fc.string({ maxLength: 8 }).filter((k) => k !== '_meta'),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

function request(id: Id | undefined, method: string, params?: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', ...(id !== undefined ? { id } : {}), method, ...(params !== undefined ? { params } : {}) };
}

function textCase(kind: string, text: string, expected: Expected[], id: Id | null, front = isFrontDoorError(expected)): FuzzCase {
  return { kind, bytes: Buffer.from(text, 'utf8'), expected, id, front };
}

/** -32700 and -32600 come from the transport's checks; every other answer from the server behind them. */
function isFrontDoorError(expected: Expected[]): boolean {
  return expected.some((e) => e.kind === 'error' && (e.code === PARSE_ERROR || e.code === INVALID_REQUEST));
}

const error = (id: Id | null, code: number): Expected => ({ kind: 'error', id, code });

/** Every kind of case, weighted towards the ones with the most ways to go wrong. */
export function fuzzCase(surface: Surface): fc.Arbitrary<FuzzCase> {
  const handled = new Set(surface.methods);
  const toolName = fc.constantFrom(...surface.tools);
  const anyMethod = fc.oneof(fc.constantFrom(...surface.methods), fc.string({ minLength: 1, maxLength: 20 }));
  const validRequest = fc.tuple(validId, fc.constantFrom('ping', 'tools/list', 'resources/list', 'prompts/list', 'resources/templates/list'));

  // bytes that are not JSON: random text, and valid requests cut short
  const garbage = fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(validRequest, fc.nat()).map(([[id, method], cut]) => {
        const text = json(request(id, method));
        return text.slice(0, 1 + (cut % (text.length - 1)));
      }),
    )
    .map((s) => s.replace(/[\r\n]/g, ' '))
    .filter((s) => s.trim() !== '' && !parses(s))
    .map((s) => textCase('garbage', s, [error(null, PARSE_ERROR)], null));

  // a valid request whose string holds bytes that are not UTF-8
  const badBytes = fc.constantFrom([0xff], [0xfe], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]);
  const invalidUtf8 = fc.tuple(validId, fc.string({ maxLength: 10 }), fc.array(badBytes, { minLength: 1, maxLength: 3 })).map(([id, text, bad]): FuzzCase => {
    const head = `{"jsonrpc":"2.0","id":${json(id)},"method":"ping","params":{"x":${json(text).slice(0, -1)}`;
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from(bad.flat()), Buffer.from('"}}')]);
    return { kind: 'invalid UTF-8', bytes, expected: [error(null, PARSE_ERROR)], id: null, front: true };
  });

  const nonObject = fc
    .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 30 }), fc.boolean(), fc.constant(null))
    .map((value) => textCase('not an object', json(value), [error(null, INVALID_REQUEST)], null));

  // batches: not supported since protocol 2025-06-18; one error for the whole array, nothing inside runs
  const batch = fc
    .array(
      fc.oneof(
        validRequest.map(([id, method]) => request(id, method)),
        anyJson,
      ),
      { maxLength: 5 },
    )
    .map((items) => textCase('batch', json(items), [error(null, INVALID_REQUEST)], null));

  const badVersion = fc
    .tuple(
      validId,
      anyMethod,
      fc.option(
        anyJson.filter((v) => v !== '2.0'),
        { nil: undefined },
      ),
    )
    .map(([id, method, version]) => {
      const message: Record<string, unknown> = version === undefined ? { id, method } : { jsonrpc: version, id, method };
      return textCase('wrong or missing jsonrpc', json(message), [error(id, INVALID_REQUEST)], id);
    });

  const badId = fc
    .tuple(invalidId, anyMethod)
    .map(([id, method]) => textCase('invalid id', json({ jsonrpc: '2.0', id, method }), [error(null, INVALID_REQUEST)], null));

  const badMethod = fc
    .tuple(validId, fc.oneof(fc.constant(''), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })))
    .map(([id, method]) => textCase('invalid method', json({ jsonrpc: '2.0', id, method }), [error(id, INVALID_REQUEST)], id));

  const noMethod = validId.map((id) => textCase('neither request nor response', json({ jsonrpc: '2.0', id }), [error(id, INVALID_REQUEST)], id));

  const badParamsType = fc
    .tuple(validId, anyMethod, fc.oneof(fc.array(anyJson, { maxLength: 3 }), fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null)))
    .map(([id, method, params]) => textCase('params not an object', json(request(id, method, params)), [error(id, INVALID_REQUEST)], id));

  const extraKey = fc
    .oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'result', 'error', 'toString', 'ID', 'Method'), fc.string({ minLength: 1, maxLength: 10 }))
    .filter((key) => !['jsonrpc', 'id', 'method', 'params'].includes(key));
  const extraMember = fc
    .tuple(validId, extraKey, anyJson)
    .map(([id, key, value]) => textCase(`extra member`, json(withKey(request(id, 'ping'), key, value)), [error(id, INVALID_REQUEST)], id));

  const unknownMethod = fc
    .tuple(
      validId,
      fc.string({ minLength: 1, maxLength: 30 }).filter((m) => !handled.has(m)),
      fc.option(paramsObject, { nil: undefined }),
    )
    .map(([id, method, params]) => textCase('unknown method', json(request(id, method, params)), [error(id, METHOD_NOT_FOUND)], id));

  // notifications get no answer, whatever their method or params
  const notification = fc
    .tuple(fc.oneof(fc.constantFrom(...RESERVED_NOTIFICATIONS), fc.string({ minLength: 1, maxLength: 30 })), fc.option(paramsObject, { nil: undefined }))
    .map(([method, params]) => textCase('notification', json(request(undefined, method, params)), [], null));

  // responses from the client to requests the server never sent: nothing to answer
  const clientResponse = fc
    .tuple(validId, fc.oneof(fc.constant({ result: {} }), fc.record({ error: fc.record({ code: fc.integer(), message: fc.string({ maxLength: 10 }) }) })))
    .map(([id, body]) => textCase('response from the client', json({ jsonrpc: '2.0', id, ...body }), [], id));

  const wrongParams = fc
    .tuple(
      validId,
      fc.oneof(
        notString.map((cursor) => ['tools/list', { cursor }] as const),
        notString.map((name) => ['tools/call', { name }] as const),
        fc.constant(['tools/call', {}] as const),
        fc.tuple(toolName, notObject).map(([name, args]) => ['tools/call', { name, arguments: args }] as const),
        notString.map((uri) => ['resources/read', { uri }] as const),
        fc.constant(['resources/read', {}] as const),
        notString.map((uri) => ['resources/subscribe', { uri }] as const),
        notString.map((uri) => ['resources/unsubscribe', { uri }] as const),
        notString.map((name) => ['prompts/get', { name }] as const),
        notString.map((arg1) => ['prompts/get', { name: 'test_prompt_with_arguments', arguments: { arg1, arg2: 'b' } }] as const),
        fc.constant(['completion/complete', {}] as const),
        notObject.map((ref) => ['completion/complete', { ref, argument: { name: 'arg1', value: '' } }] as const),
        fc
          .oneof(
            notString,
            fc.string({ maxLength: 10 }).filter((level) => !LOG_LEVELS.includes(level)),
          )
          .map((level) => ['logging/setLevel', { level }] as const),
        notString.map((protocolVersion) => ['initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 'x', version: '1' } }] as const),
        fc.constant(['initialize', {}] as const),
      ),
    )
    .map(([id, [method, params]]) => textCase(`wrong params for ${method}`, json(request(id, method, params)), [error(id, INVALID_PARAMS)], id));

  // MCP gives `_meta` a shape in every request, so the transport's envelope check refuses it, as invalid params
  const wrongMeta = fc
    .tuple(
      validId,
      fc.constantFrom('ping', 'tools/list', 'resources/list', 'prompts/get', 'tools/call'),
      notObject,
      fc.option(fc.integer(), { nil: undefined }),
    )
    .map(([id, method, meta, token]) => {
      const params = { _meta: token === undefined ? meta : { progressToken: { token } } };
      return textCase('wrong _meta', json(request(id, method, params)), [error(id, INVALID_PARAMS)], id, true);
    });

  const unknownName = fc
    .tuple(validId, fc.string({ maxLength: 30 }))
    .chain(([id, name]) =>
      fc.constantFrom(
        ...(surface.tools.includes(name)
          ? []
          : [textCase('unknown tool', json(request(id, 'tools/call', { name, arguments: {} })), [error(id, INVALID_PARAMS)], id)]),
        ...(surface.prompts.includes(name) ? [] : [textCase('unknown prompt', json(request(id, 'prompts/get', { name })), [error(id, INVALID_PARAMS)], id)]),
        textCase('unknown resource', json(request(id, 'resources/read', { uri: `nowhere://${name}` })), [error(id, RESOURCE_NOT_FOUND)], id),
      ),
    );

  // deeply nested JSON, written as text (building it as objects would overflow the generator's stack); in a tool's
  // arguments beside a stringified value too, which the runtime's argument tolerance would copy to repair
  const deep = fc
    .tuple(validId, fc.integer({ min: 1_000, max: 100_000 }), fc.boolean(), fc.constantFrom('params', 'argument', 'beside a stringified value'))
    .map(([id, depth, arrays, where]) => {
      const nested = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const call = (args: string) => `{"jsonrpc":"2.0","id":${json(id)},"method":"tools/call","params":{"name":"${args}}}`;
      const invalid: Expected[] = [{ kind: 'toolError', id, code: 'invalid_arguments' }];
      if (where === 'argument') return textCase(`nested N deep in a tool argument`, call(`test_elicitation","arguments":{"message":${nested}}`), invalid, id);
      if (where === 'beside a stringified value') {
        return textCase(
          `nested N deep beside a stringified value`,
          call(`json_schema_2020_12_tool","arguments":{"name":5,"address":"{}","extra":${nested}}`),
          invalid,
          id,
        );
      }
      return textCase(`nested N deep in params`, `{"jsonrpc":"2.0","id":${json(id)},"method":"ping","params":{"x":${nested}}}`, [{ kind: 'result', id }], id);
    });

  const large = fc
    .tuple(validId, fc.integer({ min: 64 * 1024, max: 1536 * 1024 }), fc.boolean())
    .map(([id, size, asName]) =>
      asName
        ? textCase(`a ${size}-byte tool name`, json(request(id, 'tools/call', { name: 'x'.repeat(size) })), [error(id, INVALID_PARAMS)], id)
        : textCase(`a ${size}-byte string in params`, json(request(id, 'ping', { x: 'é'.repeat(size / 2) })), [{ kind: 'result', id }], id),
    );

  // __proto__, constructor and prototype keys as data: answered normally, and nothing polluted
  const protoKeys = fc.tuple(validId, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.integer({ min: 0, max: 2 })).map(([id, key, where]) => {
    const payload = { polluted: 'yes', message: 'from a prototype', isError: true };
    if (where === 0) return textCase(`${key} in params`, json(request(id, 'ping', withKey({}, key, payload))), [{ kind: 'result', id }], id);
    if (where === 1) {
      const args = withKey({}, key, key === 'constructor' ? { prototype: payload } : payload);
      return textCase(
        `${key} in tool arguments`,
        json(request(id, 'tools/call', { name: 'test_elicitation', arguments: args })),
        [{ kind: 'toolError', id, code: 'invalid_arguments' }],
        id,
      );
    }
    return textCase(`${key} in _meta`, json(request(id, 'tools/list', { _meta: withKey({}, key, payload) })), [{ kind: 'result', id }], id);
  });

  const valid = validRequest.map(([id, method]) => textCase(`valid ${method}`, json(request(id, method)), [{ kind: 'result', id }], id));

  return fc.oneof(
    { arbitrary: garbage, weight: 3 },
    { arbitrary: invalidUtf8, weight: 1 },
    { arbitrary: nonObject, weight: 1 },
    { arbitrary: batch, weight: 1 },
    { arbitrary: badVersion, weight: 2 },
    { arbitrary: badId, weight: 2 },
    { arbitrary: badMethod, weight: 1 },
    { arbitrary: noMethod, weight: 1 },
    { arbitrary: badParamsType, weight: 1 },
    { arbitrary: extraMember, weight: 2 },
    { arbitrary: unknownMethod, weight: 2 },
    { arbitrary: notification, weight: 1 },
    { arbitrary: clientResponse, weight: 1 },
    { arbitrary: wrongParams, weight: 4 },
    { arbitrary: wrongMeta, weight: 1 },
    { arbitrary: unknownName, weight: 2 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: large, weight: 1 },
    { arbitrary: protoKeys, weight: 2 },
    { arbitrary: valid, weight: 2 },
  );
}

/** Checks that `responses` are exactly the `expected` ones (order free); returns what is wrong, or undefined. */
export function responseMismatch(responses: Message[], expected: Expected[]): string | undefined {
  const left = [...responses];
  for (const want of expected) {
    const index = left.findIndex((m) => sameId(m.id, want.id) && matches(m, want));
    if (index === -1) return `missing ${JSON.stringify(want)}; got ${preview(responses)}`;
    left.splice(index, 1);
  }
  return left.length ? `unexpected extra responses ${preview(left)}` : undefined;
}

function matches(message: Message, want: Expected): boolean {
  if (want.kind === 'error') return (message.error as { code?: unknown } | undefined)?.code === want.code;
  const result = message.result as { isError?: unknown; _meta?: Record<string, { code?: unknown }> } | undefined;
  if (!result) return false;
  if (want.kind === 'result') return result.isError !== true;
  return result.isError === true && result._meta?.['toolwright/error']?.code === want.code;
}

function preview(messages: Message[]): string {
  return JSON.stringify(messages).slice(0, 600);
}
