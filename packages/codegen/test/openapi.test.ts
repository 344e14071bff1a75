/**
 * The OpenAPI frontend: the whole IR of each fixture spec against a golden
 * file, then one row per construct — the spec fragment given and the schema,
 * binding or diagnostic it must produce.
 *
 * Regenerate the golden files: UPDATE_GOLDEN=1 npx vitest run packages/codegen/test/openapi.test.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiConfig } from '../src/frontends/openapi/config.js';
import { defineOpenApiConfig, validateOpenApiConfig } from '../src/frontends/openapi/config.js';
import { type ReadOpenApiResult, readOpenApi } from '../src/frontends/openapi/index.js';
import type { IrHttpBinding, IrServer, IrTool, JsonSchema } from '../src/ir/types.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = resolve(PACKAGE, 'test/fixtures/openapi');
const golden = (name: string) => resolve(PACKAGE, 'test/golden/openapi', `${name}.json`);

const PROJECTS: Record<string, { spec: string; config: OpenApiConfig }> = {
  petstore: { spec: 'petstore.yaml', config: { name: 'petstore', version: '1.0.0' } },
  notes: {
    spec: 'notes-3.1.json',
    config: {
      name: 'notes',
      version: '1.0.0',
      instructions: 'Search before creating a note.',
      protocolHeaders: ['Notes-Version'],
      toolsets: { read: { description: 'Read notes.', operations: ['retrieve-*', 'post-search'], default: true } },
      tools: { 'update-a-note': { name: 'edit_note', hidden: ['archived'], fixed: { note_id: 'pinned' } } },
    },
  },
  errors: { spec: 'errors.yaml', config: { name: 'broken', version: '1.0.0' } },
};
const results = new Map<string, ReadOpenApiResult>();

beforeAll(async () => {
  for (const [name, { spec, config }] of Object.entries(PROJECTS)) results.set(name, await readOpenApi({ spec, root: FIXTURES, config }));
});

const ajv = () => new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false, keywords: ['discriminator'] });
const tool = (server: IrServer, name: string): IrTool => {
  const found = server.tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}; tools: ${server.tools.map((t) => t.name).join(', ')}`);
  return found;
};
const http = (t: IrTool) => t.binding as IrHttpBinding;
const props = (schema: JsonSchema | undefined) => (schema?.properties ?? {}) as Record<string, JsonSchema>;
/** Plain objects (schema maps are null-prototype) for readable diffs. */
const plain = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

