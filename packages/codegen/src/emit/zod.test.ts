import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as zodModule from 'zod';
import { z } from 'zod';
import type { Diagnostic, JsonSchema } from '../ir/types.js';
import { emitZodModule, jsonSchemaToZodExpression, type ZodExpressionContext, type ZodSchemaInput } from './zod.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = resolve(here, '../../test/golden/zod');

// ---------------------------------------------------------------- harness

/** Runs an emitted expression (tests only: the emitter itself never evaluates code). */
function evaluate(expression: string): z.ZodType {
  return new Function('z', `return ${expression};`)(z) as z.ZodType;
}

/** Runs an emitted module: transpiled to CommonJS, with `zod` as its only import. */
function loadModule(code: string): Record<string, z.ZodType> {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, z.ZodType> = {};
  const require = (id: string) => {
    if (id !== 'zod') throw new Error(`unexpected import ${id}`);
    return zodModule;
  };
  new Function('require', 'exports', js)(require, exports);
  return exports;
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv2020 = addFormats(new Ajv2020({ strict: false }));
const ajv07 = addFormats(new Ajv({ strict: false }));

/** Type-checks a module as if it were a file in the golden folder (so `zod` resolves), with the repo's compiler options. */
function typeCheck(code: string): string[] {
  const configPath = resolve(here, '../../tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('cannot read packages/codegen/tsconfig.json');
  const fileName = resolve(goldenDir, '__typecheck__.ts');
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    resolve(name) === fileName ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || resolve(d.file.fileName) === fileName)
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${where ? `${where.line + 1}:${where.character + 1} ` : ''}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

interface ExpressionCase {
  given: unknown;
  want: string;
  options?: ZodExpressionContext;
  /** Values the schema accepts, and values it rejects: checked against the emitted zod and against ajv. */
  valid?: unknown[];
  invalid?: unknown[];
  /** Why ajv (the JSON Schema reference validator) is not consulted: the case is a deliberate reading of the schema. */
  notJsonSchema?: string;
  /** Validate with draft-07 semantics instead of 2020-12. */
  draft?: '07';
  /** Inputs and what the emitted schema parses them to (defaults applied). */
  parsed?: [unknown, unknown][];
}

function checkSamples(c: ExpressionCase, expression: string) {
  const schema = evaluate(expression);
  for (const value of c.valid ?? []) expect(schema.safeParse(value).success, `emitted zod accepts ${JSON.stringify(value)}`).toBe(true);
  for (const value of c.invalid ?? []) expect(schema.safeParse(value).success, `emitted zod rejects ${JSON.stringify(value)}`).toBe(false);
  for (const [input, output] of c.parsed ?? []) expect(schema.parse(input)).toEqual(output);
  if (c.notJsonSchema) return;
  const ajv = c.draft === '07' ? ajv07 : ajv2020;
  const validate = ajv.compile(c.given as object | boolean);
  for (const value of c.valid ?? []) expect(validate(value), `JSON Schema accepts ${JSON.stringify(value)}`).toBe(true);
  for (const value of c.invalid ?? []) expect(validate(value), `JSON Schema rejects ${JSON.stringify(value)}`).toBe(false);
}

// ---------------------------------------------------------------- keyword table

const cases: [string, ExpressionCase][] = [
  // types
  ['type string', { given: { type: 'string' }, want: 'z.string()', valid: ['', 'a'], invalid: [1, null, {}] }],
  ['type number', { given: { type: 'number' }, want: 'z.number()', valid: [0, 1.5, -3], invalid: ['1', null] }],
  ['type integer', { given: { type: 'integer' }, want: 'z.int()', valid: [0, 2, -7], invalid: [2.5, '2'] }],
  ['type boolean', { given: { type: 'boolean' }, want: 'z.boolean()', valid: [true, false], invalid: [0, 'true'] }],
  ['type null', { given: { type: 'null' }, want: 'z.null()', valid: [null], invalid: [0, ''] }],
  ['type array', { given: { type: 'array', items: { type: 'string' } }, want: 'z.array(z.string())', valid: [[], ['a']], invalid: [[1], 'a'] }],
  ['array without items', { given: { type: 'array' }, want: 'z.array(z.unknown())', valid: [[], [1, 'a', null]], invalid: [{}] }],
  [
    'type object with required and optional properties',
    {
      given: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id'] },
      want: 'z.object({\n  id: z.int(),\n  name: z.string().optional(),\n})',
      valid: [{ id: 1 }, { id: 1, name: 'a' }, { id: 1, extra: true }],
      invalid: [{}, { id: 'x' }, { id: 1, name: 2 }, null, []],
    },
  ],
  ['empty schema', { given: {}, want: 'z.unknown()', valid: [1, 'a', null, {}, []] }],
  ['true schema', { given: true, want: 'z.unknown()', valid: [1, null] }],
  ['false schema', { given: false, want: 'z.never()', invalid: [1, null, {}] }],
  ['annotations only', { given: { title: 'T', examples: [1], 'x-internal': true }, want: 'z.unknown()', valid: [1, 'a'] }],

  // type arrays and nullable
  ['type [string, null]', { given: { type: ['string', 'null'] }, want: 'z.string().nullable()', valid: ['a', null], invalid: [1] }],
  ['type [string, number]', { given: { type: ['string', 'number'] }, want: 'z.union([z.string(), z.number()])', valid: ['a', 1.5], invalid: [null, true] }],
  [
    'type array keeps constraints per type',
    {
      given: { type: ['string', 'integer', 'null'], minLength: 2, minimum: 0 },
      want: 'z.union([z.string().min(2), z.int().min(0)]).nullable()',
      valid: ['ab', 0, null],
      invalid: ['a', -1, 1.5],
    },
  ],
  ['integer and number together', { given: { type: ['integer', 'number'] }, want: 'z.number()', valid: [1, 1.5], invalid: ['1'] }],
  [
    'nullable: true (OpenAPI 3.0)',
    { given: { type: 'string', nullable: true }, want: 'z.string().nullable()', valid: ['a', null], invalid: [1], notJsonSchema: 'nullable is OpenAPI 3.0' },
  ],
  [
    'nullable: true on an object',
    {
      given: { type: 'object', properties: { a: { type: 'string' } }, nullable: true },
      want: 'z.object({\n  a: z.string().optional(),\n}).nullable()',
      valid: [null, {}],
      invalid: ['a'],
      notJsonSchema: 'nullable is OpenAPI 3.0',
    },
  ],

  // enum and const
  ['string enum', { given: { type: 'string', enum: ['open', 'closed'] }, want: 'z.enum(["open", "closed"])', valid: ['open'], invalid: ['all', 1] }],
  ['single-value enum', { given: { enum: ['only'] }, want: 'z.literal("only")', valid: ['only'], invalid: ['other'] }],
  [
    'mixed enum',
    { given: { enum: [1, 'a', true] }, want: 'z.union([z.literal(1), z.literal("a"), z.literal(true)])', valid: [1, 'a', true], invalid: [2, 'b', false] },
  ],
  [
    'enum with null',
    { given: { type: ['string', 'null'], enum: ['a', 'b', null] }, want: 'z.enum(["a", "b"]).nullable()', valid: ['a', null], invalid: ['c'] },
  ],
  ['enum values outside the type are dropped', { given: { type: 'string', enum: ['a', 1] }, want: 'z.literal("a")', valid: ['a'], invalid: [1] }],
  [
    'empty enum',
    { given: { enum: [] }, want: 'z.never()', invalid: ['a', null], notJsonSchema: 'JSON Schema requires a non-empty enum; ajv refuses the schema' },
  ],
  ['const string', { given: { const: 'fixed' }, want: 'z.literal("fixed")', valid: ['fixed'], invalid: ['other'] }],
  ['const number', { given: { const: 3 }, want: 'z.literal(3)', valid: [3], invalid: [4, '3'] }],
  ['const null', { given: { const: null }, want: 'z.null()', valid: [null], invalid: [0] }],
  [
    'enum text is escaped',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax in schema text must come out inert
    { given: { enum: ['a"b', 'c\\d', '${x}', '`'] }, want: 'z.enum(["a\\"b", "c\\\\d", "${x}", "`"])', valid: ['a"b', 'c\\d', '${x}', '`'], invalid: ['x'] },
  ],

  // anyOf / oneOf
  ['anyOf', { given: { anyOf: [{ type: 'string' }, { type: 'number' }] }, want: 'z.union([z.string(), z.number()])', valid: ['a', 1], invalid: [null] }],
  ['anyOf with a null branch', { given: { anyOf: [{ type: 'string' }, { type: 'null' }] }, want: 'z.string().nullable()', valid: ['a', null], invalid: [1] }],
  ['anyOf with one branch', { given: { anyOf: [{ type: 'string', minLength: 1 }] }, want: 'z.string().min(1)', valid: ['a'], invalid: [''] }],
  [
    'oneOf of objects with a const tag',
    {
      given: {
        oneOf: [
          { type: 'object', properties: { kind: { const: 'circle' }, radius: { type: 'number' } }, required: ['kind', 'radius'] },
          { type: 'object', properties: { kind: { type: 'string', enum: ['square'] }, side: { type: 'number' } }, required: ['kind', 'side'] },
        ],
      },
      want: [
        'z.discriminatedUnion("kind", [',
        '  z.object({',
        '    kind: z.literal("circle"),',
        '    radius: z.number(),',
        '  }),',
        '  z.object({',
        '    kind: z.literal("square"),',
        '    side: z.number(),',
        '  }),',
        '])',
      ].join('\n'),
      valid: [
        { kind: 'circle', radius: 1 },
        { kind: 'square', side: 2 },
      ],
      invalid: [{ kind: 'circle', side: 2 }, { kind: 'triangle' }, {}],
    },
  ],
  [
    'oneOf without a distinct tag stays a union',
    {
      given: {
        oneOf: [
          { type: 'object', properties: { kind: { const: 'a' }, x: { type: 'number' } }, required: ['kind', 'x'] },
          { type: 'object', properties: { kind: { const: 'a' }, y: { type: 'string' } }, required: ['kind', 'y'] },
        ],
      },
      want: [
        'z.union([',
        '  z.object({',
        '    kind: z.literal("a"),',
        '    x: z.number(),',
        '  }),',
        '  z.object({',
        '    kind: z.literal("a"),',
        '    y: z.string(),',
        '  }),',
        '])',
      ].join('\n'),
      valid: [
        { kind: 'a', x: 1 },
        { kind: 'a', y: 'b' },
      ],
      invalid: [{ kind: 'a' }, { kind: 'b', x: 1 }],
    },
  ],
  [
    'oneOf with an optional tag is not discriminated',
    {
      given: {
        oneOf: [
          { type: 'object', properties: { kind: { const: 'a' } } },
          { type: 'object', properties: { kind: { const: 'b' } }, required: ['kind'] },
        ],
      },
      want: 'z.union([\n  z.object({\n    kind: z.literal("a").optional(),\n  }),\n  z.object({\n    kind: z.literal("b"),\n  }),\n])',
      valid: [{ kind: 'b' }],
      invalid: [{ kind: 'c' }],
    },
  ],

  [
    'discriminator with an enum of several values',
    {
      given: {
        oneOf: [
          { type: 'object', properties: { kind: { enum: ['a', 'b'] }, x: { type: 'number' } }, required: ['kind', 'x'] },
          { type: 'object', properties: { kind: { const: 'c' }, y: { type: 'string' } }, required: ['kind', 'y'] },
        ],
      },
      want: [
        'z.discriminatedUnion("kind", [',
        '  z.object({',
        '    kind: z.enum(["a", "b"]),',
        '    x: z.number(),',
        '  }),',
        '  z.object({',
        '    kind: z.literal("c"),',
        '    y: z.string(),',
        '  }),',
        '])',
      ].join('\n'),
      valid: [
        { kind: 'b', x: 1 },
        { kind: 'c', y: 'z' },
      ],
      invalid: [{ kind: 'c', x: 1 }, { kind: 'd' }],
    },
  ],
  [
    'type: object beside a union of object $refs adds nothing',
    {
      given: {
        type: 'object',
        oneOf: [{ $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }],
        $defs: {
          A: { type: 'object', properties: { t: { const: 'a' } }, required: ['t'] },
          B: { allOf: [{ $ref: '#/$defs/Base' }, { properties: { t: { const: 'b' } }, required: ['t'] }] },
          Base: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        },
      },
      want: [
        'z.discriminatedUnion("t", [',
        '  z.object({',
        '    t: z.literal("a"),',
        '  }),',
        '  z.object({',
        '    id: z.int(),',
        '    t: z.literal("b"),',
        '  }),',
        '])',
      ].join('\n'),
      valid: [{ t: 'a' }, { t: 'b', id: 1 }],
      invalid: [{ t: 'b' }, { t: 'c' }, 'a'],
    },
  ],
  [
    'union branches that are unions join the union',
    {
      given: { anyOf: [{ type: ['string', 'null'] }, { type: 'integer' }] },
      want: 'z.union([z.string(), z.int()]).nullable()',
      valid: ['a', 1, null],
      invalid: [1.5, true],
    },
  ],

  // allOf
  [
    'allOf merges object schemas',
    {
      given: {
        allOf: [
          { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
          { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        ],
      },
      want: 'z.object({\n  id: z.int(),\n  name: z.string(),\n})',
      valid: [{ id: 1, name: 'a' }],
      invalid: [{ id: 1 }, { name: 'a' }],
    },
  ],
  [
    'allOf merges constraints on one property',
    {
      given: {
        allOf: [
          { type: 'object', properties: { n: { type: 'integer', minimum: 0 } } },
          { properties: { n: { maximum: 9 } }, required: ['n'] },
        ],
      },
      want: 'z.object({\n  n: z.int().min(0).max(9),\n})',
      valid: [{ n: 0 }, { n: 9 }],
      invalid: [{ n: -1 }, { n: 10 }, {}],
    },
  ],
  [
    'allOf merges string constraints',
    { given: { allOf: [{ type: 'string', minLength: 1 }, { maxLength: 3 }] }, want: 'z.string().min(1).max(3)', valid: ['abc'], invalid: ['', 'abcd'] },
  ],
  [
    'allOf merging keeps a property named __proto__',
    {
      given: JSON.parse('{"allOf":[{"type":"object","properties":{"__proto__":{"type":"string"}}},{"properties":{"a":{"type":"integer"}},"required":["a"]}]}'),
      want: 'z.object({\n  ["__proto__"]: z.string().optional(),\n  a: z.int(),\n})',
      valid: [{ a: 1 }],
      invalid: [{ a: 'x' }, {}],
    },
  ],
  [
    'allOf that cannot merge becomes an intersection',
    {
      given: {
        allOf: [
          { type: 'string', pattern: '^a' },
          { type: 'string', pattern: 'b$' },
        ],
      },
      want: 'z.intersection(z.string().regex(new RegExp("^a", "u")), z.string().regex(new RegExp("b$", "u")))',
      valid: ['ab', 'axb'],
      invalid: ['a', 'b', 'ba'],
    },
  ],
  [
    'allOf with disjoint types',
    { given: { allOf: [{ type: 'string' }, { type: 'number' }] }, want: 'z.intersection(z.string(), z.number())', invalid: ['a', 1] },
  ],
  [
    'properties with anyOf of required lists',
    {
      given: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] },
      want: [
        'z.union([',
        '  z.object({',
        '    a: z.string(),',
        '    b: z.string().optional(),',
        '  }),',
        '  z.object({',
        '    a: z.string().optional(),',
        '    b: z.string(),',
        '  }),',
        '])',
      ].join('\n'),
      valid: [{ a: 'x' }, { b: 'y' }, { a: 'x', b: 'y' }],
      invalid: [{}, { a: 1 }],
    },
  ],

  // objects
  [
    'additionalProperties: false',
    {
      given: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      want: 'z.strictObject({\n  a: z.string().optional(),\n})',
      valid: [{}, { a: 'x' }],
      invalid: [{ b: 1 }],
    },
  ],
  [
    'additionalProperties: true',
    {
      given: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
      want: 'z.looseObject({\n  a: z.string().optional(),\n})',
      valid: [{ a: 'x', b: 1 }],
      invalid: [{ a: 1 }],
    },
  ],
  [
    'additionalProperties schema with properties',
    {
      given: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: { type: 'number' } },
      want: 'z.object({\n  a: z.string(),\n}).catchall(z.number())',
      valid: [{ a: 'x' }, { a: 'x', b: 1 }],
      invalid: [{ a: 'x', b: 'y' }],
    },
  ],
  [
    'additionalProperties schema without properties',
    {
      given: { type: 'object', additionalProperties: { type: 'integer' } },
      want: 'z.record(z.string(), z.int())',
      valid: [{}, { a: 1 }],
      invalid: [{ a: 'x' }, []],
    },
  ],
  ['free-form object', { given: { type: 'object' }, want: 'z.record(z.string(), z.unknown())', valid: [{}, { a: 1 }], invalid: ['a', null] }],
  ['empty closed object', { given: { type: 'object', additionalProperties: false }, want: 'z.strictObject({})', valid: [{}], invalid: [{ a: 1 }] }],
  [
    'objects: strict',
    {
      given: { type: 'object', properties: { a: { type: 'string' } } },
      options: { objects: 'strict' },
      want: 'z.strictObject({\n  a: z.string().optional(),\n})',
      valid: [{ a: 'x' }],
      invalid: [{ b: 1 }],
      notJsonSchema: 'strict mode rejects undeclared keys on purpose (tool inputs)',
    },
  ],
  [
    'objects: strict keeps free-form objects open',
    { given: { type: 'object' }, options: { objects: 'strict' }, want: 'z.record(z.string(), z.unknown())', valid: [{ b: 1 }] },
  ],
  [
    'objects: loose',
    {
      given: { type: 'object', properties: { a: { type: 'string' } } },
      options: { objects: 'loose' },
      want: 'z.looseObject({\n  a: z.string().optional(),\n})',
      valid: [{ b: 1 }],
    },
  ],
  [
    'keys that are not identifiers',
    {
      // JSON.parse: in an object literal, __proto__ would set the prototype
      given: JSON.parse(
        '{"type":"object","properties":{"content-type":{"type":"string"},"123":{"type":"string"},"__proto__":{"type":"string"},"default":{"type":"string"}}}',
      ),
      want: 'z.object({\n  "123": z.string().optional(),\n  "content-type": z.string().optional(),\n  ["__proto__"]: z.string().optional(),\n  default: z.string().optional(),\n})',
      valid: [{ 'content-type': 'a', '123': 'b', default: 'c' }],
      invalid: [{ 'content-type': 1 }, { '123': 1 }],
    },
  ],
  [
    'required property without a schema',
    { given: { type: 'object', required: ['a'] }, want: 'z.object({\n  a: z.unknown(),\n})', valid: [{ a: null }, { a: 1 }], invalid: [{}] },
  ],
  [
    'minProperties and maxProperties',
    {
      given: { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1, maxProperties: 2 },
      want: [
        'z.record(z.string(), z.string())',
        '  .refine((value) => Object.keys(value).length >= 1, "Expected at least 1 property")',
        '  .refine((value) => Object.keys(value).length <= 2, "Expected at most 2 properties")',
      ].join('\n'),
      valid: [{ a: 'x' }, { a: 'x', b: 'y' }],
      invalid: [{}, { a: 'x', b: 'y', c: 'z' }],
    },
  ],

  // strings
  [
    'minLength and maxLength',
    { given: { type: 'string', minLength: 2, maxLength: 4 }, want: 'z.string().min(2).max(4)', valid: ['ab', 'abcd'], invalid: ['a', 'abcde'] },
  ],
  [
    'equal min and max length',
    { given: { type: 'string', minLength: 3, maxLength: 3 }, want: 'z.string().length(3)', valid: ['abc'], invalid: ['ab', 'abcd'] },
  ],
  [
    'pattern is unanchored and compiled with the u flag',
    {
      given: { type: 'string', pattern: '\\p{Lu}\\d+' },
      want: 'z.string().regex(new RegExp("\\\\p{Lu}\\\\d+", "u"))',
      valid: ['xA12y'],
      invalid: ['a12', 'A'],
    },
  ],
  [
    'pattern in legacy syntax',
    {
      given: { type: 'string', pattern: '^[a-z]\\-[0-9]$' },
      want: 'z.string().regex(new RegExp("^[a-z]\\\\-[0-9]$"))',
      valid: ['a-1'],
      invalid: ['a1'],
      notJsonSchema: 'ajv compiles patterns with the u flag and rejects this one',
    },
  ],
  [
    'pattern text is never spliced into code',
    {
      given: { type: 'string', pattern: '^"\\)/;throw 1;//\n$' },
      want: 'z.string().regex(new RegExp("^\\"\\\\)/;throw 1;//\\n$", "u"))',
      valid: ['")/;throw 1;//\n'],
      invalid: ['x'],
    },
  ],
  [
    'format date-time',
    {
      given: { type: 'string', format: 'date-time' },
      want: 'z.iso.datetime({ offset: true })',
      valid: ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.5+02:00'],
      invalid: ['2024-05-01', 'yesterday'],
    },
  ],
  ['format date', { given: { type: 'string', format: 'date' }, want: 'z.iso.date()', valid: ['2024-05-01'], invalid: ['2024-13-01', '2024-05-01T00:00:00Z'] }],
  ['format email', { given: { type: 'string', format: 'email' }, want: 'z.email()', valid: ['a@example.com'], invalid: ['not an email'] }],
  ['format uri', { given: { type: 'string', format: 'uri' }, want: 'z.url()', valid: ['https://example.com/a?b=1'], invalid: ['/relative'] }],
  [
    'format url',
    {
      given: { type: 'string', format: 'url' },
      want: 'z.url()',
      valid: ['https://example.com'],
      invalid: ['nope'],
      notJsonSchema: '"url" is not a JSON Schema format',
    },
  ],
  ['format uuid', { given: { type: 'string', format: 'uuid' }, want: 'z.uuid()', valid: ['123e4567-e89b-42d3-a456-426614174000'], invalid: ['123e4567'] }],
  ['format ipv4', { given: { type: 'string', format: 'ipv4' }, want: 'z.ipv4()', valid: ['192.168.0.1'], invalid: ['256.1.1.1', '::1'] }],
  ['format ipv6', { given: { type: 'string', format: 'ipv6' }, want: 'z.ipv6()', valid: ['::1', '2001:db8::8a2e:370:7334'], invalid: ['192.168.0.1'] }],
  [
    'format with constraints',
    { given: { type: 'string', format: 'email', maxLength: 20 }, want: 'z.email().max(20)', valid: ['a@example.com'], invalid: ['abcdefghijk@example.com'] },
  ],
  ['other formats are described', { given: { type: 'string', format: 'hostname' }, want: 'z.string().describe("format: hostname")', valid: ['example.com'] }],
  [
    'other formats join the description',
    { given: { type: 'string', format: 'byte', description: 'Base64 content' }, want: 'z.string().describe("Base64 content (format: byte)")', valid: ['aGk='] },
  ],

  // numbers
  ['minimum and maximum', { given: { type: 'number', minimum: 0, maximum: 1 }, want: 'z.number().min(0).max(1)', valid: [0, 0.5, 1], invalid: [-0.1, 1.1] }],
  [
    'exclusiveMinimum and exclusiveMaximum (numbers)',
    { given: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, want: 'z.number().gt(0).lt(1)', valid: [0.5], invalid: [0, 1] },
  ],
  [
    'exclusiveMinimum and exclusiveMaximum (draft-04 booleans)',
    {
      given: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true },
      want: 'z.number().gt(0).lt(1)',
      valid: [0.5],
      invalid: [0, 1],
      notJsonSchema: 'boolean exclusiveMinimum is draft-04 / OpenAPI 3.0',
    },
  ],
  ['multipleOf', { given: { type: 'number', multipleOf: 0.5 }, want: 'z.number().multipleOf(0.5)', valid: [1, 1.5], invalid: [1.25] }],
  ['integer bounds', { given: { type: 'integer', minimum: 1, maximum: 100 }, want: 'z.int().min(1).max(100)', valid: [1, 100], invalid: [0, 101, 1.5] }],
  ['negative bounds', { given: { type: 'integer', minimum: -5 }, want: 'z.int().min(-5)', valid: [-5], invalid: [-6] }],

  // arrays
  [
    'minItems and maxItems',
    {
      given: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 },
      want: 'z.array(z.int()).min(1).max(2)',
      valid: [[1], [1, 2]],
      invalid: [[], [1, 2, 3]],
    },
  ],
  [
    'uniqueItems',
    {
      given: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      want: 'z.array(z.string())\n  .refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, "Items must be unique")',
      valid: [[], ['a', 'b']],
      invalid: [['a', 'a']],
    },
  ],
  [
    'prefixItems with items: false',
    {
      given: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false, minItems: 2 },
      want: 'z.tuple([z.string(), z.int()])',
      valid: [['a', 1]],
      invalid: [['a'], ['a', 1, 2], [1, 'a']],
    },
  ],
  [
    'prefixItems with optional positions and a rest schema',
    {
      given: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: { type: 'boolean' }, minItems: 1 },
      want: 'z.tuple([z.string(), z.int().optional()], z.boolean())',
      valid: [['a'], ['a', 1], ['a', 1, true, false]],
      invalid: [[], [1], ['a', 1, 'x']],
    },
  ],
  [
    'prefixItems allow any further items by default',
    {
      given: { type: 'array', prefixItems: [{ type: 'string' }], maxItems: 2 },
      want: 'z.tuple([z.string().optional()], z.unknown()).check(z.maxLength(2))',
      valid: [[], ['a', 1]],
      invalid: [[1], ['a', 1, 2]],
    },
  ],
  [
    'items array with additionalItems: false (draft-07)',
    {
      given: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false, minItems: 2 },
      want: 'z.tuple([z.string(), z.number()])',
      valid: [['a', 1]],
      invalid: [['a', 1, 2], ['a']],
      draft: '07',
    },
  ],

  // description, deprecated, default
  [
    'description is escaped',
    {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax in schema text must come out inert
      given: { type: 'string', description: 'Say "hi"\nthen `${run()}` */ \\ \u2028 end' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the same text, escaped
      want: 'z.string().describe("Say \\"hi\\"\\nthen `${run()}` */ \\\\ \u2028 end")',
      valid: ['x'],
    },
  ],
  ['deprecated', { given: { type: 'string', deprecated: true }, want: 'z.string().meta({ deprecated: true })', valid: ['x'] }],
  [
    'deprecated with a description',
    { given: { type: 'string', deprecated: true, description: 'Old' }, want: 'z.string().meta({ description: "Old", deprecated: true })', valid: ['x'] },
  ],
  [
    'default on an optional property',
    {
      given: {
        type: 'object',
        properties: { per_page: { type: 'integer', default: 30, description: 'Page size' }, state: { enum: ['open', 'closed'], default: 'open' } },
      },
      want: 'z.object({\n  per_page: z.int().default(30).describe("Page size"),\n  state: z.enum(["open", "closed"]).default("open"),\n})',
      valid: [{}, { per_page: 5 }],
      invalid: [{ per_page: 'x' }, { state: 'all' }],
      parsed: [[{}, { per_page: 30, state: 'open' }]],
    },
  ],
  [
    'object and array defaults',
    {
      given: {
        type: 'object',
        properties: {
          options: { type: 'object', properties: { deep: { type: 'boolean' } }, default: { deep: false } },
          labels: { type: 'array', items: { type: 'string' }, default: [] },
        },
      },
      want: 'z.object({\n  options: z.object({\n    deep: z.boolean().optional(),\n  }).default({ deep: false }),\n  labels: z.array(z.string()).default([]),\n})',
      valid: [{}, { labels: ['a'] }],
      invalid: [{ labels: [1] }],
    },
  ],
  [
    'default on a required property is not applied',
    {
      given: { type: 'object', properties: { a: { type: 'string', default: 'x' } }, required: ['a'] },
      want: 'z.object({\n  a: z.string(),\n})',
      valid: [{ a: 'y' }],
      invalid: [{}],
    },
  ],
  [
    'default of the schema a $ref names',
    {
      given: { type: 'object', properties: { direction: { $ref: '#/$defs/Direction' } }, $defs: { Direction: { enum: ['asc', 'desc'], default: 'desc' } } },
      want: 'z.object({\n  direction: z.enum(["asc", "desc"]).default("desc"),\n})',
      valid: [{}, { direction: 'asc' }],
      invalid: [{ direction: 'up' }],
      parsed: [[{}, { direction: 'desc' }]],
    },
  ],
  [
    'a default that needs the defaults inside it is parsed (prefault)',
    {
      given: { type: 'object', properties: { options: { type: 'object', properties: { deep: { type: 'boolean', default: false } }, default: {} } } },
      want: 'z.object({\n  options: z.object({\n    deep: z.boolean().default(false),\n  }).prefault({}),\n})',
      valid: [{}, { options: { deep: true } }],
      invalid: [{ options: { deep: 1 } }],
      parsed: [
        [{}, { options: { deep: false } }],
        [{ options: {} }, { options: { deep: false } }],
      ],
    },
  ],
  [
    'nullable default',
    {
      given: { type: 'object', properties: { a: { type: ['string', 'null'], default: null } } },
      want: 'z.object({\n  a: z.string().nullable().default(null),\n})',
      valid: [{}, { a: null }, { a: 'x' }],
      invalid: [{ a: 1 }],
    },
  ],

  // $ref (inline conversion when used alone)
  [
    '$ref into $defs is converted in place',
    { given: { $defs: { Name: { type: 'string', minLength: 1 } }, $ref: '#/$defs/Name' }, want: 'z.string().min(1)', valid: ['a'], invalid: [''] },
  ],
  [
    '$ref with a description',
    {
      given: { definitions: { Id: { type: 'integer' } }, type: 'object', properties: { id: { $ref: '#/definitions/Id', description: 'The id' } } },
      want: 'z.object({\n  id: z.int().optional().describe("The id"),\n})',
      valid: [{ id: 1 }],
      invalid: [{ id: 'x' }],
      draft: '07',
    },
  ],
  [
    '$ref with sibling constraints (2020-12)',
    {
      given: {
        $defs: { Base: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
        $ref: '#/$defs/Base',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
      want: 'z.object({\n  id: z.int(),\n  name: z.string(),\n})',
      valid: [{ id: 1, name: 'a' }],
      invalid: [{ id: 1 }, { name: 'a' }],
    },
  ],

  // keywords imply the type when `type` is absent
  [
    'properties without type',
    {
      given: { properties: { a: { type: 'string' } } },
      want: 'z.object({\n  a: z.string().optional(),\n})',
      valid: [{}],
      invalid: [1],
      notJsonSchema: 'without type, JSON Schema would accept non-objects; the emitter reads properties as "an object"',
    },
  ],
  [
    'items without type',
    { given: { items: { type: 'string' } }, want: 'z.array(z.string())', valid: [['a']], invalid: ['a'], notJsonSchema: 'type inferred from items' },
  ],
  [
    'minLength without type',
    { given: { minLength: 1 }, want: 'z.string().min(1)', valid: ['a'], invalid: [''], notJsonSchema: 'type inferred from minLength' },
  ],
];

describe.each(cases)('jsonSchemaToZodExpression: %s', (_name, c) => {
  test('emits the expected zod', () => {
    const diagnostics: Diagnostic[] = [];
    expect(jsonSchemaToZodExpression(c.given as JsonSchema, { ...c.options, diagnostics })).toBe(c.want);
    expect(diagnostics).toEqual([]);
  });
  if (c.valid?.length || c.invalid?.length) {
    test('accepts and rejects what the schema does', () => checkSamples(c, c.want));
  }
});

test('every case has samples', () => {
  expect(cases.filter(([, c]) => !c.valid?.length && !c.invalid?.length).map(([name]) => name)).toEqual([]);
});

// ---------------------------------------------------------------- diagnostics

interface DiagnosticCase {
  given: unknown;
  want: string;
  diagnostics: Pick<Diagnostic, 'code' | 'pointer'>[];
}

const diagnosticCases: [string, DiagnosticCase][] = [
  ['unsupported keyword', { given: { type: 'string', not: { const: 'x' } }, want: 'z.string()', diagnostics: [{ code: 'TW2001', pointer: '#/not' }] }],
  [
    'unsupported keyword in a nested schema',
    {
      given: { type: 'object', properties: { 'a/b': { type: 'object', patternProperties: { '^x': {} } } } },
      want: 'z.object({\n  "a/b": z.record(z.string(), z.unknown()).optional(),\n})',
      diagnostics: [{ code: 'TW2001', pointer: '#/properties/a~1b/patternProperties' }],
    },
  ],
  ['unknown keyword', { given: { type: 'number', minimun: 1 }, want: 'z.number()', diagnostics: [{ code: 'TW2001', pointer: '#/minimun' }] }],
  ['extension keywords are silent', { given: { type: 'number', 'x-go-type': 'int64', title: 'n' }, want: 'z.number()', diagnostics: [] }],
  ['external $ref', { given: { $ref: 'other.json#/X' }, want: 'z.unknown()', diagnostics: [{ code: 'TW2003', pointer: '#/$ref' }] }],
  ['unresolved $ref', { given: { $ref: '#/$defs/Missing' }, want: 'z.unknown()', diagnostics: [{ code: 'TW2002', pointer: '#/$ref' }] }],
  [
    'recursive $ref without a module',
    {
      given: { $defs: { L: { type: 'array', items: { $ref: '#/$defs/L' } } }, $ref: '#/$defs/L' },
      want: 'z.array(z.unknown())',
      diagnostics: [{ code: 'TW2009', pointer: '#/$defs/L/items/$ref' }],
    },
  ],
  ['invalid pattern', { given: { type: 'string', pattern: '([a-z' }, want: 'z.string()', diagnostics: [{ code: 'TW2004', pointer: '#/pattern' }] }],
  [
    'default that does not fit',
    {
      given: { type: 'object', properties: { n: { type: 'integer', default: '10' } } },
      want: 'z.object({\n  n: z.int().optional(),\n})',
      diagnostics: [{ code: 'TW2005', pointer: '#/properties/n/default' }],
    },
  ],
  [
    'object default with a missing required key',
    {
      given: { type: 'object', properties: { o: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], default: {} } } },
      want: 'z.object({\n  o: z.object({\n    a: z.string(),\n  }).optional(),\n})',
      diagnostics: [{ code: 'TW2005', pointer: '#/properties/o/default' }],
    },
  ],
  [
    'default outside the range',
    {
      given: { type: 'object', properties: { n: { type: 'integer', minimum: 1, default: 0 } } },
      want: 'z.object({\n  n: z.int().min(1).optional(),\n})',
      diagnostics: [{ code: 'TW2005', pointer: '#/properties/n/default' }],
    },
  ],
  ['unknown type', { given: { type: 'text' }, want: 'z.unknown()', diagnostics: [{ code: 'TW2007', pointer: '#/type' }] }],
  ['malformed minLength', { given: { type: 'string', minLength: -1 }, want: 'z.string()', diagnostics: [{ code: 'TW2007', pointer: '#/minLength' }] }],
  ['malformed subschema', { given: { type: 'array', items: 'string' }, want: 'z.array(z.unknown())', diagnostics: [{ code: 'TW2007', pointer: '#/items' }] }],
  ['enum of objects', { given: { enum: [{ a: 1 }] }, want: 'z.unknown()', diagnostics: [{ code: 'TW2008', pointer: '#/enum' }] }],
  ['empty anyOf', { given: { anyOf: [] }, want: 'z.unknown()', diagnostics: [{ code: 'TW2007', pointer: '#/anyOf' }] }],
];

