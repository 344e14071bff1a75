/** typescript-json-schema's draft-07 output → the draft 2020-12 schemas tools carry. */
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../ir/types.js';
import { defName, inlineRef, mergeAllOf, toDraft2020, withDefs } from './schema.js';

describe('toDraft2020', () => {
  // [construct, roots given, definitions given, roots wanted, $defs wanted]
  const CASES: [string, JsonSchema[], Record<string, JsonSchema>, JsonSchema[], Record<string, JsonSchema>][] = [
    ['$ref into $defs', [{ $ref: '#/definitions/Issue' }], { Issue: { type: 'object' } }, [{ $ref: '#/$defs/Issue' }], { Issue: { type: 'object' } }],
    [
      'generic instance names become identifiers',
      [{ $ref: '#/definitions/Page%3CIssue%3E' }],
      { 'Page<Issue>': { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/definitions/Issue' } } } }, Issue: { type: 'object' } },
      [{ $ref: '#/$defs/Page_Issue' }],
      { Page_Issue: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/$defs/Issue' } } } }, Issue: { type: 'object' } },
    ],
    [
      'names that collide after tidying get a suffix',
      [{ anyOf: [{ $ref: '#/definitions/A%3CB%3E' }, { $ref: '#/definitions/A_B' }] }],
      { 'A<B>': { type: 'string' }, A_B: { type: 'number' } },
      [{ anyOf: [{ $ref: '#/$defs/A_B' }, { $ref: '#/$defs/A_B_2' }] }],
      { A_B: { type: 'string' }, A_B_2: { type: 'number' } },
    ],
    [
      'closed tuple → prefixItems + items: false',
      [{ type: 'array', items: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2 }],
      {},
      [{ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false, minItems: 2, maxItems: 2 }],
      {},
    ],
    [
      'tuple with a rest element → prefixItems + items',
      [{ type: 'array', items: [{ type: 'string' }], minItems: 1, additionalItems: { type: 'number' } }],
      {},
      [{ type: 'array', prefixItems: [{ type: 'string' }], minItems: 1, items: { type: 'number' } }],
      {},
    ],
    [
      '@schema on a property replaces its schema, keeping description and default',
      [{ type: 'object', properties: { meta: { description: 'Meta.', default: {}, schema: { type: 'object', additionalProperties: { type: 'string' } } } } }],
      {},
      [{ type: 'object', properties: { meta: { type: 'object', additionalProperties: { type: 'string' }, description: 'Meta.', default: {} } } }],
      {},
    ],
    [
      'a property named "schema" is just a property',
      [{ type: 'object', properties: { schema: { type: 'string' } } }],
      {},
      [{ type: 'object', properties: { schema: { type: 'string' } } }],
      {},
    ],
    [
      'bookkeeping keys are dropped',
      [{ type: 'object', propertyOrder: ['a'], defaultProperties: [], $schema: 'http://json-schema.org/draft-07/schema#' }],
      {},
      [{ type: 'object' }],
      {},
    ],
    [
      'boolean additionalProperties stays boolean',
      [{ type: 'object', additionalProperties: false }],
      {},
      [{ type: 'object', additionalProperties: false }],
      {},
    ],
    [
      'utility types are written out where used',
      [{ type: 'object', properties: { flags: { description: 'Flags.', $ref: '#/definitions/Record%3Cstring%2Cboolean%3E' } } }],
      { 'Record<string,boolean>': { type: 'object', additionalProperties: { type: 'boolean' } } },
      [{ type: 'object', properties: { flags: { type: 'object', additionalProperties: { type: 'boolean' }, description: 'Flags.' } } }],
      {},
    ],
    [
      'a recursive utility instance stays a def',
      [{ $ref: '#/definitions/Partial%3CTree%3E' }],
      { 'Partial<Tree>': { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Partial%3CTree%3E' } } } } },
      [{ $ref: '#/$defs/Partial_Tree' }],
      { Partial_Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Partial_Tree' } } } } },
    ],
  ];
  it.each(CASES)('%s', (_construct, roots, definitions, wantRoots, wantDefs) => {
    expect(toDraft2020(roots, definitions)).toEqual({ roots: wantRoots, defs: wantDefs });
  });
});

describe('defName', () => {
  const CASES: [string, string][] = [
    ['Issue', 'Issue'],
    ['Page<Issue>', 'Page_Issue'],
    ['Record<string,unknown>', 'Record_string_unknown'],
    ['Api.Issue', 'Api_Issue'],
    ['{value:string;next:any|null;}', 'value_string_next_any_null'],
    ['2fa', '_2fa'],
    ['<>', 'Schema'],
  ];
  it.each(CASES)('%s → %s', (given, want) => expect(defName(given)).toBe(want));
});

describe('inlineRef, mergeAllOf, withDefs: making the top of a schema the object itself', () => {
  const defs: Record<string, JsonSchema> = {
    Input: { description: 'Input.', type: 'object', properties: { a: { $ref: '#/$defs/A' } }, required: ['a'] },
    A: { type: 'string' },
    Extra: { type: 'object', properties: { b: { type: 'number' } } },
    Unused: { type: 'boolean' },
  };

  it('inlines a root $ref, keeping annotations next to it', () => {
    expect(inlineRef({ $ref: '#/$defs/Input', description: 'Mine.' }, defs)).toEqual({ ...defs.Input, description: 'Mine.' });
  });

  it('leaves other schemas alone', () => {
    expect(inlineRef({ type: 'string' }, defs)).toEqual({ type: 'string' });
  });

  it('merges an allOf of plain objects, through refs', () => {
    expect(mergeAllOf({ allOf: [{ $ref: '#/$defs/Extra' }, { type: 'object', properties: { c: { type: 'string' } }, required: ['c'] }] }, defs)).toEqual({
      type: 'object',
      properties: { b: { type: 'number' }, c: { type: 'string' } },
      required: ['c'],
    });
  });

  it('keeps an allOf whose parts share a field or are not plain objects', () => {
    const sameField = { allOf: [{ type: 'object', properties: { b: { type: 'string' } } }, { $ref: '#/$defs/Extra' }] };
    expect(mergeAllOf(sameField, defs)).toBe(sameField);
    const notPlain = { allOf: [{ type: 'object', properties: {}, additionalProperties: false }, { $ref: '#/$defs/Extra' }] };
    expect(mergeAllOf(notPlain, defs)).toBe(notPlain);
  });

  it('attaches only the $defs a schema reaches, sorted', () => {
    expect(withDefs({ type: 'object', properties: { x: { $ref: '#/$defs/Input' } } }, defs).$defs).toEqual({ A: defs.A, Input: defs.Input });
    expect(withDefs({ type: 'object', properties: {} }, defs)).toEqual({ type: 'object', properties: {} });
  });
});