describe.each(Object.keys(PROJECTS))('fixture %s', (name) => {
  it('produces the golden IR, diagnostics and stats', async () => {
    const text = `${JSON.stringify(results.get(name), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) {
      await writeFile(golden(name), text);
      return;
    }
    const expected = await readFile(golden(name), 'utf8').catch(() => '(missing: run UPDATE_GOLDEN=1 npx vitest run packages/codegen/test/openapi.test.ts)');
    expect(text).toBe(expected);
  });

  it('writes schemas that compile as JSON Schema 2020-12, every $ref resolving, with an object root and no top-level union', () => {
    for (const t of results.get(name)!.server.tools) {
      for (const [label, schema] of [
        ['input', t.input],
        ['output', t.output],
      ] as const) {
        if (!schema) continue;
        expect(() => ajv().compile(schema), `${t.name} ${label}`).not.toThrow();
        expect(schema.type, `${t.name} ${label}`).toBe('object');
        for (const union of ['anyOf', 'oneOf', 'allOf', '$ref']) expect(schema[union], `${t.name} ${label} ${union}`).toBeUndefined();
      }
    }
  });

  it('maps every input property to exactly one parameter or body field, and fixed values to bound arguments', () => {
    for (const t of results.get(name)!.server.tools) {
      const binding = http(t);
      const fields = binding.body ? (Array.isArray(binding.body.fields) ? binding.body.fields.map((f) => f.arg) : [binding.body.fields.whole]) : [];
      const bound = [...binding.parameters.map((p) => p.arg), ...fields];
      expect(new Set(bound).size, t.name).toBe(bound.length);
      for (const arg of Object.keys(props(t.input))) expect(bound, `${t.name}.${arg}`).toContain(arg);
      for (const arg of Object.keys(binding.fixed ?? {})) {
        expect(bound, `${t.name} fixed ${arg}`).toContain(arg);
        expect(props(t.input)[arg], `${t.name} fixed ${arg} is no argument`).toBeUndefined();
      }
    }
  });
});

describe('petstore.yaml (OpenAPI 3.0, YAML): one construct per row', () => {
  const server = () => results.get('petstore')!.server;
  const cases: [string, (s: IrServer) => unknown, unknown][] = [
    ['tool names from operationIds', (s) => s.tools.map((t) => t.name).slice(0, 3), ['list_pets', 'create_pet', 'show_pet_by_id']],
    [
      'no operationId: method + path',
      (s) => tool(s, 'get_stores_store_id_inventory').source,
      expect.objectContaining({ operationId: 'get /stores/{storeId}/inventory' }),
    ],
    ['a long operationId is shortened within the limit', (s) => tool(s, 'get_file_contents_file_in_pet_store_archive_path').name.length <= 51, true],
    ['deprecated operation left out', (s) => s.tools.some((t) => t.name === 'list_old_pets'), false],
    [
      'query array: style and explode recorded',
      (s) => http(tool(s, 'list_pets')).parameters[1],
      { arg: 'tags', name: 'tags', in: 'query', required: false, style: 'form', explode: false },
    ],
    ['deepObject recorded, exploded', (s) => http(tool(s, 'list_pets')).parameters[2], expect.objectContaining({ style: 'deepObject', explode: true })],
    [
      'header parameter: argument in snake case',
      (s) => http(tool(s, 'list_pets')).parameters[3],
      { arg: 'x_request_id', name: 'X-Request-Id', in: 'header', required: false },
    ],
    [
      'protocol header (Accept) and credential (api_key) are no arguments',
      (s) => Object.keys(props(tool(s, 'list_pets').input)),
      ['limit', 'tags', 'filter', 'x_request_id'],
    ],
    [
      'parameter example joins its description',
      (s) => props(tool(s, 'list_pets').input).limit?.description,
      'How many pets to return (max 100). Example: `10`.',
    ],
    [
      'enum, format, default kept',
      (s) => props(tool(s, 'create_pet').input).status,
      { type: ['string', 'null'], enum: ['available', 'sold', null], default: 'available' },
    ],
    ['3.0 nullable → type array', (s) => props(tool(s, 'create_pet').input).tag?.type, ['string', 'null']],
    ['allOf of $ref + object merged; readOnly id out of the input and its required', (s) => tool(s, 'create_pet').input.required, ['name']],
    ['writeOnly secret out of the output', (s) => Object.keys(props(tool(s, 'show_pet_by_id').output)), ['name', 'tag', 'id', 'status']],
    ['output descriptions left out (results are read, not written)', (s) => props(tool(s, 'show_pet_by_id').output).name, { type: 'string', maxLength: 64 }],
    ['array result wrapped as { items }', (s) => tool(s, 'list_pets').output?.required, ['items']],
    ['no JSON result: no output', (s) => tool(s, 'delete_pet').output, undefined],
    ['path-level parameter ($ref) inherited', (s) => http(tool(s, 'delete_pet')).parameters, [{ arg: 'petId', name: 'petId', in: 'path', required: true }]],
    [
      'text/plain body: one string argument',
      (s) => http(tool(s, 'replace_pet_notes')).body,
      { contentType: 'text/plain', fields: { whole: 'body' }, required: false },
    ],
    ['array body: one argument `body`', (s) => props(tool(s, 'set_pet_tags').input).body, { type: 'array', items: { type: 'string' } }],
    [
      'body field colliding with a path parameter → body_<name>',
      (s) => http(tool(s, 'rename_pet')).body?.fields,
      [
        { arg: 'body_id', name: 'id' },
        { arg: 'name', name: 'name' },
      ],
    ],
    ['recursive schema kept as $defs + $ref', (s) => plain(tool(s, 'get_tree').output?.$defs), expect.objectContaining({ Node: expect.any(Object) })],
    [
      'oneOf body with discriminator: whole body, mapping rewritten',
      (s) => plain(props(tool(s, 'draw_shape').input).body?.discriminator),
      { propertyName: 'kind', mapping: { circle: '#/$defs/Circle', square: '#/$defs/Square' } },
    ],
    [
      '3.0 exclusiveMinimum: true → numeric',
      (s) => plain(tool(s, 'draw_shape').input.$defs as JsonSchema).Circle,
      expect.objectContaining({ properties: expect.objectContaining({ radius: { type: 'number', exclusiveMinimum: 0 } }) }),
    ],
    [
      'spec text sanitized: comment, <IMPORTANT>, tags, zero-width gone',
      (s) => tool(s, 'get_stores_store_id_inventory').description,
      'Store inventory. Returns the inventory of a store. Cached for a minute.',
    ],
    [
      'allowReserved path parameter may hold slashes',
      (s) => http(tool(s, 'get_file_contents_file_in_pet_store_archive_path')).parameters[0]?.allowSlashes,
      true,
    ],
    [
      'annotations from the method',
      (s) => ['list_pets', 'create_pet', 'replace_pet_notes', 'delete_pet', 'set_pet_tags'].map((n) => tool(s, n).annotations),
      [
        { readOnly: true, openWorld: true },
        { readOnly: false, destructive: false, openWorld: true },
        { readOnly: false, idempotent: true, openWorld: true },
        { readOnly: false, destructive: true, idempotent: true, openWorld: true },
        { readOnly: false, openWorld: true },
      ],
    ],
    [
      'toolsets by first tag, described by the tag; untagged → other; all default',
      (s) => s.toolsets.map((t) => [t.name, t.default, t.tools.length]),
      [
        ['files', true, 1],
        ['other', true, 1],
        ['pets', true, 7],
        ['shapes', true, 1],
        ['trees', true, 1],
      ],
    ],
    ['tag description sanitized, "See … docs" removed', (s) => s.toolsets.find((t) => t.name === 'pets')?.description, 'Everything about your pets.'],
    [
      'profile: server variables filled, apiKey header auth',
      (s) => s.profiles,
      [
        {
          name: 'petstore',
          baseUrl: { env: 'PETSTORE_API_URL', default: 'https://eu.petstore.example/v1' },
          auth: { env: 'PETSTORE_TOKEN', scheme: 'header', header: 'X-API-Key' },
          headers: {},
        },
      ],
    ],
    [
      'env: base URL (with default) and token (secret, not required)',
      (s) => s.env.map((e) => [e.name, e.secret, e.required, e.default]),
      [
        ['PETSTORE_API_URL', false, false, 'https://eu.petstore.example/v1'],
        ['PETSTORE_TOKEN', true, false, undefined],
      ],
    ],
    [
      'source and origin point into the spec',
      (s) => [tool(s, 'list_pets').source, s.origin.kind, (s.origin as { openapi: string }).openapi],
      [{ kind: 'openapi', spec: 'petstore.yaml', pointer: '#/paths/~1pets/get', method: 'get', path: '/pets', operationId: 'listPets' }, 'openapi', '3.0.3'],
    ],
  ];
  it.each(cases)('%s', (_name, select, want) => {
    expect(select(server())).toEqual(want);
  });
  it('reports nothing', () => expect(results.get('petstore')!.diagnostics).toEqual([]));
});

describe('notes-3.1.json (OpenAPI 3.1, JSON, with a config): one construct per row', () => {
  const server = () => results.get('notes')!.server;
  const cases: [string, (s: IrServer) => unknown, unknown][] = [
    [
      'configured protocol header with a spec default: fixed, not an argument',
      (s) => [http(tool(s, 'post_note')).fixed, props(tool(s, 'post_note').input).notes_version],
      [{ notes_version: '2024-01-01' }, undefined],
    ],
    ['shared definition used twice: one $defs entry, named after the component', (s) => Object.keys(tool(s, 'post_note').input.$defs ?? {}), ['RichText']],
    [
      'definition used once: inlined',
      (s) => plain(props(tool(s, 'edit_note').input).title?.items),
      expect.objectContaining({ type: 'object', required: ['text'] }),
    ],
    [
      '$ref with a sibling description (3.1): inlined with that description',
      (s) => props(tool(s, 'post_note').input).parent?.description,
      'Where the note lives.',
    ],
    ['anyOf kept', (s) => (props(tool(s, 'post_note').input).parent?.anyOf as unknown[] | undefined)?.length, 2],
    [
      '3.1 type array and const kept',
      (s) => plain(tool(s, 'post_note').input.$defs as JsonSchema).RichText,
      expect.objectContaining({ properties: expect.objectContaining({ link: { type: ['string', 'null'], format: 'uri' } }) }),
    ],
    [
      'readOnly fields out of the input, kept in the output',
      (s) => [Object.keys(props(tool(s, 'post_note').input)), 'id' in props(tool(s, 'post_note').output)],
      [['title', 'body', 'parent', 'score'], true],
    ],
    [
      '3.1 examples → the argument description',
      (s) => props(tool(s, 'post_note').input).score,
      { description: 'Example: `1.5`.', type: 'number', exclusiveMinimum: 0 },
    ],
    [
      'parameter examples (named) → description',
      (s) => props(tool(s, 'retrieve_a_note').input).note_id?.description,
      'Example: `b55c9c91-384d-452b-81db-d1ef79372b75`.',
    ],
    ['JSON preferred over a form body', (s) => http(tool(s, 'edit_note')).body?.contentType, 'application/json'],
    [
      'config rename, hidden field gone, fixed path parameter',
      (s) => [Object.keys(props(tool(s, 'edit_note').input)), http(tool(s, 'edit_note')).fixed],
      [['title', 'body_note_id'], { note_id: 'pinned', notes_version: '2024-01-01' }],
    ],
    [
      'hidden field is not sent',
      (s) => http(tool(s, 'edit_note')).body?.fields,
      [
        { arg: 'title', name: 'title' },
        { arg: 'body_note_id', name: 'note_id' },
      ],
    ],
    [
      'map body (additionalProperties): one argument `body`',
      (s) => props(tool(s, 'post_search').input).body,
      { type: 'object', additionalProperties: { type: 'string' }, description: 'Free-form filters, by property name.' },
    ],
    ['shared definition in an output', (s) => Object.keys(tool(s, 'post_search').output?.$defs ?? {}), ['RichText']],
    [
      'configured toolset first; the rest by tag; only the configured one on by default',
      (s) => s.toolsets.map((t) => [t.name, t.default, t.tools]),
      [
        ['read', true, ['retrieve_a_note', 'post_search']],
        ['notes', false, ['post_note', 'edit_note']],
      ],
    ],
    ['tool.toolset is its first group', (s) => s.tools.map((t) => t.toolset), ['notes', 'read', 'notes', 'read']],
    [
      'bearer auth from the security scheme; trailing slash of the server URL dropped',
      (s) => s.profiles?.[0],
      expect.objectContaining({ baseUrl: { env: 'NOTES_API_URL', default: 'https://api.notes.example' }, auth: { env: 'NOTES_TOKEN', scheme: 'bearer' } }),
    ],
    ['title from info.title; instructions from the config', (s) => [s.title, s.instructions], ['Notes API', 'Search before creating a note.']],
    ['env description does not say "API API"', (s) => s.env[0]?.description.startsWith('Base URL of the Notes API ('), true],
  ];
  it.each(cases)('%s', (_name, select, want) => {
    expect(select(server())).toEqual(want);
  });
});

describe('errors.yaml: each problem is an error at its pointer, and only the good operation is a tool', () => {
  const cases: [string, { code: string; pointer?: string; text: string }][] = [
    ['no servers and no profile.baseUrl', { code: 'TW3003', pointer: '#/servers', text: 'no base URL' }],
    [
      'a $ref to another file is refused, never read',
      { code: 'TW3101', pointer: '#/paths/~1external-file/get/parameters/0', text: 'common.yaml#/components/parameters/Limit' },
    ],
    [
      'a $ref to a URL is refused, never fetched',
      { code: 'TW3101', pointer: '#/paths/~1external-url/post/requestBody/content/application~1json/schema', text: 'https://schemas.example/thing.json' },
    ],
    [
      'a local $ref to nothing',
      { code: 'TW3102', pointer: '#/paths/~1missing-ref/get/responses/200/content/application~1json/schema', text: '#/components/schemas/Nowhere' },
    ],
    ['a path variable without a parameter', { code: 'TW3103', pointer: '#/paths/~1things~1{thingId}/get', text: '{thingId}' }],
    ['a parameter without "in"', { code: 'TW3103', pointer: '#/paths/~1malformed/get/parameters/0', text: 'needs a "name" and an "in"' }],
    [
      'two operations, one tool name: both named',
      { code: 'TW3206', pointer: '#/paths/~1dup-b/get', text: '"same-name" (GET /dup-a) and "same_name" (GET /dup-b)' },
    ],
  ];
  it.each(cases)('%s', (_name, { code, pointer, text }) => {
    const found = results.get('errors')!.diagnostics.find((d) => d.code === code && d.pointer === pointer);
    expect(found, `${code} at ${pointer}`).toMatchObject({ severity: 'error', file: 'errors.yaml' });
    expect(found!.message).toContain(text);
  });
  it('keeps the good operations and counts the rest as failed', () => {
    const { server, stats } = results.get('errors')!;
    expect(server.tools.map((t) => t.name)).toEqual(['fine', 'same_name']);
    expect(stats).toMatchObject({ operations: 8, tools: 2, excluded: { failed: 6 } });
  });
});

// ---------------------------------------------------------------------------------------------
// Inline specs: the given fragment and what it must produce.

const BASE = { openapi: '3.0.3', info: { title: 'T', version: '1' }, servers: [{ url: 'https://api.example' }] };

async function read(spec: object, config: Partial<OpenApiConfig> = {}): Promise<ReadOpenApiResult> {
  return readOpenApi({ spec: { ...BASE, ...spec }, root: PACKAGE, config: { name: 't', version: '1.0.0', ...config } });
}

/** A body field `x` with `schema` (input direction) and the same as a result field (output direction). */
async function roundTrip(schema: unknown, schemas: Record<string, unknown> = {}, openapi = '3.0.3') {
  const result = await read({
    openapi,
    components: { schemas },
    paths: {
      '/in': {
        post: { operationId: 'in', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { x: schema } } } } }, responses: {} },
      },
      '/out': {
        get: {
          operationId: 'out',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { x: schema } } } } } },
        },
      },
    },
  });
  expect(result.diagnostics).toEqual([]);
  const [input, output] = [result.server.tools[0]!.input, result.server.tools[1]!.output!];
  return {
    input: plain(props(input).x) as JsonSchema,
    inputDefs: (plain(input.$defs) ?? {}) as Record<string, JsonSchema>,
    output: plain(props(output).x) as JsonSchema,
    outputDefs: (plain(output.$defs) ?? {}) as Record<string, JsonSchema>,
  };
}

describe('schema objects: given → input / output', () => {
  const obj = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });
  const cases: [string, { given: unknown; schemas?: Record<string, unknown>; openapi?: string; input: unknown; output?: unknown }][] = [
    ['nullable string (3.0)', { given: { type: 'string', nullable: true }, input: { type: ['string', 'null'] } }],
    ['nullable enum gains null', { given: { type: 'string', enum: ['a'], nullable: true }, input: { type: ['string', 'null'], enum: ['a', null] } }],
    [
      'nullable $ref → anyOf with null (single use: inlined)',
      {
        given: { $ref: '#/components/schemas/A', nullable: true },
        schemas: { A: obj({ a: { type: 'string' } }) },
        input: { anyOf: [obj({ a: { type: 'string' } }), { type: 'null' }] },
      },
    ],
    [
      'nullable oneOf of typed branches gains a null branch',
      {
        given: { oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
        input: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] },
      },
    ],
    ['3.1 type array kept', { given: { type: ['integer', 'null'] }, openapi: '3.1.0', input: { type: ['integer', 'null'] } }],
    ['3.0 exclusiveMaximum: true', { given: { type: 'number', maximum: 5, exclusiveMaximum: true }, input: { type: 'number', exclusiveMaximum: 5 } }],
    [
      'allOf of plain objects merged into one',
      {
        given: { allOf: [obj({ a: { type: 'string' } }, { required: ['a'] }), obj({ b: { type: 'integer' } }, { required: ['b'] })] },
        input: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a', 'b'] },
      },
    ],
    [
      'allOf: [$ref] with a description: the ref, described',
      {
        given: { allOf: [{ $ref: '#/components/schemas/S' }], description: 'Why.' },
        schemas: { S: { type: 'string', minLength: 1 } },
        input: { type: 'string', minLength: 1, description: 'Why.' },
      },
    ],
    [
      'allOf with a union member stays allOf',
      {
        given: { allOf: [obj({ a: { type: 'string' } }), { oneOf: [{ required: ['a'] }, { required: ['b'] }] }] },
        input: { allOf: [obj({ a: { type: 'string' } }), { oneOf: [{ required: ['a'] }, { required: ['b'] }] }] },
      },
    ],
    [
      'readOnly and writeOnly properties by direction',
      {
        given: obj({ id: { type: 'string', readOnly: true }, pw: { type: 'string', writeOnly: true }, n: { type: 'string' } }, { required: ['id', 'pw', 'n'] }),
        input: obj({ pw: { type: 'string' }, n: { type: 'string' } }, { required: ['pw', 'n'] }),
        output: obj({ id: { type: 'string' }, n: { type: 'string' } }, { required: ['id', 'n'] }),
      },
    ],
    [
      'readOnly on the referenced definition',
      {
        given: obj({ r: { $ref: '#/components/schemas/R' }, n: { type: 'string' } }),
        schemas: { R: { type: 'string', readOnly: true } },
        input: obj({ n: { type: 'string' } }),
      },
    ],
    [
      'annotations a tool does not need are dropped; description kept in inputs only',
      {
        given: {
          type: 'string',
          title: 'T',
          example: 'long example value that is still short enough',
          xml: { name: 'x' },
          'x-internal': true,
          description: 'D',
          format: 'email',
          default: 'a@b.c',
        },
        input: { type: 'string', description: 'D. Example: `long example value that is still short enough`.', format: 'email', default: 'a@b.c' },
        output: { type: 'string', format: 'email' },
      },
    ],
    ['examples of nested properties are dropped', { given: obj({ y: { type: 'string', example: 'e' } }), input: obj({ y: { type: 'string' } }) }],
    [
      '3.0 tuple items → prefixItems',
      {
        given: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
        input: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
      },
    ],
    [
      'recursive definition: $defs + $ref, no endless expansion',
      {
        given: { $ref: '#/components/schemas/Tree' },
        schemas: { Tree: obj({ kids: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } }) },
        input: { $ref: '#/$defs/Tree' },
      },
    ],
    [
      'mutual recursion: both kept as $defs',
      {
        given: { $ref: '#/components/schemas/A' },
        schemas: { A: obj({ b: { $ref: '#/components/schemas/B' } }), B: obj({ a: { $ref: '#/components/schemas/A' } }) },
        input: { $ref: '#/$defs/A' },
      },
    ],
    [
      'tiny definition used twice: inlined at both',
      {
        given: obj({ a: { $ref: '#/components/schemas/State' }, b: { $ref: '#/components/schemas/State' } }),
        schemas: { State: { type: 'string', enum: ['open', 'closed'] } },
        input: obj({ a: { type: 'string', enum: ['open', 'closed'] }, b: { type: 'string', enum: ['open', 'closed'] } }),
      },
    ],
    [
      'description sanitized and shortened',
      {
        given: { type: 'string', description: `<b>Bold</b>\u200B claim. ${'word '.repeat(60)}` },
        input: { type: 'string', description: expect.stringMatching(/^Bold claim\. (word ){15,}word…$/) },
      },
    ],
    [
      'deprecated optional input fields left out (kept when required); numeric formats dropped',
      {
        given: obj(
          { old: { type: 'string', deprecated: true }, must: { type: 'string', deprecated: true }, n: { type: 'integer', format: 'int64' } },
          { required: ['must'] },
        ),
        input: obj({ must: { type: 'string', deprecated: true }, n: { type: 'integer' } }, { required: ['must'] }),
      },
    ],
    [
      'enum values and property names lose invisible characters only',
      { given: obj({ 'na\u200Bme': { type: 'string', enum: ['<a>\u202E'] } }), input: obj({ name: { type: 'string', enum: ['<a>'] } }) },
    ],
    ['boolean schemas kept', { given: obj({ any: true }, { additionalProperties: false }), input: obj({ any: true }, { additionalProperties: false }) }],
  ];
  it.each(cases)('%s', async (_name, { given, schemas, openapi, input, output }) => {
    const result = await roundTrip(given, schemas ?? {}, openapi);
    expect(result.input).toEqual(input);
    if (output !== undefined) expect(result.output).toEqual(output);
  });

  it('recursive and shared definitions carry exactly the $defs they reach', async () => {
    const { inputDefs } = await roundTrip(
      { $ref: '#/components/schemas/A' },
      { A: obj({ b: { $ref: '#/components/schemas/B' } }), B: obj({ a: { $ref: '#/components/schemas/A' } }), Unused: { type: 'string' } },
    );
    expect(Object.keys(inputDefs)).toEqual(['A', 'B']);
  });

  it('a __proto__ property is an ordinary key', async () => {
    const { input } = await roundTrip(JSON.parse('{ "type": "object", "properties": { "__proto__": { "type": "string" } } }'));
    expect(Object.keys(input.properties as object)).toEqual(['__proto__']);
  });
});

describe('parameters, bodies and results', () => {
  const op = (operation: object, path = '/x') => ({ paths: { [path]: { post: { operationId: 'op', responses: {}, ...operation } } } });
  const one = async (spec: object, config?: Partial<OpenApiConfig>) => {
    const result = await read(spec, config);
    return { tool: result.server.tools[0]!, result };
  };

  it('orders arguments path, query, header, cookie, then body fields; path parameters are required', async () => {
    const { tool: t } = await one(
      op(
        {
          parameters: [
            { name: 'c', in: 'cookie', schema: { type: 'string' } },
            { name: 'h', in: 'header', schema: { type: 'string' } },
            { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'id', in: 'path', schema: { type: 'string' } },
          ],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { f: { type: 'string' } } } } } },
        },
        '/x/{id}',
      ),
    );
    expect(Object.keys(props(t.input))).toEqual(['id', 'q', 'h', 'c', 'f']);
    expect(t.input.required).toEqual(['id', 'q']);
    expect(http(t).parameters.map((p) => p.in)).toEqual(['path', 'query', 'header', 'cookie']);
  });

  it('an operation parameter replaces the path item parameter of the same name and location', async () => {
    const result = await read({
      paths: {
        '/x': {
          parameters: [{ name: 'q', in: 'query', description: 'Path level.', schema: { type: 'string' } }],
          get: { operationId: 'op', parameters: [{ name: 'q', in: 'query', description: 'Operation level.', schema: { type: 'integer' } }], responses: {} },
        },
      },
    });
    expect(props(result.server.tools[0]!.input).q).toEqual({ description: 'Operation level.', type: 'integer' });
  });

  it('GitHub x-multi-segment path parameters may hold slashes; others may not', async () => {
    const { tool: t } = await one(
      op(
        {
          parameters: [
            { name: 'ref', in: 'path', required: true, 'x-multi-segment': true, schema: { type: 'string' } },
            { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
          ],
        },
        '/git/{ref}/{file}',
      ),
    );
    expect(http(t).parameters.map((p) => p.allowSlashes)).toEqual([true, undefined]);
  });

  it('config allowSlashes marks a path parameter; a name that is no path parameter is an error', async () => {
    const spec = op({ parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }] }, '/f/{file}');
    const { tool: t } = await one(spec, { tools: { op: { allowSlashes: ['file'] } } });
    expect(http(t).parameters[0]?.allowSlashes).toBe(true);
    const { result } = await one(spec, { tools: { op: { allowSlashes: ['nope'] } } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'TW3202', severity: 'error', subject: 'op' })]);
    expect(result.server.tools).toEqual([]);
  });

  it('a parameter given as content is read from its schema, with a warning', async () => {
    const { tool: t, result } = await one(op({ parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } }] }));
    expect(props(t.input).f).toEqual({ type: 'object' });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'TW3104', severity: 'warning' })]);
  });

  it('a protocol header without a spec value is neither an argument nor bound', async () => {
    const { tool: t } = await one(op({ parameters: [{ name: 'x-github-api-version', in: 'header', schema: { type: 'string' } }] }));
    expect(props(t.input)).toEqual({});
    expect(http(t).parameters).toEqual([]);
  });

  it('a body that is not required makes its fields optional', async () => {
    const { tool: t } = await one(
      op({ requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } } } }),
    );
    expect(t.input.required).toBeUndefined();
    expect(http(t).body).toEqual({ contentType: 'application/json', fields: [{ arg: 'a', name: 'a' }], required: false });
  });

  it('a whole body next to a parameter named body is request_body', async () => {
    const { tool: t } = await one(
      op({
        parameters: [{ name: 'body', in: 'query', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { type: 'integer' } } } } },
      }),
    );
    expect(http(t).body?.fields).toEqual({ whole: 'request_body' });
    expect(t.input.required).toEqual(['request_body']);
  });

  it('form bodies are flattened like JSON ones; binary bodies are one string, with a warning', async () => {
    const form = await one(
      op({ requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } } }),
    );
    expect(http(form.tool).body).toEqual({ contentType: 'application/x-www-form-urlencoded', fields: [{ arg: 'a', name: 'a' }], required: false });
    const binary = await one(op({ requestBody: { content: { 'application/octet-stream': {} } } }));
    expect(props(binary.tool.input).body).toEqual({ type: 'string' });
    expect(binary.result.diagnostics).toEqual([expect.objectContaining({ code: 'TW3106', severity: 'warning' })]);
  });

  it('results: the first 2xx with a JSON schema; primitives and unions have no output', async () => {
    const responses = (schema: object) => ({
      responses: { '202': { description: 'a' }, '200': { description: 'b', content: { 'application/json': { schema } } } },
    });
    expect((await one(op(responses({ type: 'object', properties: { ok: { type: 'boolean' } } })))).tool.output).toEqual({
      type: 'object',
      properties: { ok: { type: 'boolean' } },
    });
    expect((await one(op(responses({ type: 'string' })))).tool.output).toBeUndefined();
    expect((await one(op(responses({ oneOf: [{ type: 'object' }, { type: 'array' }] })))).tool.output).toBeUndefined();
    const vendor = {
      responses: {
        '2XX': { description: 'c', content: { 'application/vnd.api+json': { schema: { type: 'object', properties: { a: { type: 'string' } } } } } },
      },
    };
    expect((await one(op(vendor))).tool.output).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('an output schema over maxOutputSchemaBytes is left out, counted in stats, and not warned about', async () => {
    const big = { type: 'object', properties: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field_${i}`, { type: 'string' }])) };
    const spec = op({ responses: { '200': { description: 'ok', content: { 'application/json': { schema: big } } } } });
    const { tool: t, result } = await one(spec, { maxOutputSchemaBytes: 512 });
    expect(t.output).toBeUndefined();
    expect(result.stats.outputSchemasDropped).toEqual([{ tool: 'op', bytes: expect.any(Number) }]);
    expect(result.stats.outputSchemasDropped[0]!.bytes).toBeGreaterThan(512);
    expect(result.diagnostics).toEqual([]);
    expect((await one(spec)).tool.output).toBeDefined();
  });

  it('an operation with its own servers is kept, with a warning that it calls the profile base URL', async () => {
    const { result } = await one(op({ servers: [{ url: 'https://uploads.example' }] }));
    expect(result.server.tools).toHaveLength(1);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'TW3105', severity: 'warning' })]);
  });

  it('a path item given as a local $ref is followed', async () => {
    const spec = { paths: { '/a': { $ref: '#/x-shared/item' } }, 'x-shared': { item: { get: { operationId: 'shared', responses: {} } } } };
    const result = await read(spec);
    expect(result.server.tools.map((t) => t.name)).toEqual(['shared']);
  });

  it('a $ref loop is an error, not a hang', async () => {
    const result = await read({
      components: { parameters: { A: { $ref: '#/components/parameters/B' }, B: { $ref: '#/components/parameters/A' } } },
      paths: { '/x': { get: { operationId: 'loop', parameters: [{ $ref: '#/components/parameters/A' }], responses: {} } } },
    });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'TW3102', message: expect.stringContaining('loop') })]);
  });
});