describe.each(diagnosticCases)('diagnostics: %s', (_name, c) => {
  test('emits code and reports', () => {
    const diagnostics: Diagnostic[] = [];
    const code = jsonSchemaToZodExpression(c.given as JsonSchema, { diagnostics, subject: 'tool_input' });
    expect(code).toBe(c.want);
    expect(diagnostics.map((d) => ({ code: d.code, pointer: d.pointer }))).toEqual(c.diagnostics);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ severity: 'warning', subject: 'tool_input' });
      expect(d.message.length).toBeGreaterThan(20);
    }
    expect(() => evaluate(code)).not.toThrow();
  });
});

test('a diagnostic names the keyword and says it is not enforced', () => {
  const diagnostics: Diagnostic[] = [];
  jsonSchemaToZodExpression({ type: 'object', properties: { a: { if: { type: 'string' } } } }, { diagnostics });
  expect(diagnostics).toEqual([
    {
      code: 'TW2001',
      severity: 'warning',
      pointer: '#/properties/a/if',
      message: 'The zod emitter does not translate the keyword "if"; it is not enforced by the generated schema.',
      hint: 'Express the constraint with supported keywords, or validate it in the handler.',
    },
  ]);
});

test('resolveRef maps a $ref to an identifier in scope', () => {
  const code = jsonSchemaToZodExpression(
    { type: 'array', items: { $ref: '#/components/schemas/user' } },
    { resolveRef: (ref) => (ref === '#/components/schemas/user' ? 'User' : undefined) },
  );
  expect(code).toBe('z.array(User)');
});

