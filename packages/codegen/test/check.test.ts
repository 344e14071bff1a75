/**
 * The breaking-change check: one row per rule — the tool (or resource,
 * prompt) before and after, and the changes a release reviewer must see —
 * then `$ref` resolution, recursive schemas, the summary, and pending
 * changesets read from a project folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ChangesetError,
  compareManifests,
  type IrPrompt,
  type IrResource,
  type IrTool,
  type JsonSchema,
  type Manifest,
  pendingBump,
  type SurfaceChange,
  summarize,
} from '../src/index.js';

function tool(name: string, input: JsonSchema, extra: Partial<IrTool> = {}): IrTool {
  return {
    name,
    description: `Does ${name} things for the tests.`,
    input,
    annotations: {},
    examples: [],
    source: { kind: 'function', file: 'src/tools.ts', line: 1, column: 1, name },
    binding: { kind: 'function', module: 'src/tools.ts', exportName: name, params: { style: 'object' }, async: true, returns: 'object' },
    ...extra,
  };
}

const object = (properties: Record<string, unknown>, required: string[] = [], extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

function manifest(parts: Partial<Pick<Manifest, 'tools' | 'resources' | 'prompts' | 'toolsets'>>): Manifest {
  return {
    manifestVersion: 1,
    generator: 'toolwright test',
    server: { name: 'demo', version: '1.0.0', origin: { kind: 'functions', config: 'toolwright.config.ts' } },
    tools: [],
    resources: [],
    prompts: [],
    toolsets: [],
    env: [],
    ...parts,
  };
}

/** Compares one tool's input schema before and after. */
const inputChanges = (before: JsonSchema, after: JsonSchema) =>
  compareManifests(manifest({ tools: [tool('t', before)] }), manifest({ tools: [tool('t', after)] }));
/** Compares one tool's output schema before and after. */
const outputChanges = (before: JsonSchema, after: JsonSchema) =>
  compareManifests(manifest({ tools: [tool('t', object({}), { output: before })] }), manifest({ tools: [tool('t', object({}), { output: after })] }));

type Want = [kind: SurfaceChange['kind'], subject: string, message: RegExp];
const shape = (changes: SurfaceChange[]) => changes.map((c): [string, string] => [c.kind, c.subject]);
function expectChanges(changes: SurfaceChange[], want: Want[]): void {
  expect(shape(changes)).toEqual(want.map(([kind, subject]) => [kind, subject]));
  for (const [i, [, , message]] of want.entries()) expect(changes[i]!.message).toMatch(message);
}

const P = 'tool t › parameter';
const O = 'tool t › output field';