describe('config', () => {
  const ops = {
    paths: {
      '/issues': {
        get: { operationId: 'issues/list', tags: ['issues'], summary: 'List issues', responses: {} },
        post: { operationId: 'issues/create', tags: ['issues'], summary: 'Create an issue', responses: {} },
      },
      '/pulls': { get: { operationId: 'pulls/list', tags: ['pulls'], responses: {} } },
      '/legacy': { get: { operationId: 'issues/legacy', deprecated: true, tags: ['issues'], summary: 'Old', responses: {} } },
    },
  };
  const names = (r: ReadOpenApiResult) => r.server.tools.map((t) => t.name);

  it('defineOpenApiConfig returns the config unchanged', () => {
    const config = { name: 'x', version: '1.0.0' };
    expect(defineOpenApiConfig(config)).toBe(config);
  });

  it('include and exclude globs select operations; deprecated ones stay out', async () => {
    expect(names(await read(ops))).toEqual(['issues_list', 'issues_create', 'pulls_list']);
    expect(names(await read(ops, { include: ['issues/*'] }))).toEqual(['issues_list', 'issues_create']);
    const r = await read(ops, { include: ['issues/*'], exclude: ['*/create'] });
    expect(names(r)).toEqual(['issues_list']);
    expect(r.stats).toMatchObject({ operations: 4, tools: 1, excluded: { deprecated: 1, filtered: 2, failed: 0 } });
  });

  it('a deprecated operation is included by an exact include entry or includeDeprecated, and marked', async () => {
    const exact = await read(ops, { include: ['issues/legacy'] });
    expect(exact.server.tools.map((t) => [t.name, t.deprecated, t.description])).toEqual([['issues_legacy', true, 'Deprecated. Old.']]);
    expect(names(await read(ops, { includeDeprecated: true }))).toContain('issues_legacy');
    expect(names(await read(ops, { include: ['issues/*'] }))).not.toContain('issues_legacy');
  });

  it('globs and tools keys that match nothing are reported', async () => {
    const r = await read(ops, {
      include: ['isues/*'],
      toolsets: { x: { description: 'X.', operations: ['nothing/*'] } },
      tools: { 'issues/craete': { name: 'x' } },
    });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.subject])).toEqual([
      ['TW3203', 'warning', 'isues/*'],
      ['TW3203', 'warning', 'nothing/*'],
      ['TW3202', 'error', 'issues/craete'],
      ['TW3203', 'warning', 'x'],
    ]);
    expect(r.diagnostics[2]!.hint).toContain('"issues/create"');
  });

  it('tool overrides: name, description, annotations', async () => {
    const r = await read(ops, {
      tools: { 'issues/list': { name: 'list_issues', description: 'Lists issues, newest first.', annotations: { openWorld: false } } },
    });
    expect(r.server.tools[0]).toMatchObject({
      name: 'list_issues',
      description: 'Lists issues, newest first.',
      annotations: { readOnly: true, openWorld: false },
    });
  });

  it('an invalid or too long rename is an error and the operation is left out', async () => {
    const r = await read(ops, { tools: { 'issues/list': { name: 'List-Issues' }, 'pulls/list': { name: 'x'.repeat(60) } } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['TW3205', 'TW3205']);
    expect(names(r)).toEqual(['issues_create']);
  });

  it('a rename that clashes is an error naming both operations', async () => {
    const r = await read(ops, { tools: { 'pulls/list': { name: 'issues_list' } } });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'TW3206', message: expect.stringContaining('"issues/list" (GET /issues) and "pulls/list" (GET /pulls)') }),
    ]);
  });

  it('names made equal by shortening get distinct hash suffixes instead of clashing', async () => {
    const spec = {
      paths: {
        '/a': { get: { operationId: 'reports/get-usage-summary-for-enterprise-organization-alpha', responses: {} } },
        '/b': { get: { operationId: 'reports/get-usage-summary-for-enterprise-organization-beta', responses: {} } },
      },
    };
    const r = await read(spec, { maxToolNameLength: 24 });
    expect(r.diagnostics).toEqual([]);
    expect(new Set(names(r)).size).toBe(2);
    for (const name of names(r)) expect(name.length).toBeLessThanOrEqual(24);
  });

  it('hidden and fixed: by argument or wire name; a hidden required argument is an error', async () => {
    const spec = {
      paths: {
        '/x/{id}': {
          post: {
            operationId: 'op',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'per-page', in: 'query', schema: { type: 'integer' } },
            ],
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { draft: { type: 'boolean' } } } } } },
            responses: {},
          },
        },
      },
    };
    const ok = await read(spec, { tools: { op: { hidden: ['per-page'], fixed: { draft: false } } } });
    const t = ok.server.tools[0]!;
    expect(Object.keys(props(t.input))).toEqual(['id']);
    expect(http(t).parameters.map((p) => p.arg)).toEqual(['id']);
    expect(http(t).fixed).toEqual({ draft: false });
    expect(http(t).body?.fields).toEqual([{ arg: 'draft', name: 'draft' }]);
    const bad = await read(spec, { tools: { op: { hidden: ['id'] } } });
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'TW3204', hint: expect.stringContaining('fixed') })]);
    const unknown = await read(spec, { tools: { op: { fixed: { nope: 1 } } } });
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ code: 'TW3202', hint: 'Arguments: id, per_page, draft.' })]);
  });

  it('maxDescriptionLength caps descriptions', async () => {
    const spec = { paths: { '/x': { get: { operationId: 'x', summary: 'Get x', description: 'word '.repeat(100), responses: {} } } } };
    const r = await read(spec, { maxDescriptionLength: 50 });
    expect(r.server.tools[0]!.description.length).toBeLessThanOrEqual(50);
    expect(r.server.tools[0]!.description.endsWith('…')).toBe(true);
  });

  it('profile overrides: base URL, env names, auth, headers, timeouts', async () => {
    const r = await read(ops, {
      profile: {
        name: 'gh',
        baseUrlEnv: 'GH_URL',
        baseUrl: 'https://ghe.example/api/v3',
        auth: { env: 'GH_PAT', scheme: 'bearer' },
        headers: { 'X-GitHub-Api-Version': '2022-11-28' },
        timeoutMs: 10_000,
        retries: 1,
        rateLimit: { requests: 10, perSeconds: 1 },
      },
    });
    expect(r.server.profiles).toEqual([
      {
        name: 'gh',
        baseUrl: { env: 'GH_URL', default: 'https://ghe.example/api/v3' },
        auth: { env: 'GH_PAT', scheme: 'bearer' },
        headers: { 'X-GitHub-Api-Version': '2022-11-28' },
        timeoutMs: 10_000,
        retries: 1,
        rateLimit: { requests: 10, perSeconds: 1 },
      },
    ]);
    expect(r.server.env.map((e) => e.name)).toEqual(['GH_URL', 'GH_PAT']);
    expect(r.server.tools.every((t) => http(t).profile === 'gh')).toBe(true);
  });

  it('auth from the spec: basic, OAuth 2, none', async () => {
    const auth = async (schemes: object) => (await read({ ...ops, components: { securitySchemes: schemes } })).server.profiles?.[0]?.auth;
    expect(await auth({ b: { type: 'http', scheme: 'basic' } })).toEqual({ env: 'T_TOKEN', scheme: 'basic' });
    expect(await auth({ o: { type: 'oauth2', flows: {} } })).toEqual({ env: 'T_TOKEN', scheme: 'bearer' });
    expect(await auth({})).toBeUndefined();
  });

  it('a relative server URL needs profile.baseUrl', async () => {
    const r = await read({ ...ops, servers: [{ url: '/api' }] });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'TW3003', pointer: '#/servers/0/url', hint: expect.stringContaining('profile.baseUrl') })]);
    expect((await read({ ...ops, servers: [{ url: '/api' }] }, { profile: { baseUrl: 'https://x.example/api' } })).diagnostics).toEqual([]);
  });

  const invalid: [string, unknown, string][] = [
    ['not an object', 'x', 'must be an object'],
    ['missing version', { name: 'x' }, '"version"'],
    ['unknown key', { name: 'x', version: '1.0.0', inclde: [] }, 'Unknown key "inclde"'],
    ['bad glob list', { name: 'x', version: '1.0.0', include: 'issues/*' }, '"include" must be an array'],
    ['bad toolset name', { name: 'x', version: '1.0.0', toolsets: { 'Bad Name': { description: 'd', operations: [] } } }, 'Toolset name "Bad Name"'],
    ['toolset without description', { name: 'x', version: '1.0.0', toolsets: { a: { operations: [] } } }, 'toolsets.a.description'],
    ['header auth without header', { name: 'x', version: '1.0.0', profile: { auth: { env: 'T', scheme: 'header' } } }, 'profile.auth.header'],
    ['relative baseUrl', { name: 'x', version: '1.0.0', profile: { baseUrl: '/v1' } }, 'absolute http(s) URL'],
    ['annotation typo', { name: 'x', version: '1.0.0', tools: { a: { annotations: { readonly: true } } } }, 'annotations.readonly'],
    ['tiny name limit', { name: 'x', version: '1.0.0', maxToolNameLength: 8 }, 'at least 16'],
  ];
  it.each(invalid)('invalid config: %s', async (_name, config, text) => {
    expect(validateOpenApiConfig(config).join('\n')).toContain(text);
    const r = await readOpenApi({ spec: { ...BASE, ...ops }, root: PACKAGE, config: config as OpenApiConfig });
    expect(r.server.tools).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ code: 'TW3201', severity: 'error' });
  });
});