/**
 * Random schemas from a seeded generator (mulberry32: the same schemas on
 * every run): objects, arrays, tuples, scalars with constraints and
 * defaults, references into a shared $defs (so cycles appear), compositions,
 * and malformed keywords.
 */
function randomSchemas(seed: number, count: number): unknown[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const maybe = (p: number, f: () => void) => {
    if (random() < p) f();
  };
  const values = [0, 1, -1, 2.5, 'a', 'b', '', true, null, {}, [], { a: 'x' }, ['a'], '([', '__proto__'];
  const refs = ['#/$defs/a', '#/$defs/b', '#/$defs/c', '#', '#/$defs/a/properties/a', '#/nope', 'x.json'];
  const schema = (depth: number): unknown => {
    const leaf = depth > 3;
    const kind = pick(leaf ? ['scalar', 'ref', 'junk'] : ['object', 'object', 'array', 'tuple', 'scalar', 'scalar', 'ref', 'ref', 'composition', 'junk']);
    const out: Record<string, unknown> = {};
    switch (kind) {
      case 'object': {
        out.type = pick(['object', 'object', ['object', 'null'], undefined]);
        const keys = ['a', 'b', 'c', 'kind'].filter(() => random() < 0.6);
        out.properties = Object.fromEntries(keys.map((k) => [k, k === 'kind' ? { const: pick(['x', 'y', 'z']) } : schema(depth + 1)]));
        out.required = keys.filter(() => random() < 0.5);
        maybe(0.3, () => (out.additionalProperties = pick([false, true, {}, { type: 'string' }, schema(depth + 1)])));
        maybe(0.1, () => (out.minProperties = pick([0, 1, 2])));
        break;
      }
      case 'array':
        out.type = 'array';
        out.items = schema(depth + 1);
        maybe(0.3, () => (out.minItems = pick([0, 1, 2])));
        maybe(0.2, () => (out.uniqueItems = random() < 0.8));
        break;
      case 'tuple':
        out.type = 'array';
        out.prefixItems = Array.from({ length: Math.floor(random() * 3) }, () => schema(depth + 1));
        maybe(0.5, () => (out.items = pick([false, true, schema(depth + 1)])));
        maybe(0.5, () => (out.minItems = pick([0, 1, 2, 3])));
        maybe(0.2, () => (out.maxItems = pick([1, 2, 4])));
        break;
      case 'scalar': {
        const type = pick(['string', 'number', 'integer', 'boolean', 'null', ['string', 'null'], ['integer', 'string']]);
        out.type = type;
        maybe(0.2, () => (out.enum = [pick(values), pick(values), pick(values)]));
        maybe(0.1, () => (out.const = pick(values)));
        maybe(0.2, () => (out.minLength = pick([0, 1, 3, -1])));
        maybe(0.1, () => (out.pattern = pick(['^a', 'b$', '([', '\\d+'])));
        maybe(0.2, () => (out.format = pick(['date-time', 'email', 'uuid', 'hostname', 'int64'])));
        maybe(0.2, () => (out.minimum = pick([0, 1, -5, 'x'])));
        maybe(0.1, () => (out.exclusiveMaximum = pick([10, true])));
        maybe(0.1, () => (out.multipleOf = pick([2, 0.5, 0])));
        break;
      }
      case 'ref':
        out.$ref = pick(refs);
        break;
      case 'composition':
        out[pick(['anyOf', 'oneOf', 'allOf'])] = Array.from({ length: 1 + Math.floor(random() * 3) }, () => schema(depth + 1));
        maybe(0.3, () => (out.type = pick(['object', 'string'])));
        break;
      default:
        for (const key of ['not', 'if', 'type', 'items', 'properties', 'required', 'enum', 'x-vendor', 'title', 'nope'].filter(() => random() < 0.3))
          out[key] = pick(values);
    }
    maybe(0.15, () => (out.default = pick(values)));
    maybe(0.1, () => (out.nullable = true));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax in schema text must come out inert
    maybe(0.15, () => (out.description = pick(['A "quoted" */ text', 'line\nbreak', '${x}'])));
    maybe(0.05, () => (out.deprecated = true));
    return random() < 0.05 ? random() < 0.5 : out;
  };
  return Array.from({ length: count }, () => {
    const root = schema(0);
    return typeof root === 'boolean' ? root : { ...(root as object), $defs: { a: schema(1), b: schema(1), c: schema(2) } };
  });
}