describe('tools', () => {
  it('reports nothing for identical manifests', () => {
    const m = manifest({ tools: [tool('a', object({ x: { type: 'string' } }, ['x']), { output: object({ y: { type: 'number' } }) })] });
    expect(compareManifests(m, structuredClone(m))).toEqual([]);
  });

  it('a removed tool is breaking', () => {
    const changes = compareManifests(manifest({ tools: [tool('a', object({})), tool('b', object({}))] }), manifest({ tools: [tool('b', object({}))] }));
    expectChanges(changes, [['breaking', 'tool a', /^Tool a was removed: clients that call it get "unknown tool"\. Keep it \(deprecated\)/]]);
  });

  it('a rename (same input schema) is a removal that names the new tool, plus the new tool', () => {
    const input = object({ title: { type: 'string', description: 'Title.' } }, ['title']);
    const renamedInput = object({ title: { type: 'string', description: 'The title.' } }, ['title']);
    const changes = compareManifests(manifest({ tools: [tool('create_issue', input)] }), manifest({ tools: [tool('open_issue', renamedInput)] }));
    expectChanges(changes, [
      ['breaking', 'tool create_issue', /It looks renamed to open_issue \(same input schema\)/],
      ['additive', 'tool open_issue', /^New tool open_issue\.$/],
    ]);
  });

  it('a removal next to a new tool with another input schema names no candidate', () => {
    const changes = compareManifests(
      manifest({ tools: [tool('a', object({ x: { type: 'string' } }))] }),
      manifest({ tools: [tool('b', object({ x: { type: 'number' } }))] }),
    );
    expect(changes[0]!.message).not.toMatch(/renamed/);
  });

  it('a new tool is additive', () => {
    const changes = compareManifests(manifest({ tools: [] }), manifest({ tools: [tool('a', object({}))] }));
    expectChanges(changes, [['additive', 'tool a', /^New tool a\.$/]]);
  });

  it.each<[string, Partial<IrTool>, Partial<IrTool>, Want[]]>([
    [
      'description',
      { description: 'Reads a file from disk.' },
      { description: 'Read one text file.' },
      [['description', 'tool t', /^Description changed from "Reads a file from disk\." to "Read one text file\."\.$/]],
    ],
    ['title', {}, { title: 'Read file' }, [['description', 'tool t', /^Title changed from \(none\) to "Read file"\.$/]]],
    ['examples', { examples: ['t({})'] }, { examples: ['t({ "a": 1 })'] }, [['description', 'tool t', /^Examples changed\.$/]]],
    ['deprecation', {}, { deprecated: 'Use u instead.' }, [['additive', 'tool t', /^Now deprecated: Use u instead\.$/]]],
    ['read-only lost', { annotations: { readOnly: true } }, { annotations: {} }, [['breaking', 'tool t', /--read-only stop offering it/]]],
    ['read-only gained', { annotations: {} }, { annotations: { readOnly: true } }, [['additive', 'tool t', /^Now marked read-only\.$/]]],
    ['destructive', { annotations: {} }, { annotations: { destructive: true } }, [['additive', 'tool t', /^Now marked destructive\.$/]]],
    ['toolset moved', { toolset: 'issues' }, { toolset: 'pulls' }, [['breaking', 'tool t', /--toolsets issues no longer offer it/]]],
    ['output schema removed', { output: object({ a: { type: 'string' } }) }, {}, [['breaking', 'tool t › output', /No longer declares an output schema/]]],
    ['output schema added', {}, { output: object({ a: { type: 'string' } }) }, [['additive', 'tool t › output', /Now declares an output schema/]]],
  ])('tool %s', (_name, before, after, want) => {
    expectChanges(compareManifests(manifest({ tools: [tool('t', object({}), before)] }), manifest({ tools: [tool('t', object({}), after)] })), want);
  });
});