describe('documents', () => {
  const load = (spec: string | object) => readOpenApi({ spec, root: FIXTURES, config: { name: 'd', version: '1.0.0' } });

  it('Swagger 2.0 is refused with a way forward', async () => {
    const r = await load('swagger2.json');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'TW3002', pointer: '#/swagger', hint: expect.stringContaining('swagger2openapi') })]);
  });

  it('invalid YAML, a missing file, no openapi field, no paths: one error each, never a throw', async () => {
    expect((await load('broken.yaml')).diagnostics).toEqual([expect.objectContaining({ code: 'TW3001', message: expect.stringContaining('not valid YAML') })]);
    expect((await load('missing.json')).diagnostics).toEqual([expect.objectContaining({ code: 'TW3001', message: expect.stringContaining('no such file') })]);
    expect((await load({ info: {} })).diagnostics).toEqual([expect.objectContaining({ code: 'TW3002', pointer: '#/openapi' })]);
    expect((await load({ openapi: '3.1.0' })).diagnostics).toEqual([expect.objectContaining({ code: 'TW3002', pointer: '#/paths' })]);
    expect((await load([])).diagnostics).toEqual([expect.objectContaining({ code: 'TW3002' })]);
  });

  it('a spec object is hashed by content and recorded under specFile', async () => {
    const spec = { ...BASE, paths: {} };
    const a = await readOpenApi({ spec, root: FIXTURES, config: { name: 'd', version: '1.0.0' }, specFile: 'specs/d/openapi.json' });
    const b = await readOpenApi({ spec: { paths: {}, ...BASE }, root: FIXTURES, config: { name: 'd', version: '1.0.0' } });
    expect(a.server.origin).toMatchObject({ kind: 'openapi', spec: 'specs/d/openapi.json', openapi: '3.0.3' });
    expect((a.server.origin as { hash: string }).hash).toBe((b.server.origin as { hash: string }).hash);
    expect(a.diagnostics).toEqual([expect.objectContaining({ code: 'TW3207', severity: 'warning' })]);
  });
});