test('arbitrary (also malformed) schemas never crash the emitter, and the emitted code type-checks and runs', () => {
  const schemas = [...randomSchemas(20240501, 200), ...randomSchemas(7, 200)];
  const inputs: ZodSchemaInput[] = schemas.map((schema, i) => ({ exportName: `S${i}`, schema: schema as JsonSchema, objects: i % 2 ? 'strict' : 'strip' }));
  for (const schema of schemas) {
    const expression = jsonSchemaToZodExpression(schema as JsonSchema);
    expect(() => evaluate(expression), expression).not.toThrow();
  }
  const { code } = emitZodModule(inputs);
  expect(typeCheck(code)).toEqual([]);
  const module = loadModule(code);
  for (const schema of Object.values(module)) expect(typeof schema.safeParse).toBe('function');
});

/** A seeded PRNG (mulberry32). */
function prng(seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const maybe = (p: number, f: () => void) => {
    if (random() < p) f();
  };
  return { random, pick, maybe };
}

test.each([1, 2])('random schemas and values: the emitted zod agrees with ajv (seed %i)', (seed) => {
  const { random, pick, maybe } = prng(seed);
  // Only keywords the emitter translates exactly (no oneOf, format, type inference or allOf closing objects).
  const schema = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    switch (pick(depth > 2 ? ['scalar', 'literal'] : ['object', 'array', 'tuple', 'scalar', 'scalar', 'literal', 'anyOf', 'allOf', 'types'])) {
      case 'object': {
        const keys = ['a', 'b', 'k'].filter(() => random() < 0.6);
        out.type = 'object';
        out.properties = Object.fromEntries(keys.map((k) => [k, schema(depth + 1)]));
        out.required = keys.filter(() => random() < 0.5);
        maybe(0.4, () => (out.additionalProperties = pick(depth > 0 ? [true, { type: 'number' }] : [false, true, { type: 'number' }])));
        maybe(0.15, () => (out.minProperties = 1));
        maybe(0.1, () => (out.maxProperties = 1));
        break;
      }
      case 'array':
        out.type = 'array';
        out.items = schema(depth + 1);
        maybe(0.3, () => (out.minItems = pick([1, 2])));
        maybe(0.3, () => (out.maxItems = pick([1, 2])));
        maybe(0.2, () => (out.uniqueItems = true));
        break;
      case 'tuple':
        out.type = 'array';
        out.prefixItems = [schema(depth + 1), schema(depth + 1)];
        maybe(0.5, () => (out.items = pick([false, schema(depth + 1)])));
        maybe(0.5, () => (out.minItems = pick([0, 1, 2, 3])));
        maybe(0.3, () => (out.maxItems = pick([1, 2, 3])));
        break;
      case 'scalar':
        out.type = pick(['string', 'number', 'integer', 'boolean', 'null']);
        if (out.type === 'string') {
          maybe(0.3, () => (out.minLength = pick([1, 2])));
          maybe(0.3, () => (out.maxLength = pick([1, 3])));
          maybe(0.2, () => (out.pattern = pick(['^a', 'b', '^[0-9]+$'])));
        } else if (out.type !== 'boolean' && out.type !== 'null') {
          maybe(0.3, () => (out.minimum = pick([0, 1.5, -2])));
          maybe(0.3, () => (out.exclusiveMaximum = pick([3, 10])));
          maybe(0.2, () => (out.multipleOf = pick([2, 0.5])));
        }
        break;
      case 'literal':
        if (random() < 0.5) out.enum = [pick(['a', 1, true, null, 'b', 2.5]), pick(['a', 'c', 0, null])];
        else out.const = pick(['a', 1, false, null]);
        maybe(0.3, () => (out.type = pick(['string', 'integer', ['string', 'null']])));
        maybe(0.2, () => (out.minLength = 2));
        break;
      case 'anyOf':
        out.anyOf = [schema(depth + 1), schema(depth + 1)];
        break;
      case 'allOf':
        out.allOf = [schema(depth + 1), schema(depth + 1)];
        break;
      default:
        out.type = pick([
          ['string', 'null'],
          ['integer', 'string'],
          ['number', 'boolean', 'null'],
        ]);
        maybe(0.4, () => (out.minLength = 2));
        maybe(0.4, () => (out.minimum = 1));
    }
    return out;
  };
  const value = (depth: number): unknown =>
    pick<() => unknown>([
      () => pick(['', 'a', 'ab', 'b', 'abc', '12', 'ba']),
      () => pick([0, 1, -1, 1.5, 2, 2.5, 3, 4, -2, 10]),
      () => pick([true, false]),
      () => null,
      () => (depth > 2 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))),
      () => (depth > 2 ? {} : Object.fromEntries(['a', 'b', 'k', 'z'].filter(() => random() < 0.5).map((k) => [k, value(depth + 1)]))),
    ])();
  let compared = 0;
  for (let i = 0; i < 600; i++) {
    const given = schema(0);
    const expression = jsonSchemaToZodExpression(given, { objects: 'loose' });
    const emitted = evaluate(expression);
    const validate = ajv2020.compile(given);
    for (let j = 0; j < 20; j++) {
      const sample = value(0);
      const verdict = validate(sample);
      if (emitted.safeParse(sample).success !== verdict) {
        expect.fail(`${JSON.stringify(given)}\nvalue ${JSON.stringify(sample)}: JSON Schema says ${verdict ? 'valid' : 'invalid'}\nemitted ${expression}`);
      }
      compared++;
    }
  }
  expect(compared).toBe(12_000);
});