describe('input schemas (parameters)', () => {
  const str = { type: 'string' };
  it.each<[string, JsonSchema, JsonSchema, Want[]]>([
    ['parameter removed', object({ a: str, b: str }), object({ a: str }), [['breaking', `${P} b`, /^Parameter b was removed: calls that still pass it fail/]]],
    [
      'parameter renamed',
      object({ labels: { type: 'array', items: str } }),
      object({ tags: { type: 'array', items: str } }),
      [
        ['breaking', `${P} labels`, /It looks renamed to tags \(same schema\)\./],
        ['additive', `${P} tags`, /^New optional parameter tags\.$/],
      ],
    ],
    ['new optional parameter', object({ a: str }), object({ a: str, b: str }), [['additive', `${P} b`, /^New optional parameter b\.$/]]],
    [
      'parameter named like an Object method',
      object({}),
      object({ constructor: str }),
      [['additive', `${P} constructor`, /^New optional parameter constructor\.$/]],
    ],
    [
      'new required parameter',
      object({ a: str }),
      object({ a: str, b: str }, ['b']),
      [['breaking', `${P} b`, /^New required parameter b: calls that do not pass it fail/]],
    ],
    ['optional → required', object({ a: str }), object({ a: str }, ['a']), [['breaking', `${P} a`, /^a is now required/]]],
    ['required → optional', object({ a: str }, ['a']), object({ a: str }), [['additive', `${P} a`, /^a is now optional\.$/]]],
    [
      'retyped',
      object({ a: str }),
      object({ a: { type: 'number' } }),
      [['breaking', `${P} a`, /^Type changed from string to number\. Calls that were valid before may now fail/]],
    ],
    [
      'type widened',
      object({ a: str }),
      object({ a: { type: ['string', 'number'] } }),
      [['additive', `${P} a`, /^Type changed from string to string or number\.$/]],
    ],
    [
      'integer → number',
      object({ a: { type: 'integer' } }),
      object({ a: { type: 'number' } }),
      [['additive', `${P} a`, /^Type changed from integer to number\.$/]],
    ],
    [
      'number → integer',
      object({ a: { type: 'number' } }),
      object({ a: { type: 'integer' } }),
      [['breaking', `${P} a`, /^Type changed from number to integer\./]],
    ],
    ['type added', object({ a: {} }), object({ a: str }), [['breaking', `${P} a`, /^Now restricted to type string/]]],
    ['type that fits the enum added', object({ a: { enum: ['x', 'y'] } }), object({ a: { type: 'string', enum: ['x', 'y'] } }), []],
    [
      'enum narrowed',
      object({ state: { type: 'string', enum: ['open', 'closed', 'all'] } }),
      object({ state: { type: 'string', enum: ['open', 'closed'] } }),
      [['breaking', `${P} state`, /^No longer accepts "all"\./]],
    ],
    [
      'enum widened',
      object({ state: { type: 'string', enum: ['open'] } }),
      object({ state: { type: 'string', enum: ['open', 'closed'] } }),
      [['additive', `${P} state`, /^Now also accepts "closed"\.$/]],
    ],
    [
      'enum value replaced',
      object({ s: { enum: ['a', 'b'] } }),
      object({ s: { enum: ['a', 'c'] } }),
      [
        ['breaking', `${P} s`, /^No longer accepts "b"/],
        ['additive', `${P} s`, /^Now also accepts "c"/],
      ],
    ],
    ['enum added', object({ s: str }), object({ s: { type: 'string', enum: ['a'] } }), [['breaking', `${P} s`, /^Now limited to "a"\./]]],
    ['enum removed', object({ s: { type: 'string', enum: ['a'] } }), object({ s: str }), [['additive', `${P} s`, /^No longer limited to "a"\.$/]]],
    [
      'const changed',
      object({ k: { const: 'v1' } }),
      object({ k: { const: 'v2' } }),
      [
        ['breaking', `${P} k`, /"v1"/],
        ['additive', `${P} k`, /"v2"/],
      ],
    ],
    ['format added', object({ d: str }), object({ d: { type: 'string', format: 'date' } }), [['breaking', `${P} d`, /^Now requires format "date"\./]]],
    [
      'format changed',
      object({ d: { type: 'string', format: 'date' } }),
      object({ d: { type: 'string', format: 'date-time' } }),
      [['breaking', `${P} d`, /^Format changed from "date" to "date-time"\./]],
    ],
    ['format removed', object({ d: { type: 'string', format: 'date' } }), object({ d: str }), [['additive', `${P} d`, /^No longer requires format "date"\.$/]]],
    [
      'pattern changed',
      object({ d: { type: 'string', pattern: '^a' } }),
      object({ d: { type: 'string', pattern: '^b' } }),
      [['breaking', `${P} d`, /^Pattern changed from \/\^a\/ to \/\^b\/\./]],
    ],
    [
      'maxLength lowered',
      object({ s: { type: 'string', maxLength: 100 } }),
      object({ s: { type: 'string', maxLength: 50 } }),
      [['breaking', `${P} s`, /^maxLength changed from 100 to 50 \(stricter\)\./]],
    ],
    [
      'maxLength raised',
      object({ s: { type: 'string', maxLength: 50 } }),
      object({ s: { type: 'string', maxLength: 100 } }),
      [['additive', `${P} s`, /\(looser\)\.$/]],
    ],
    [
      'minimum added',
      object({ n: { type: 'integer' } }),
      object({ n: { type: 'integer', minimum: 1 } }),
      [['breaking', `${P} n`, /^New constraint minimum: 1\./]],
    ],
    [
      'minimum removed',
      object({ n: { type: 'integer', minimum: 1 } }),
      object({ n: { type: 'integer' } }),
      [['additive', `${P} n`, /^Constraint minimum: 1 removed\.$/]],
    ],
    ['minItems raised', object({ l: { type: 'array', minItems: 0 } }), object({ l: { type: 'array', minItems: 1 } }), [['breaking', `${P} l`, /stricter/]]],
    [
      'uniqueItems added',
      object({ l: { type: 'array' } }),
      object({ l: { type: 'array', uniqueItems: true } }),
      [['breaking', `${P} l`, /^Items must now be unique\./]],
    ],
    [
      'array items retyped',
      object({ labels: { type: 'array', items: str } }),
      object({ labels: { type: 'array', items: { type: 'number' } } }),
      [['breaking', `${P} labels[]`, /^Type changed from string to number/]],
    ],
    [
      'nested property made required',
      object({ filter: object({ state: str, author: str }) }),
      object({ filter: object({ state: str, author: str }, ['author']) }),
      [['breaking', `${P} filter.author`, /^author is now required/]],
    ],
    [
      'nested property removed',
      object({ filter: object({ state: str, author: str }) }),
      object({ filter: object({ state: str }) }),
      [['breaking', `${P} filter.author`, /^Property author was removed/]],
    ],
    [
      'property in array items added',
      object({ items: { type: 'array', items: object({ a: str }) } }),
      object({ items: { type: 'array', items: object({ a: str, b: str }, ['b']) } }),
      [['breaking', `${P} items[].b`, /^New required property b/]],
    ],
    [
      'extra properties forbidden',
      object({ a: str }),
      object({ a: str }, [], { additionalProperties: false }),
      [['breaking', 'tool t › input', /^No longer allows properties beyond the listed ones\./]],
    ],
    [
      'extra properties allowed',
      object({ a: str }, [], { additionalProperties: false }),
      object({ a: str }),
      [['additive', 'tool t › input', /^Now allows properties beyond/]],
    ],
    [
      'map values retyped',
      object({ m: { type: 'object', additionalProperties: str } }),
      object({ m: { type: 'object', additionalProperties: { type: 'number' } } }),
      [['breaking', `${P} m[*]`, /^Type changed from string to number/]],
    ],
    [
      'tuple item retyped',
      object({ r: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false } }),
      object({ r: { type: 'array', prefixItems: [{ type: 'number' }, str], items: false } }),
      [['breaking', `${P} r[1]`, /^Type changed from number to string/]],
    ],
    [
      'description changed',
      object({ a: { type: 'string', description: 'Old.' } }),
      object({ a: { type: 'string', description: 'New.' } }),
      [['description', `${P} a`, /^Description changed from "Old\." to "New\."\.$/]],
    ],
    ['title added', object({ a: str }), object({ a: { type: 'string', title: 'A' } }), [['description', `${P} a`, /^Title changed from \(none\) to "A"\.$/]]],
    [
      'schema examples changed',
      object({ a: { type: 'string', examples: ['x'] } }),
      object({ a: { type: 'string', examples: ['y'] } }),
      [['description', `${P} a`, /^examples changed\.$/]],
    ],
    [
      'default changed',
      object({ n: { type: 'integer', default: 200 } }),
      object({ n: { type: 'integer', default: 50 } }),
      [['additive', `${P} n`, /^Default changed from 200 to 50/]],
    ],
    ['vendor keyword ignored', object({ d: { type: 'string', 'x-ts-type': 'Date' } }), object({ d: { type: 'string' } }), []],
    [
      'other keyword changed',
      object({ a: { type: 'string', not: { const: 'x' } } }),
      object({ a: { type: 'string', not: { const: 'y' } } }),
      [['breaking', `${P} a`, /^Keyword not changed/]],
    ],
  ])('%s', (_name, before, after, want) => {
    expectChanges(inputChanges(before, after), want);
  });

  describe('unions', () => {
    const nullable = { anyOf: [str, { type: 'null' }] };
    it.each<[string, JsonSchema, JsonSchema, Want[]]>([
      ['null allowed', object({ a: str }), object({ a: nullable }), [['additive', `${P} a`, /^Now also accepts null\.$/]]],
      ['null no longer allowed', object({ a: nullable }), object({ a: str }), [['breaking', `${P} a`, /^No longer accepts null\./]]],
      [
        'variant retyped inside',
        object({
          a: { anyOf: [object({ kind: { const: 'circle' }, r: { type: 'number' } }), object({ kind: { const: 'square' }, side: { type: 'number' } })] },
        }),
        object({ a: { anyOf: [object({ kind: { const: 'circle' }, r: str }), object({ kind: { const: 'square' }, side: { type: 'number' } })] } }),
        [['breaking', `${P} a.r`, /^Type changed from number to string/]],
      ],
      [
        'variant removed by reference',
        {
          ...object({ shape: { anyOf: [{ $ref: '#/$defs/Circle' }, { $ref: '#/$defs/Square' }] } }),
          $defs: { Circle: object({ r: { type: 'number' } }), Square: object({ side: { type: 'number' } }) },
        },
        { ...object({ shape: { anyOf: [{ $ref: '#/$defs/Circle' }] } }), $defs: { Circle: object({ r: { type: 'number' } }) } },
        [['breaking', `${P} shape`, /^No longer accepts Square\./]],
      ],
      [
        'oneOf variant added',
        object({ a: { oneOf: [str] } }),
        object({ a: { oneOf: [str, { type: 'integer' }] } }),
        [['additive', `${P} a`, /^Now also accepts integer\.$/]],
      ],
    ])('%s', (_name, before, after, want) => {
      expectChanges(inputChanges(before, after), want);
    });
  });
});