describe('malformed specs', () => {
  const junk: unknown[] = [
    null,
    5,
    'x',
    [],
    {},
    true,
    { $ref: 5 },
    { $ref: '#' },
    { type: 5 },
    { properties: [] },
    { items: 'x' },
    { required: 'a' },
    { enum: 'x' },
  ];
  const placements = (w: unknown): object[] => [
    { paths: w },
    { paths: { '/a': w } },
    { paths: { '/a': { get: w } } },
    { paths: { '/a': { get: { parameters: w, responses: w, requestBody: w } } } },
    { paths: { '/a': { get: { parameters: [w], responses: { '200': w } } } } },
    {
      paths: {
        '/a': {
          post: { requestBody: { content: { 'application/json': { schema: w } } }, responses: { '200': { content: { 'application/json': { schema: w } } } } },
        },
      },
    },
    { paths: { '/a': { post: { parameters: [{ name: 'q', in: 'query', schema: w, examples: w, content: w }], requestBody: { content: w } } } } },
    {
      components: { schemas: { S: { allOf: [{ $ref: '#/components/schemas/S' }, w] } } },
      paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/S' } } } } } } },
    },
    { servers: w, tags: w, security: w, components: { securitySchemes: w }, paths: {} },
  ];
  it.each(junk.map((w) => [JSON.stringify(w), w]))('%s anywhere: diagnostics, never a throw', async (_label, w) => {
    for (const fragment of placements(w)) await expect(read(fragment)).resolves.toHaveProperty('server');
  });
});