// ---------------------------------------------------------------- modules

const nodeDef = {
  type: 'object',
  properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
  required: ['name'],
};

describe('emitZodModule', () => {
  test('one export and one type per input, zod imported once', () => {
    const { code, diagnostics } = emitZodModule([
      { exportName: 'GetUserInput', schema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }, objects: 'strict' },
      { exportName: 'GetUserOutput', schema: { type: 'object', properties: { name: { type: 'string' } } } },
    ]);
    expect(diagnostics).toEqual([]);
    expect(code).toBe(
      [
        'import { z } from "zod";',
        '',
        'export const GetUserInput = z.strictObject({',
        '  id: z.int(),',
        '});',
        'export type GetUserInput = z.output<typeof GetUserInput>;',
        '',
        'export const GetUserOutput = z.object({',
        '  name: z.string().optional(),',
        '});',
        'export type GetUserOutput = z.output<typeof GetUserOutput>;',
        '',
      ].join('\n'),
    );
  });

  test('header, runtime import and doc comment', () => {
    const { code } = emitZodModule([{ exportName: 'A', schema: { type: 'string' }, description: 'Arguments of a.\nEnds here */ not here.' }], {
      header: '// generated\n',
      runtimeImport: 'zod/v4',
    });
    expect(code).toBe(
      [
        '// generated',
        '',
        'import { z } from "zod/v4";',
        '',
        '/**',
        ' * Arguments of a.',
        ' * Ends here *\\/ not here.',
        ' */',
        'export const A = z.string();',
        'export type A = z.output<typeof A>;',
        '',
      ].join('\n'),
    );
  });

  test('a definition shared by name and content is emitted once', () => {
    const user = { type: 'object', properties: { login: { type: 'string' } }, required: ['login'] };
    const { code } = emitZodModule([
      { exportName: 'A', schema: { type: 'object', properties: { owner: { $ref: '#/$defs/simple-user' } }, $defs: { 'simple-user': user } } },
      { exportName: 'B', schema: { type: 'array', items: { $ref: '#/$defs/simple-user' }, $defs: { 'simple-user': { ...user } } } },
    ]);
    expect(code.match(/export const SimpleUser\b/g)).toHaveLength(1);
    expect(code).toContain('export const B = z.array(SimpleUser);');
    expect(code.indexOf('export const SimpleUser')).toBeLessThan(code.indexOf('export const A'));
  });

  test('same name with different content gets distinct names; so does a different object mode', () => {
    const { code } = emitZodModule([
      { exportName: 'A', schema: { $ref: '#/$defs/id', $defs: { id: { type: 'integer' } } } },
      { exportName: 'B', schema: { $ref: '#/$defs/id', $defs: { id: { type: 'string' } } } },
      { exportName: 'C', schema: { $ref: '#/$defs/obj', $defs: { obj: { type: 'object', properties: { a: { type: 'string' } } } } } },
      { exportName: 'D', objects: 'strict', schema: { $ref: '#/$defs/obj', $defs: { obj: { type: 'object', properties: { a: { type: 'string' } } } } } },
    ]);
    expect(code).toContain('export const Id = z.int();');
    expect(code).toContain('export const Id2 = z.string();');
    expect(code).toContain('export const A = Id;');
    expect(code).toContain('export const B = Id2;');
    expect(code).toContain('export const Obj = z.object({');
    expect(code).toContain('export const Obj2 = z.strictObject({');
  });

  test('a definition without objects is shared across object modes', () => {
    const defs = { flag: { type: 'boolean', description: 'On or off' }, pair: { type: 'object', properties: { on: { $ref: '#/$defs/flag' } } } };
    const { code } = emitZodModule([
      {
        exportName: 'In',
        objects: 'strict',
        schema: { type: 'object', properties: { a: { $ref: '#/$defs/flag' }, p: { $ref: '#/$defs/pair' } }, $defs: defs },
      },
      { exportName: 'Out', schema: { type: 'object', properties: { a: { $ref: '#/$defs/flag' }, p: { $ref: '#/$defs/pair' } }, $defs: defs } },
    ]);
    expect([...code.matchAll(/^export const (\w+)/gm)].map((m) => m[1])).toEqual(['Flag', 'Pair', 'Pair2', 'In', 'Out']);
    expect(code).toContain('export const Pair = z.strictObject({\n  on: Flag.optional(),\n});');
    expect(code).toContain('export const Pair2 = z.object({\n  on: Flag.optional(),\n});');
  });

  test('a definition is shared only when what it refers to is identical too', () => {
    const wrapper = { type: 'object', properties: { item: { $ref: '#/$defs/item' } } };
    const { code } = emitZodModule([
      { exportName: 'A', schema: { $ref: '#/$defs/wrapper', $defs: { wrapper, item: { type: 'string' } } } },
      { exportName: 'B', schema: { $ref: '#/$defs/wrapper', $defs: { wrapper, item: { type: 'number' } } } },
    ]);
    expect(code).toContain('export const Wrapper = z.object({\n  item: Item.optional(),\n});');
    expect(code).toContain('export const Wrapper2 = z.object({\n  item: Item2.optional(),\n});');
  });

  test('definition names avoid exports, zod and the globals the code uses', () => {
    const { code, diagnostics } = emitZodModule([
      {
        exportName: 'Thing',
        schema: {
          type: 'object',
          properties: { a: { $ref: '#/$defs/thing' }, b: { $ref: '#/$defs/set' }, c: { $ref: '#/$defs/z' }, d: { $ref: '#/$defs/JSON' } },
          $defs: {
            thing: { type: 'string' },
            set: { type: 'array', items: { type: 'string' }, uniqueItems: true },
            z: { type: 'boolean' },
            JSON: { type: 'null' },
          },
        },
      },
    ]);
    expect(diagnostics).toEqual([]);
    expect(code).toContain('export const Thing2 = z.string();');
    expect(code).toContain('export const Set2 = z.array(z.string())\n  .refine((items) => new Set(');
    expect(code).toContain('export const Z = z.boolean();');
    expect(code).toContain('export const JSON2 = z.null();');
    const mod = loadModule(code);
    expect(mod.Thing!.safeParse({ a: 'x', b: ['p', 'q'], c: true, d: null }).success).toBe(true);
    expect(mod.Thing!.safeParse({ b: ['p', 'p'] }).success).toBe(false);
  });

  test('an invalid or repeated export name is an error, and is renamed', () => {
    const { code, diagnostics } = emitZodModule([
      { exportName: 'list-issues', schema: { type: 'string' } },
      { exportName: 'Same', schema: { type: 'string' } },
      { exportName: 'Same', schema: { type: 'number' } },
    ]);
    expect(code).toContain('export const list_issues = z.string();');
    expect(code).toContain('export const Same2 = z.number();');
    expect(diagnostics.map((d) => [d.code, d.severity, d.subject])).toEqual([
      ['TW2006', 'error', 'list-issues'],
      ['TW2006', 'error', 'Same'],
    ]);
  });

  test('definitions come before their users, sorted by name otherwise; unused ones are left out', () => {
    const { code } = emitZodModule([
      {
        exportName: 'Root',
        schema: {
          type: 'object',
          properties: { z: { $ref: '#/definitions/zeta' }, a: { $ref: '#/definitions/alpha' } },
          definitions: {
            zeta: { type: 'array', items: { $ref: '#/definitions/beta' } },
            alpha: { type: 'string' },
            beta: { type: 'number' },
            unused: { type: 'boolean' },
          },
        },
      },
    ]);
    const declared = [...code.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
    expect(declared).toEqual(['Alpha', 'Beta', 'Zeta', 'Root']);
  });

  test('warnings of a shared definition are reported once, with the pointer in its document', () => {
    const shared = { type: 'string', not: { const: '' } };
    const { diagnostics } = emitZodModule([
      { exportName: 'A', schema: { $ref: '#/$defs/s', $defs: { s: shared } } },
      { exportName: 'B', schema: { $ref: '#/$defs/s', $defs: { s: shared } } },
    ]);
    expect(diagnostics.map((d) => [d.code, d.pointer, d.subject])).toEqual([['TW2001', '#/$defs/s/not', 'A']]);
  });

  test('a $ref into a definition is converted in place, and its target declared first', () => {
    const { code } = emitZodModule([
      {
        exportName: 'A',
        schema: {
          type: 'object',
          properties: { state: { $ref: '#/$defs/issue/properties/state' } },
          $defs: { issue: { type: 'object', properties: { state: { enum: ['open', 'closed'] }, user: { $ref: '#/$defs/user' } } }, user: { type: 'string' } },
        },
      },
    ]);
    expect(code).toContain('export const A = z.object({\n  state: z.enum(["open", "closed"]).optional(),\n});');
  });

  test('deterministic: same input, same bytes; $defs order does not matter', () => {
    const inputs = (defs: Record<string, unknown>): ZodSchemaInput[] => [
      {
        exportName: 'X',
        schema: { type: 'object', properties: { a: { $ref: '#/$defs/a' }, b: { $ref: '#/$defs/b' }, n: { $ref: '#/$defs/node' } }, $defs: defs },
      },
    ];
    const a = { a: { type: 'string' }, b: { type: 'number' }, node: nodeDef };
    const b = { node: nodeDef, b: { type: 'number' }, a: { type: 'string' } };
    expect(emitZodModule(inputs(a)).code).toBe(emitZodModule(inputs(a)).code);
    expect(emitZodModule(inputs(a)).code).toBe(emitZodModule(inputs(b)).code);
  });

  test('many inputs sharing definitions: each definition once', () => {
    const defs = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `d${i}`,
        { type: 'object', properties: { v: { type: 'integer' }, next: i < 39 ? { $ref: `#/$defs/d${i + 1}` } : { type: 'null' } } },
      ]),
    );
    const inputs: ZodSchemaInput[] = Array.from({ length: 300 }, (_, i) => ({ exportName: `T${i}`, schema: { $ref: `#/$defs/d${i % 40}`, $defs: defs } }));
    const { code } = emitZodModule(inputs);
    expect([...code.matchAll(/^export const D\d+ = /gm)]).toHaveLength(40);
    const mod = loadModule(code);
    expect(mod.T0!.safeParse({ v: 1, next: { v: 2, next: { v: 3 } } }).success).toBe(true);
    expect(mod.T0!.safeParse({ v: 1, next: { v: 'x' } }).success).toBe(false);
  });
});