describe('output schemas (result fields)', () => {
  const str = { type: 'string' };
  it.each<[string, JsonSchema, JsonSchema, Want[]]>([
    ['field removed', object({ a: str, b: str }, ['a', 'b']), object({ a: str }, ['a']), [['breaking', `${O} b`, /^Field b was removed from the result/]]],
    ['field added', object({ a: str }), object({ a: str, b: str }, ['b']), [['additive', `${O} b`, /^New result field b\.$/]]],
    [
      'field retyped',
      object({ a: str }),
      object({ a: { type: 'number' } }),
      [['breaking', `${O} a`, /^Type changed from string to number\. Clients may now receive values/]],
    ],
    ['field may now be missing', object({ a: str }, ['a']), object({ a: str }), [['breaking', `${O} a`, /^a may now be missing from the result/]]],
    ['field now always present', object({ a: str }), object({ a: str }, ['a']), [['additive', `${O} a`, /^a is now always present\.$/]]],
    [
      'enum widened',
      object({ s: { enum: ['open'] } }),
      object({ s: { enum: ['open', 'merged'] } }),
      [['breaking', `${O} s`, /^May now also return "merged"\./]],
    ],
    [
      'enum narrowed',
      object({ s: { enum: ['open', 'merged'] } }),
      object({ s: { enum: ['open'] } }),
      [['additive', `${O} s`, /^No longer returns "merged"\.$/]],
    ],
    ['null now possible', object({ d: str }), object({ d: { anyOf: [str, { type: 'null' }] } }), [['breaking', `${O} d`, /^May now also return null\./]]],
    [
      'format dropped',
      object({ d: { type: 'string', format: 'date-time' } }),
      object({ d: str }),
      [['breaking', `${O} d`, /^No longer requires format "date-time"\./]],
    ],
    [
      'constraint loosened',
      object({ s: { type: 'string', maxLength: 10 } }),
      object({ s: { type: 'string', maxLength: 20 } }),
      [['additive', `${O} s`, /looser/]],
    ],
    [
      'nested field removed',
      object({ user: object({ login: str, id: str }) }),
      object({ user: object({ login: str }) }),
      [['breaking', `${O} user.id`, /^Field id was removed/]],
    ],
  ])('%s', (_name, before, after, want) => {
    expectChanges(outputChanges(before, after), want);
  });
});

