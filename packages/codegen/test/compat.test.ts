/**
 * Client compatibility: which known clients would reject a tool as sent, the
 * build warning that says so, and the portable schema profile that every one
 * of them accepts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toWireSchema } from '../src/emit/wire.js';
import { readOpenApi } from '../src/frontends/openapi/index.js';
import type { IrTool, JsonSchema } from '../src/ir/types.js';
import { CLIENT_INCOMPATIBLE, clientProblems, lintClientCompatibility, validateClients, validateSchemaProfile } from '../src/lint/compat.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const input: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', description: 'Title.' },
    due: { type: 'string', format: 'date-time', description: 'When it is due.' },
    kind: { const: 'task' },
    labels: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
    meta: { type: 'object', additionalProperties: { type: 'string' } },
    parent: { $ref: '#/$defs/Node' },
  },
  required: ['title'],
  $defs: {
    Node: {
      type: 'object',
      description: 'A tree node.',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
    },
  },
};
const tool = (name: string, overrides: Partial<IrTool> = {}): IrTool =>
  ({ name, description: 'A tool for tests.', input, annotations: {}, binding: { kind: 'function' }, ...overrides }) as unknown as IrTool;

describe('clientProblems', () => {
  it('names what each client would reject', () => {
    expect(clientProblems(tool('t'), 'gemini').sort()).toEqual(['$ref/$defs', 'a union in items', 'additionalProperties']);
    expect(clientProblems(tool('t'), 'openai-strict').sort()).toEqual(['an object without additionalProperties: false', 'format', 'optional properties']);
    expect(clientProblems(tool('t'), 'cursor')).toEqual([]);
    expect(clientProblems(tool('x'.repeat(61)), 'cursor')).toEqual(['a name of 61 characters (over 60)']);
    expect(clientProblems(tool('t', { output: { type: 'array', items: { type: 'string' } } }), 'legacy')).toEqual(['an output schema that is not an object']);
    expect(clientProblems(tool('t', { output: { type: 'object', properties: {} } }), 'legacy')).toEqual([]);
  });

  it('the portable profile leaves Gemini nothing to reject', () => {
    expect(clientProblems(tool('t'), 'gemini', { portable: true })).toEqual([]);
  });
});

describe('portable wire schemas', () => {
  const wire = toWireSchema(input, { strict: true, portable: true }) as Record<string, any>;

  it('inline $refs, cutting recursion with a note, and drop $defs and additionalProperties', () => {
    expect(JSON.stringify(wire)).not.toMatch(/\$ref|\$defs|additionalProperties/);
    expect(wire.properties.parent.description).toBe('A tree node.');
    expect(wire.properties.parent.properties.children.items.properties.children.items).toEqual({
      type: 'object',
      description: 'A tree node. (Nested like its parent; not described deeper.)',
    });
    expect(wire.properties.meta).toEqual({ type: 'object' });
  });

  it('say format in words, const as an enum, and reduce a union in items to its first branch', () => {
    expect(wire.properties.due).toEqual({ type: 'string', description: 'When it is due. Format: date-time.' });
    expect(wire.properties.kind).toEqual({ enum: ['task'] });
    expect(wire.properties.labels.items).toEqual({ type: 'string', description: 'Or: integer.' });
    expect(wire.required).toEqual(['title']);
  });

  it('leaves the default profile as it was', () => {
    expect(toWireSchema(input, { strict: true })).toMatchObject({ $defs: { Node: { additionalProperties: false } }, additionalProperties: false });
  });
});

describe('lintClientCompatibility on a real spec (Notion)', () => {
  it('warns once per targeted client, with counts, examples and the fix; the portable profile clears Gemini', async () => {
    const spec = JSON.parse(readFileSync(`${ROOT}specs/notion/notion-openapi.json`, 'utf8'));
    const { server } = await readOpenApi({ spec, root: ROOT, config: { name: 'notion', version: '1.0.0' } });
    const [gemini, ...rest] = lintClientCompatibility(server, ['gemini', 'cursor'], { file: 'toolwright.config.ts' });
    expect(rest).toEqual([]);
    expect(gemini).toMatchObject({ code: CLIENT_INCOMPATIBLE, severity: 'warning', file: 'toolwright.config.ts' });
    expect(gemini!.message).toMatch(/^Gemini would reject \d+ of 24 tools \(.*additionalProperties: \d+.*\), e\.g\. \w+/);
    expect(gemini!.hint).toMatch(/schemaProfile: 'portable'/);
    expect(lintClientCompatibility(server, ['gemini'], { portable: true })).toEqual([]);
  });
});

describe('config values', () => {
  it('clients and schemaProfile are checked', () => {
    expect(validateClients(['gemini', 'claude'])).toEqual([
      '"clients" must be a list of "gemini", "openai-strict", "cursor", "legacy" (got ["gemini","claude"]).',
    ]);
    expect(validateClients(['gemini', 'cursor'])).toEqual([]);
    expect(validateSchemaProfile('strict')).toEqual(['"schemaProfile" must be "default" or "portable" (got "strict").']);
    expect(validateSchemaProfile('portable')).toEqual([]);
  });
});