describe('emitZodModule: recursion', () => {
  test('self-recursive object: getter, written-out type, z.ZodType annotation', () => {
    const { code } = emitZodModule([{ exportName: 'Tree', schema: { $ref: '#/$defs/node', $defs: { node: nodeDef } } }]);
    expect(code).toBe(
      [
        'import { z } from "zod";',
        '',
        'export type Node = {',
        '  name: string;',
        '  children?: Node[] | undefined;',
        '};',
        'export const Node: z.ZodType<Node, Node> = z.object({',
        '  name: z.string(),',
        '  get children() {',
        '    return z.array(Node).optional();',
        '  },',
        '});',
        '',
        'export const Tree = Node;',
        'export type Tree = z.output<typeof Tree>;',
        '',
      ].join('\n'),
    );
    const { Tree } = loadModule(code);
    expect(Tree!.safeParse({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] }).success).toBe(true);
    expect(Tree!.safeParse({ name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] }).success).toBe(false);
  });

  test('recursion outside an object: z.lazy', () => {
    const { code } = emitZodModule([
      {
        exportName: 'Json',
        schema: {
          $ref: '#/$defs/json',
          $defs: { json: { anyOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array', items: { $ref: '#/$defs/json' } }] } },
        },
      },
    ]);
    expect(code).toContain('export type Json2 = string | number | boolean | Json2[] | null;');
    expect(code).toContain(
      'export const Json2: z.ZodType<Json2, Json2> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.array(Json2)])\n  .nullable());',
    );
    const mod = loadModule(code);
    expect(mod.Json!.safeParse([1, ['a', [null, true]]]).success).toBe(true);
    expect(mod.Json!.safeParse([1, [{}]]).success).toBe(false);
  });

  test('mutual recursion: the later schema is read lazily, the earlier directly', () => {
    const { code } = emitZodModule([
      {
        exportName: 'Org',
        schema: {
          $ref: '#/$defs/team',
          $defs: {
            team: { type: 'object', properties: { members: { type: 'array', items: { $ref: '#/$defs/person' } } } },
            person: { type: 'object', properties: { team: { $ref: '#/$defs/team' } }, required: ['team'] },
          },
        },
      },
    ]);
    expect(code).toContain('export const Team: z.ZodType<Team, Team> = z.object({\n  get members() {\n    return z.array(Person).optional();\n  },\n});');
    expect(code).toContain('export const Person: z.ZodType<Person, Person> = z.object({\n  team: Team,\n});');
    expect(code.indexOf('export const Team')).toBeLessThan(code.indexOf('export const Person'));
    const { Org } = loadModule(code);
    expect(Org!.safeParse({ members: [{ team: { members: [] } }] }).success).toBe(true);
    expect(Org!.safeParse({ members: [{}] }).success).toBe(false);
  });

  test('a root that refers to itself with #', () => {
    const { code } = emitZodModule([
      {
        exportName: 'Expr',
        schema: { type: 'object', properties: { op: { type: 'string' }, args: { type: 'array', items: { $ref: '#' } } }, required: ['op'] },
      },
    ]);
    expect(code).toContain('export type Expr = {');
    expect(code).toContain('export const Expr: z.ZodType<Expr, Expr> = z.object({');
    expect(code).not.toContain('z.output<typeof Expr>');
    const { Expr } = loadModule(code);
    expect(Expr!.safeParse({ op: '+', args: [{ op: '1' }] }).success).toBe(true);
    expect(Expr!.safeParse({ op: '+', args: [{}] }).success).toBe(false);
  });

  test('defaults inside a cycle give an input type; its name avoids other names', () => {
    const { code } = emitZodModule([
      { exportName: 'CommentInput', schema: { type: 'string' } },
      {
        exportName: 'Thread',
        schema: {
          $ref: '#/$defs/comment',
          $defs: {
            comment: { type: 'object', properties: { text: { type: 'string', default: '' }, replies: { type: 'array', items: { $ref: '#/$defs/comment' } } } },
          },
        },
      },
    ]);
    expect(code).toContain('export type Comment = {\n  text: string;\n  replies?: Comment[] | undefined;\n};');
    expect(code).toContain('export type CommentInput2 = {\n  text?: string | undefined;\n  replies?: CommentInput2[] | undefined;\n};');
    expect(code).toContain('export const Comment: z.ZodType<Comment, CommentInput2> = ');
    const { Thread } = loadModule(code);
    expect(Thread!.parse({ replies: [{}] })).toEqual({ text: '', replies: [{ text: '' }] });
  });
});