describe('$ref resolution', () => {
  it('follows $ref into $defs and reports the change at the parameter that uses it', () => {
    const before = { ...object({ issue: { $ref: '#/$defs/Issue' } }), $defs: { Issue: object({ state: { enum: ['open', 'closed'] } }) } };
    const after = { ...object({ issue: { $ref: '#/$defs/Issue' } }), $defs: { Issue: object({ state: { enum: ['open'] } }) } };
    expectChanges(inputChanges(before, after), [['breaking', `${P} issue.state`, /^No longer accepts "closed"/]]);
  });

  it('follows $ref into draft-07 definitions', () => {
    const before = { ...object({ n: { $ref: '#/definitions/N' } }), definitions: { N: { type: 'integer' } } };
    const after = { ...object({ n: { $ref: '#/definitions/N' } }), definitions: { N: { type: 'string' } } };
    expectChanges(inputChanges(before, after), [['breaking', `${P} n`, /^Type changed from integer to string/]]);
  });

  it('sees no change when a definition is renamed or inlined but accepts the same values', () => {
    const def = object({ a: { type: 'string' } }, ['a']);
    const before = { ...object({ x: { $ref: '#/$defs/Old' } }), $defs: { Old: def } };
    expect(inputChanges(before, { ...object({ x: { $ref: '#/$defs/New' } }), $defs: { New: def } })).toEqual([]);
    expect(inputChanges(before, object({ x: def }))).toEqual([]);
  });

  it('reports a change in a definition shared by two parameters at each of them', () => {
    const with_ = (type: string) => ({ ...object({ a: { $ref: '#/$defs/Id' }, b: { $ref: '#/$defs/Id' } }), $defs: { Id: { type } } });
    expect(shape(inputChanges(with_('string'), with_('integer')))).toEqual([
      ['breaking', `${P} a`],
      ['breaking', `${P} b`],
    ]);
  });

  it('applies keywords beside a $ref', () => {
    const before = { ...object({ a: { $ref: '#/$defs/S', description: 'Old.' } }), $defs: { S: { type: 'string' } } };
    const after = { ...object({ a: { $ref: '#/$defs/S', description: 'New.' } }), $defs: { S: { type: 'string' } } };
    expectChanges(inputChanges(before, after), [['description', `${P} a`, /Old.*New/]]);
  });

  it('treats a $ref it cannot follow as opaque: a different target is a change, the same one is not', () => {
    expect(inputChanges(object({ a: { $ref: 'other.json#/A' } }), object({ a: { $ref: 'other.json#/A' } }))).toEqual([]);
    expectChanges(inputChanges(object({ a: { $ref: 'other.json#/A' } }), object({ a: { $ref: 'other.json#/B' } })), [
      ['breaking', `${P} a`, /^Reference changed from other\.json#\/A to other\.json#\/B/],
    ]);
    expectChanges(inputChanges(object({ a: { $ref: '#/$defs/Missing' } }), object({ a: { type: 'string' } })), [['breaking', `${P} a`, /#\/\$defs\/Missing/]]);
  });
});

describe('recursive schemas', () => {
  const tree = (leaf: JsonSchema, required: string[] = []) => ({
    ...object({ root: { $ref: '#/$defs/Node' } }, ['root']),
    $defs: { Node: object({ value: leaf, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required) },
  });

  it('compares a self-referencing definition without looping and reports each change once', () => {
    expect(inputChanges(tree({ type: 'string' }), tree({ type: 'string' }))).toEqual([]);
    expectChanges(inputChanges(tree({ type: 'string' }), tree({ type: 'string' }, ['value'])), [['breaking', `${P} root.value`, /^value is now required/]]);
  });

  it('terminates on mutually recursive definitions', () => {
    const mutual = (t: string) => ({
      ...object({ a: { $ref: '#/$defs/A' } }),
      $defs: { A: object({ b: { $ref: '#/$defs/B' }, n: { type: t } }), B: object({ a: { $ref: '#/$defs/A' } }) },
    });
    expect(inputChanges(mutual('string'), mutual('string'))).toEqual([]);
    expectChanges(inputChanges(mutual('string'), mutual('number')), [['breaking', `${P} a.n`, /^Type changed from string to number/]]);
  });

  it('terminates on a $ref chain that points back to itself', () => {
    const loop = { ...object({ a: { $ref: '#/$defs/A' } }), $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } };
    expect(inputChanges(loop, structuredClone(loop))).toEqual([]);
  });

  it('walks each definition once per parameter, so a large graph of shared, cyclic definitions stays cheap', () => {
    // 60 definitions, each referring to the next four and back to an earlier one: billions of paths, 60 definitions.
    const graph = (leaf: string) => {
      const defs: Record<string, JsonSchema> = {};
      for (let i = 0; i < 60; i++) {
        const properties: Record<string, unknown> = { leaf: { type: i === 59 ? leaf : 'string' }, back: { $ref: `#/$defs/D${Math.max(0, i - 3)}` } };
        for (let k = 1; k <= 4 && i + k < 60; k++) properties[`p${k}`] = { $ref: `#/$defs/D${i + k}` };
        defs[`D${i}`] = object(properties);
      }
      return { ...object({ root: { $ref: '#/$defs/D0' } }), $defs: defs };
    };
    expect(inputChanges(graph('string'), graph('string'))).toEqual([]);
    const changes = inputChanges(graph('string'), graph('number'));
    expect(changes).toHaveLength(1);
    // A deep path keeps the parameter and its last steps.
    expect(changes[0]!.subject).toMatch(/^tool t › parameter root\.….*\.leaf$/);
  });

  it('compares a recursive output schema (JSON values) the same way', () => {
    const json = (extra: string[]) => ({
      ...object({ value: { $ref: '#/$defs/Json' } }),
      $defs: {
        Json: {
          anyOf: [
            { type: 'array', items: { $ref: '#/$defs/Json' } },
            { type: 'object', additionalProperties: { $ref: '#/$defs/Json' } },
            ...extra.map((type) => ({ type })),
          ],
        },
      },
    });
    expect(outputChanges(json(['string']), json(['string']))).toEqual([]);
    expectChanges(outputChanges(json(['string']), json(['string', 'number'])), [['breaking', `${O} value`, /^May now also return number\./]]);
  });
});

describe('resources', () => {
  const resource = (uri: string, extra: Partial<IrResource> = {}): IrResource => ({
    uri,
    template: false,
    name: 'readme',
    description: 'The project README.',
    mimeType: 'text/markdown',
    source: { kind: 'function', file: 'src/r.ts', line: 1, column: 1, name: 'readme' },
    binding: { kind: 'function', module: 'src/r.ts', exportName: 'readme', params: { style: 'none' }, async: true, returns: 'text' },
    ...extra,
  });
  it.each<[string, IrResource[], IrResource[], Want[]]>([
    ['removed', [resource('docs://readme')], [], [['breaking', 'resource docs://readme', /^Resource docs:\/\/readme was removed/]]],
    [
      'moved',
      [resource('docs://readme')],
      [resource('docs://README')],
      [
        ['breaking', 'resource docs://readme', /It looks moved to docs:\/\/README \(same name\)/],
        ['additive', 'resource docs://README', /^New resource/],
      ],
    ],
    ['added', [], [resource('docs://readme')], [['additive', 'resource docs://readme', /^New resource docs:\/\/readme\.$/]]],
    [
      'MIME type changed',
      [resource('docs://readme')],
      [resource('docs://readme', { mimeType: 'text/html' })],
      [['breaking', 'resource docs://readme', /^MIME type changed from text\/markdown to text\/html/]],
    ],
    [
      'description changed',
      [resource('docs://readme')],
      [resource('docs://readme', { description: 'README.md' })],
      [['description', 'resource docs://readme', /^Description changed/]],
    ],
  ])('%s', (_name, before, after, want) => {
    expectChanges(compareManifests(manifest({ resources: before }), manifest({ resources: after })), want);
  });
});

describe('prompts', () => {
  const prompt = (name: string, args: IrPrompt['arguments'], extra: Partial<IrPrompt> = {}): IrPrompt => ({
    name,
    description: 'Review a change.',
    arguments: args,
    source: { kind: 'function', file: 'src/p.ts', line: 1, column: 1, name },
    binding: { kind: 'function', module: 'src/p.ts', exportName: name, params: { style: 'object' }, async: false, returns: 'text' },
    ...extra,
  });
  const focus = { name: 'focus', required: false };
  it.each<[string, IrPrompt[], IrPrompt[], Want[]]>([
    ['removed', [prompt('review', [])], [], [['breaking', 'prompt review', /^Prompt review was removed/]]],
    [
      'renamed',
      [prompt('review', [focus])],
      [prompt('code_review', [focus])],
      [
        ['breaking', 'prompt review', /It looks renamed to code_review/],
        ['additive', 'prompt code_review', /^New prompt code_review\.$/],
      ],
    ],
    [
      'argument made required',
      [prompt('review', [focus])],
      [prompt('review', [{ ...focus, required: true }])],
      [['breaking', 'prompt review › argument focus', /is now required/]],
    ],
    [
      'argument made optional',
      [prompt('review', [{ ...focus, required: true }])],
      [prompt('review', [focus])],
      [['additive', 'prompt review › argument focus', /is now optional/]],
    ],
    [
      'new required argument',
      [prompt('review', [])],
      [prompt('review', [{ ...focus, required: true }])],
      [['breaking', 'prompt review › argument focus', /^New required argument/]],
    ],
    ['new optional argument', [prompt('review', [])], [prompt('review', [focus])], [['additive', 'prompt review › argument focus', /^New optional argument/]]],
    ['argument removed', [prompt('review', [focus])], [prompt('review', [])], [['breaking', 'prompt review › argument focus', /^Argument focus was removed/]]],
    [
      'description changed',
      [prompt('review', [])],
      [prompt('review', [], { description: 'Review a diff.' })],
      [['description', 'prompt review', /^Description changed/]],
    ],
  ])('%s', (_name, before, after, want) => {
    expectChanges(compareManifests(manifest({ prompts: before }), manifest({ prompts: after })), want);
  });
});

describe('toolsets', () => {
  const toolset = (name: string, isDefault: boolean) => ({ name, description: `The ${name} tools.`, default: isDefault, tools: [] });
  it.each<[string, Manifest['toolsets'], Manifest['toolsets'], Want[]]>([
    ['removed', [toolset('issues', true)], [], [['breaking', 'toolset issues', /--toolsets issues fail to start/]]],
    ['added', [], [toolset('issues', false)], [['additive', 'toolset issues', /^New toolset issues\.$/]]],
    ['no longer default', [toolset('issues', true)], [toolset('issues', false)], [['breaking', 'toolset issues', /^No longer on by default/]]],
    ['now default', [toolset('issues', false)], [toolset('issues', true)], [['additive', 'toolset issues', /^Now on by default\.$/]]],
  ])('%s', (_name, before, after, want) => {
    expectChanges(compareManifests(manifest({ toolsets: before }), manifest({ toolsets: after })), want);
  });
});

describe('summarize', () => {
  const change = (kind: SurfaceChange['kind']): SurfaceChange => ({ kind, subject: 'tool t', message: '' });
  it.each<[string, SurfaceChange[], ReturnType<typeof summarize>]>([
    ['nothing', [], { breaking: 0, additive: 0, description: 0, level: 'none' }],
    ['description only', [change('description')], { breaking: 0, additive: 0, description: 1, level: 'patch' }],
    ['additive', [change('description'), change('additive'), change('additive')], { breaking: 0, additive: 2, description: 1, level: 'minor' }],
    ['breaking', [change('additive'), change('breaking')], { breaking: 1, additive: 1, description: 0, level: 'major' }],
  ])('%s', (_name, changes, want) => {
    expect(summarize(changes)).toEqual(want);
  });
});

describe('pendingBump', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'tw-changesets-'));
    dirs.push(dir);
    mkdirSync(join(dir, '.changeset'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.changeset', name), text);
    return dir;
  }

  it('is undefined without a .changeset folder or without a changeset naming the package', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tw-changesets-'));
    dirs.push(empty);
    expect(pendingBump(empty, 'pkg')).toBeUndefined();
    expect(pendingBump(project({ 'a.md': "---\n'other': major\n---\n\nOther.\n" }), 'pkg')).toBeUndefined();
  });

  it('reads single-quoted, double-quoted and bare keys, and takes the largest bump', () => {
    const dir = project({
      'a.md': "---\n'@acme/tools': patch\n---\n\nFix.\n",
      'b.md': '---\n"@acme/tools": minor\n"other": major\n---\n\nFeature.\n',
      'c.md': '---\nplain: major\n---\n\nBreak.\n',
    });
    expect(pendingBump(dir, '@acme/tools')).toBe('minor');
    expect(pendingBump(dir, 'plain')).toBe('major');
    expect(pendingBump(dir, 'other')).toBe('major');
  });

  it('skips README.md and empty changesets, and reads CRLF files', () => {
    const dir = project({ 'README.md': '# Changesets\n', 'empty.md': '---\n---\n', 'win.md': "---\r\n'pkg': major\r\n---\r\n\r\nBreak.\r\n" });
    expect(pendingBump(dir, 'pkg')).toBe('major');
  });

  it('gives a package the largest bump of its fixed group', () => {
    const dir = project({ 'config.json': JSON.stringify({ fixed: [['a', 'b']] }), 'x.md': "---\n'b': major\n---\n\nBreak.\n" });
    expect(pendingBump(dir, 'a')).toBe('major');
    expect(pendingBump(dir, 'c')).toBeUndefined();
  });

  it.each([
    ['no front matter', 'Just text.\n', /has no front matter/],
    ['invalid YAML', "---\n'pkg: major\n---\n", /has invalid YAML front matter/],
    ['unknown bump', "---\n'pkg': huge\n---\n", /"pkg" has bump "huge"; write major, minor or patch/],
    ['a list', '---\n- pkg\n---\n', /must map package names to bumps/],
  ])('throws a ChangesetError naming the file for %s', (_name, text, message) => {
    const dir = project({ 'bad.md': text });
    expect(() => pendingBump(dir, 'pkg')).toThrow(ChangesetError);
    expect(() => pendingBump(dir, 'pkg')).toThrow(message);
    expect(() => pendingBump(dir, 'pkg')).toThrow(/^\.changeset\/bad\.md/);
  });
});