describe('toolsets named like a tag', () => {
  it("a configured toolset keeps exactly what it lists; the tag's other operations go to <tag>_more", async () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'Repos', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/repos/{id}': {
          get: {
            operationId: 'repos/get',
            tags: ['repos'],
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {},
          },
          delete: {
            operationId: 'repos/delete',
            tags: ['repos'],
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {},
          },
        },
      },
    };
    const { server } = await readOpenApi({
      spec,
      root: process.cwd(),
      config: { name: 'r', version: '1.0.0', toolsets: { repos: { description: 'Everyday repository work.', operations: ['repos/get'], default: true } } },
    });
    expect(server.toolsets.map((t) => [t.name, t.default, t.tools])).toEqual([
      ['repos', true, ['repos_get']],
      ['repos_more', false, ['repos_delete']],
    ]);
  });
});

describe('argumentDescriptions', () => {
  it("replaces the spec's text for an argument in every tool, sanitized", async () => {
    const param = {
      name: 'owner',
      in: 'path',
      required: true,
      description: 'The account owner of the repository. The name is not case sensitive.',
      schema: { type: 'string' },
    };
    const spec = {
      openapi: '3.1.0',
      info: { title: 'R', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      paths: {
        '/a/{owner}': { get: { operationId: 'a', parameters: [param], responses: {} } },
        '/b/{owner}': { get: { operationId: 'b', parameters: [param], responses: {} } },
      },
    };
    const { server } = await readOpenApi({
      spec,
      root: process.cwd(),
      config: { name: 'r', version: '1.0.0', argumentDescriptions: { owner: 'Repository owner.\u200B' } },
    });
    expect(server.tools.map((t) => (t.input.properties as Record<string, { description?: string }>).owner?.description)).toEqual([
      'Repository owner.',
      'Repository owner.',
    ]);
  });
});

describe('parameters whose schema is readOnly', () => {
  it("stay arguments: readOnly drops body properties, never an operation's parameters", async () => {
    const spec = {
      openapi: '3.0.3',
      info: { title: 'Alerts', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      components: { schemas: { 'alert-number': { type: 'integer', readOnly: true, description: 'The alert number.' } } },
      paths: {
        '/alerts/{alert_number}': {
          get: {
            operationId: 'alerts/get',
            parameters: [{ name: 'alert_number', in: 'path', required: true, schema: { $ref: '#/components/schemas/alert-number' } }],
            responses: {},
          },
        },
      },
    };
    const { server, diagnostics } = await readOpenApi({ spec, root: process.cwd(), config: { name: 'alerts', version: '1.0.0' } });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const input = server.tools[0]!.input;
    expect(input.required).toEqual(['alert_number']);
    expect((input.properties as Record<string, { type?: string }>).alert_number?.type).toBe('integer');
  });
});