describe('emitZodModule: degenerate cycles', () => {
  test('a cycle that never passes through an object or array still type-checks', () => {
    const { code } = emitZodModule([
      {
        exportName: 'Loop',
        schema: {
          $ref: '#/$defs/a',
          $defs: { a: { anyOf: [{ $ref: '#/$defs/b' }, { type: 'string' }] }, b: { anyOf: [{ $ref: '#/$defs/a' }, { type: 'number' }] } },
        },
      },
      { exportName: 'Self', schema: { $ref: '#' } },
    ]);
    expect(code).toContain('export type B = unknown | number;');
    expect(code).toContain('export type Self = unknown;');
    expect(typeCheck(code)).toEqual([]);
  });
});

// ---------------------------------------------------------------- golden modules

const goldens = ['tools', 'recursive'];

describe.each(goldens)('golden module %s', (name) => {
  const inputs = JSON.parse(readFileSync(resolve(goldenDir, `${name}.input.json`), 'utf8')) as ZodSchemaInput[];
  const header = `// Golden file of packages/codegen/src/emit/zod.test.ts. Do not edit it by hand.\n// Regenerate: UPDATE_GOLDEN=1 npx vitest run packages/codegen\n`;
  const { code, diagnostics } = emitZodModule(inputs, { header });
  const goldenPath = resolve(goldenDir, `${name}.gen.ts`);

  test('matches the golden file', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, code);
    expect(code).toBe(readFileSync(goldenPath, 'utf8'));
    expect(diagnostics).toEqual([]);
  });

  test('type-checks under strict tsc', () => {
    expect(typeCheck(code)).toEqual([]);
  });
});

interface ExportSamples {
  valid?: unknown[];
  invalid?: unknown[];
  /** Rejected only because the input is strict (`objects: 'strict'`): JSON Schema itself accepts them. */
  rejectedByStrictMode?: unknown[];
  parsed?: [unknown, unknown][];
}

const issue = {
  id: 1,
  node_id: 'I_1',
  url: 'https://api.github.com/repos/o/r/issues/1',
  number: 1,
  state: 'open',
  title: 'Bug',
  user: { login: 'octocat', id: 1, avatar_url: 'https://github.com/images/octocat.png', type: 'User', site_admin: false },
  labels: ['bug', { id: 2, name: 'ui', color: null }],
  created_at: '2024-05-01T10:00:00Z',
  closed_at: null,
  author_association: 'OWNER',
  reactions: { '+1': 2 },
};
const user = { login: 'octocat', id: 1, avatar_url: 'https://github.com/images/octocat.png', type: 'User', site_admin: false };

const goldenSamples: Record<string, Record<string, ExportSamples>> = {
  tools: {
    ListIssuesInput: {
      valid: [
        { owner: 'o', repo: 'r' },
        { owner: 'o', repo: 'r', state: 'all', since: '2024-05-01T10:00:00+02:00', per_page: 100 },
      ],
      invalid: [
        { owner: 'o' },
        { owner: 'o', repo: 'r r' },
        { owner: 'o', repo: 'r', per_page: 101 },
        { owner: 'o', repo: 'r', page: 0 },
        { owner: 'o', repo: 'r', since: 'today' },
      ],
      rejectedByStrictMode: [{ owner: 'o', repo: 'r', extra: 1 }],
      parsed: [
        [
          { owner: 'o', repo: 'r' },
          { owner: 'o', repo: 'r', state: 'open', sort: 'created', per_page: 30, page: 1 },
        ],
      ],
    },
    ListIssuesOutput: {
      valid: [
        { items: [] },
        { items: [issue] },
        { items: [{ ...issue, user: null, assignees: null, milestone: null }] },
        { items: [{ ...issue, milestone: { number: 1, title: 'v1' } }] },
      ],
      invalid: [{ items: [{ ...issue, state: 'merged' }] }, { items: [{ ...issue, reactions: { '+1': -1 } }] }, {}],
    },
    CreateIssueInput: {
      valid: [
        { owner: 'o', repo: 'r', title: 'x' },
        { owner: 'o', repo: 'r', title: 3, labels: ['a', { name: 'b' }], assignee: null },
      ],
      invalid: [
        { owner: 'o', repo: 'r', title: '' },
        { owner: 'o', repo: 'r', title: 'x', labels: ['a', 'a'] },
        { owner: 'o', repo: 'r', title: 'x', labels: [{ colour: 'red' }] },
      ],
      rejectedByStrictMode: [{ owner: 'o', repo: 'r', title: 'x', draft: true }],
    },
    CreateIssueOutput: {
      valid: [
        { event: 'labeled', label: { name: 'bug', color: 'ff0000' }, actor: user },
        { event: 'assigned', id: 1, created_at: '2024-05-01T10:00:00Z', assignee: user },
        { event: 'closed', commit_id: null },
      ],
      invalid: [{ event: 'labeled', label: { name: 'bug', color: 'red' }, actor: user }, { event: 'assigned', assignee: user }, { event: 'reopened' }],
    },
    SetLabelsInput: {
      valid: [{ labels: [{ name: 'a' }], position: [1, 2], range: [1] }],
      invalid: [{ labels: [] }, { labels: [{ name: 'a' }], position: [1] }, { labels: [{ name: 'a' }], range: [] }],
      parsed: [[{ labels: [{ name: 'a' }] }, { labels: [{ name: 'a' }], options: { replace: false } }]],
    },
  },
  recursive: {
    FileTree: {
      valid: [{ name: 'a', kind: 'dir', children: [{ name: 'b', kind: 'file', parent: null, meta: { mode: '644', owner: 'me' } }] }],
      invalid: [
        { name: 'a', kind: 'dir', children: [{ name: '', kind: 'file' }] },
        { name: 'a', kind: 'dir', meta: { owner: 1 } },
        { name: 'a', kind: 'link' },
      ],
      parsed: [
        [
          { name: 'a', kind: 'dir', children: [{ name: 'b', kind: 'file' }] },
          { name: 'a', kind: 'dir', size: 0, children: [{ name: 'b', kind: 'file', size: 0 }] },
        ],
      ],
    },
    JsonValue: { valid: [null, 1, 'a', [1, [true, { a: [null] }]], { a: { b: {} } }] },
    Expression: {
      valid: [
        {
          op: 'add',
          args: [
            { op: 'lit', value: 1 },
            { op: 'neg', arg: { op: 'lit', value: 2 } },
          ],
        },
      ],
      invalid: [
        { op: 'add', args: [{ op: 'lit', value: 1 }] },
        { op: 'neg', arg: { op: 'sub' } },
      ],
      rejectedByStrictMode: [{ op: 'lit', value: 1, extra: true }],
    },
    Organization: {
      valid: [
        { name: 't', lead: { email: 'a@example.com', teams: [{ name: 'u', subteams: { x: { name: 'v' } } }] }, settings: { visibility: 'private', other: 1 } },
      ],
      invalid: [
        { name: 't', members: [{ phone: '1' }] },
        { name: 't', subteams: { x: { name: 1 } } },
      ],
      parsed: [
        [
          { name: 't', settings: {} },
          { name: 't', settings: { visibility: 'public' } },
        ],
      ],
    },
    Shape: {
      valid: [
        { points: [[1, 2], [3]], fill: 'solid', layer: 'ab', mixed: { mixed: 'one' } },
        {
          attrs: { id: '123e4567-e89b-42d3-a456-426614174000', x: {} },
          tags: [{}, { fill: 'solid' }],
          path: ['a', {}, {}],
          children: { a: {} },
          opts: { zoom: 2 },
        },
      ],
      invalid: [
        { points: [[]] },
        { extra: 1 },
        { layer: 'ba' },
        { mixed: { fill: 'dashed' } },
        { tags: [] },
        { tags: [{}, {}] },
        { children: {} },
        { attrs: { x: 1 } },
        { path: [1] },
        { opts: { zoom: 1.5 } },
      ],
      parsed: [[{ tags: [{}] }, { tags: [{ opts: { zoom: 1 } }], opts: { zoom: 1 } }]],
    },
  },
};

/** OpenAPI 3.0 `nullable: true` next to no `type` (e.g. on an allOf) as JSON Schema, which ajv needs. */
function withoutOpenApiNullable(schema: unknown): JsonSchema {
  const convert = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(convert);
    if (value === null || typeof value !== 'object') return value;
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    if (out.nullable !== true || 'type' in out) return out;
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  };
  return convert(schema) as JsonSchema;
}

describe.each(goldens)('golden module %s at runtime', (name) => {
  const inputs = JSON.parse(readFileSync(resolve(goldenDir, `${name}.input.json`), 'utf8')) as ZodSchemaInput[];
  let module: Record<string, z.ZodType> | undefined;
  const load = () => {
    module ??= loadModule(emitZodModule(inputs).code);
    return module;
  };
  const samples = goldenSamples[name]!;

  test('every export has samples', () => {
    expect(Object.keys(samples)).toEqual(inputs.map((i) => i.exportName));
  });

  test.each(inputs.map((i) => [i.exportName, i] as const))('%s accepts and rejects what its JSON Schema does', (exportName, input) => {
    const schema = load()[exportName]!;
    const sample = samples[exportName]!;
    const validate = ajv2020.compile(withoutOpenApiNullable(input.schema));
    for (const value of sample.valid ?? []) {
      expect(schema.safeParse(value).success, `zod accepts ${JSON.stringify(value)}`).toBe(true);
      expect(validate(value), `JSON Schema accepts ${JSON.stringify(value)}`).toBe(true);
    }
    for (const value of sample.invalid ?? []) {
      expect(schema.safeParse(value).success, `zod rejects ${JSON.stringify(value)}`).toBe(false);
      expect(validate(value), `JSON Schema rejects ${JSON.stringify(value)}`).toBe(false);
    }
    for (const value of sample.rejectedByStrictMode ?? []) {
      expect(input.objects).toBe('strict');
      expect(schema.safeParse(value).success).toBe(false);
    }
    for (const [value, parsed] of sample.parsed ?? []) expect(schema.parse(value)).toEqual(parsed);
  });
});

test('the type-check harness reports errors (control)', () => {
  const errors = typeCheck('import { z } from "zod";\nexport const X: z.ZodType<string> = z.number();\n');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^2:14 TS2322: /);
});
