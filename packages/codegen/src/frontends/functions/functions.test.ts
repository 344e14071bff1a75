/**
 * The functions frontend over the fixture projects in
 * test/fixtures/functions/<case>/: the whole IR against a golden file per
 * project, then one row per construct — the function in the fixture and the
 * exact schema or binding it must produce.
 *
 * Regenerate the golden files: UPDATE_GOLDEN=1 npx vitest run packages/codegen/src/frontends
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IrServer, JsonSchema } from '../../ir/types.js';
import { type ReadFunctionsResult, readFunctions } from './index.js';
import { reachableDefs } from './schema.js';

const PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => resolve(PACKAGE, 'test/fixtures/functions', name);
const golden = (name: string) => resolve(PACKAGE, 'test/golden/functions', `${name}.json`);

const PROJECTS = ['positional', 'object-param', 'types', 'resources-prompts'] as const;
type Project = (typeof PROJECTS)[number];
const results = new Map<string, ReadFunctionsResult>();

beforeAll(async () => {
  for (const name of PROJECTS) {
    results.set(name, await readFunctions({ root: fixture(name), config: { name, version: '1.0.0', description: `Fixture ${name}.` } }));
  }
});

const ajv = () => new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false, keywords: ['x-ts-type'] });

function schemasOf(server: IrServer): [string, JsonSchema][] {
  return server.tools.flatMap((tool): [string, JsonSchema][] => [
    [`${tool.name} input`, tool.input],
    ...(tool.output ? [[`${tool.name} output`, tool.output] as [string, JsonSchema]] : []),
  ]);
}

describe.each(PROJECTS)('project %s', (name) => {
  it('produces the golden IR and diagnostics', async () => {
    const text = `${JSON.stringify(results.get(name), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) {
      await writeFile(golden(name), text);
      return;
    }
    const expected = await readFile(golden(name), 'utf8').catch(() => '(missing: run UPDATE_GOLDEN=1 npx vitest run packages/codegen/src/frontends)');
    expect(text).toBe(expected);
  });

  it('reports no errors', () => {
    expect(results.get(name)!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('writes schemas that compile as JSON Schema 2020-12, with every $ref resolving', () => {
    for (const [label, schema] of schemasOf(results.get(name)!.server)) {
      expect(() => ajv().compile(schema), label).not.toThrow();
    }
  });

  it('gives each schema exactly the $defs it reaches, and object roots', () => {
    for (const [label, schema] of schemasOf(results.get(name)!.server)) {
      const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
      expect(Object.keys(defs).sort(), label).toEqual([...reachableDefs([{ ...schema, $defs: undefined }], defs)].sort());
      expect(schema.type, label).toBe('object');
    }
  });
});

/** `tool list_issues`, `resource docs://x`, `prompt summarize` → that item of the server. */
function item(server: IrServer, subject: string): unknown {
  const [kind, key] = subject.split(' ') as [string, string];
  if (kind === 'tool') return server.tools.find((t) => t.name === key);
  if (kind === 'resource') return server.resources.find((r) => r.uri === key);
  return server.prompts.find((p) => p.name === key);
}

/** A JSON pointer (`/input/properties/owner`) into a value. */
function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node === undefined || node === null ? undefined : (node as Record<string, unknown>)[key]), value);
}

// [construct, project, subject, JSON pointer into it, what it must be]
const CASES: [string, Project, string, string, unknown][] = [
  // Positional parameters
  [
    'a string parameter with @param text',
    'positional',
    'tool list_issues',
    '/input/properties/owner',
    { description: 'Account that owns the repository, e.g. "octocat".', type: 'string' },
  ],
  [
    'inline {@pattern} with braces inside, and {@maxLength}',
    'positional',
    'tool list_issues',
    '/input/properties/repo',
    { description: 'Repository name.', type: 'string', pattern: '^[A-Za-z0-9_.-]+$', maxLength: 100 },
  ],
  [
    'a default from a const, with {@minimum} {@maximum} {@type integer}',
    'positional',
    'tool list_issues',
    '/input/properties/limit',
    { description: 'Most issues to return.', type: 'integer', minimum: 1, maximum: 100, default: 30 },
  ],
  [
    'an enum-member default; the enum in $defs',
    'positional',
    'tool list_issues',
    '/input/properties/sort',
    { description: 'Order of the results.', $ref: '#/$defs/Sort', default: 'newest' },
  ],
  [
    'the enum itself',
    'positional',
    'tool list_issues',
    '/input/$defs/Sort',
    { description: 'Sort orders for issue lists.', type: 'string', enum: ['newest', 'oldest'] },
  ],
  [
    'an array default, {@uniqueItems}',
    'positional',
    'tool list_issues',
    '/input/properties/labels',
    { description: 'Only issues with all of these labels.', type: 'array', items: { type: 'string' }, uniqueItems: true, default: [] },
  ],
  ['parameters with defaults are optional', 'positional', 'tool list_issues', '/input/required', ['owner', 'repo']],
  [
    'binding: positional names and optional ones',
    'positional',
    'tool list_issues',
    '/binding/params',
    { style: 'positional', names: ['owner', 'repo', 'limit', 'sort', 'labels'], optional: ['limit', 'sort', 'labels'] },
  ],
  [
    '`?` without default, {@default}, string-literal union',
    'positional',
    'tool close_issue',
    '/input/properties/reason',
    { description: 'Why it is closed.', enum: ['completed', 'not_planned'], type: 'string', default: 'completed' },
  ],
  [
    '{@exclusiveMinimum}',
    'positional',
    'tool get_issue',
    '/input/properties/issueNumber',
    { description: 'The issue number.', type: 'number', exclusiveMinimum: 0 },
  ],
  [
    'a negative default and {@multipleOf}',
    'positional',
    'tool shift_point',
    '/input/properties/scale',
    { description: 'Multiplier, may be negative.', type: 'number', multipleOf: 0.5, default: -1 },
  ],
  [
    'a tuple → prefixItems',
    'positional',
    'tool shift_point',
    '/input/properties/offset',
    { description: 'Offset as [dx, dy].', type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false, minItems: 2, maxItems: 2 },
  ],
  [
    'Record<string, boolean> → additionalProperties, written out',
    'positional',
    'tool set_flags',
    '/input/properties/flags',
    { description: 'Flags to set.', type: 'object', additionalProperties: { type: 'boolean' } },
  ],
  ['no parameters → style none, empty object input', 'positional', 'tool get_http_status', '/input', { type: 'object', properties: {} }],
  // Results
  [
    'Promise<T[]> → wrapped, with the @returns text',
    'positional',
    'tool list_issues',
    '/output/properties/result',
    { description: 'The matching issues.', type: 'array', items: { $ref: '#/$defs/Issue' } },
  ],
  ['async function → binding.async', 'positional', 'tool list_issues', '/binding/async', true],
  ['T | undefined → wrapped, result not required', 'positional', 'tool get_issue', '/output/required', undefined],
  [
    'number → wrapped',
    'positional',
    'tool count_words',
    '/output',
    { type: 'object', properties: { result: { description: 'How many words it has.', type: 'number' } }, required: ['result'] },
  ],
  ['string | null → wrapped nullable', 'positional', 'tool find_name', '/output/properties/result/type', ['null', 'string']],
  ['string → text, no output schema', 'positional', 'tool greet', '/binding/returns', 'text'],
  ['void → void, no output schema', 'positional', 'tool close_issue', '/binding/returns', 'void'],
  ['void → sync binding', 'positional', 'tool close_issue', '/binding/async', false],
  [
    'an object literal return with a Date → object output',
    'positional',
    'tool get_http_status',
    '/output',
    {
      type: 'object',
      properties: { ok: { type: 'boolean' }, checkedAt: { type: 'string', format: 'date-time', 'x-ts-type': 'Date' } },
      required: ['checkedAt', 'ok'],
    },
  ],
  // Names and JSDoc
  ['@toolName overrides the snake_case name; @title', 'positional', 'tool greet', '/title', 'Greeter'],
  ['acronyms split in snake_case: getHTTPStatus', 'positional', 'tool get_http_status', '/source/name', 'getHTTPStatus'],
  ['@deprecated text', 'positional', 'tool get_http_status', '/deprecated', 'Use get_health instead.'],
  ['@readOnly @idempotent @openWorld', 'positional', 'tool list_issues', '/annotations', { readOnly: true, idempotent: true, openWorld: true }],
  ['@example', 'positional', 'tool list_issues', '/examples', ['list_issues({ "owner": "octocat", "repo": "hello-world" })']],
  [
    'soft-wrapped description lines are joined',
    'positional',
    'tool list_issues',
    '/description',
    'List the issues of a repository, newest first. Use it to see what is open before filing a new issue.',
  ],
  [
    'source location of `export const x = async (…) =>`',
    'positional',
    'tool get_issue',
    '/source',
    { kind: 'function', file: 'src/issues.ts', line: 42, column: 14, name: 'getIssue' },
  ],
  [
    '`export { impl as name }`: named after the export',
    'positional',
    'tool reverse_text',
    '/binding',
    { kind: 'function', module: 'src/misc.ts', exportName: 'reverseText', params: { style: 'positional', names: ['text'] }, async: false, returns: 'text' },
  ],
  ['a function exported by name and as default is one tool, bound to its name', 'positional', 'tool count_words', '/binding/exportName', 'countWords'],
  ['@internal is not a tool', 'positional', 'tool helper', '', undefined],
  ['@hidden is not a tool', 'positional', 'tool also_hidden', '', undefined],
  // Types
  [
    'optional Date → date-time',
    'types',
    'tool search_issues',
    '/input/properties/since',
    { description: 'Only issues created after this time.', type: 'string', format: 'date-time', 'x-ts-type': 'Date' },
  ],
  [
    'string | null parameter',
    'types',
    'tool search_issues',
    '/input/properties/cursor',
    { description: "Page cursor from a previous call's `next`.", type: ['null', 'string'] },
  ],
  [
    'labelled tuple',
    'types',
    'tool search_issues',
    '/input/properties/range/prefixItems',
    [
      { type: 'number', title: 'from' },
      { type: 'number', title: 'to' },
    ],
  ],
  ['numeric enum array', 'types', 'tool search_issues', '/input/$defs/Priority', { type: 'number', enum: [1, 2, 3] }],
  [
    'generic instance Page<Issue> → object output, @returns as description',
    'types',
    'tool search_issues',
    '/output/description',
    'One page of matching issues.',
  ],
  ['generic field T[] → Issue[]', 'types', 'tool search_issues', '/output/properties/items', { type: 'array', items: { $ref: '#/$defs/Issue' } }],
  [
    'output $defs: what Page<Issue> reaches, through imports',
    'types',
    'tool search_issues',
    '/output/$defs',
    expect.objectContaining({ Issue: expect.any(Object), IssueState: expect.any(Object), Priority: expect.any(Object), User: expect.any(Object) }),
  ],
  [
    'property JSDoc constraints in an imported interface',
    'types',
    'tool search_issues',
    '/output/$defs/Issue/properties/title',
    { description: 'One-line summary.', minLength: 1, maxLength: 256, type: 'string' },
  ],
  [
    'nullable Date field',
    'types',
    'tool search_issues',
    '/output/$defs/Issue/properties/closedAt',
    { anyOf: [{ type: 'string', format: 'date-time', 'x-ts-type': 'Date' }, { type: 'null' }] },
  ],
  [
    'nested inline object array',
    'types',
    'tool search_issues',
    '/output/$defs/Issue/properties/labels/items',
    { type: 'object', properties: { name: { type: 'string' }, color: { type: 'string' } }, required: ['color', 'name'] },
  ],
  [
    'a same-named type from another module is its own def',
    'types',
    'tool lint_issue',
    '/output/$defs/Issue/description',
    'A different Issue: a problem found by a linter.',
  ],
  [
    'discriminated union → anyOf of named objects',
    'types',
    'tool area',
    '/input/$defs/Shape',
    { description: 'A shape to draw.', anyOf: [{ $ref: '#/$defs/Circle' }, { $ref: '#/$defs/Rectangle' }] },
  ],
  ['literal discriminant → const', 'types', 'tool area', '/input/$defs/Circle/properties/kind', { type: 'string', const: 'circle' }],
  ['a recursive interface refers to itself', 'types', 'tool count_folders', '/input/properties/children/items', { $ref: '#/$defs/Folder' }],
  ['a recursive alias (Json)', 'types', 'tool store_document', '/input/$defs/Json/anyOf/1', { type: 'object', additionalProperties: { $ref: '#/$defs/Json' } }],
  [
    'unknown[] → items of any JSON value',
    'types',
    'tool store_document',
    '/input/properties/tags',
    { description: 'Free-form tags; any JSON values.', type: 'array', items: {}, default: [] },
  ],
  [
    'a branded string is a string',
    'types',
    'tool watch_issue',
    '/input/$defs/IssueId',
    { description: 'An issue id: a string the type system tells apart from other strings.', type: 'string' },
  ],
  // Object parameter
  ['one interface parameter → its properties are the arguments', 'object-param', 'tool create_issue', '/binding/params', { style: 'object' }],
  [
    'interface property docs and @pattern',
    'object-param',
    'tool create_issue',
    '/input/properties/repo',
    { description: 'Repository name.', pattern: '^[A-Za-z0-9_.-]+$', type: 'string' },
  ],
  [
    '@TJS-type integer with @minimum',
    'object-param',
    'tool create_issue',
    '/input/properties/milestone',
    { description: 'Milestone number.', minimum: 1, type: 'integer' },
  ],
  [
    'a string with @format date-time is not a Date',
    'object-param',
    'tool create_issue',
    '/input/properties/dueOn',
    { description: 'Due date, as written.', format: 'date-time', type: 'string' },
  ],
  [
    'nullable optional property',
    'object-param',
    'tool create_issue',
    '/input/properties/assignee',
    { description: 'Who to assign, or null for nobody.', type: ['null', 'string'] },
  ],
  [
    '@schema on an `any` property',
    'object-param',
    'tool create_issue',
    '/input/properties/meta',
    { type: 'object', additionalProperties: { type: 'string' }, description: 'Arbitrary metadata kept with the issue.' },
  ],
  ['required fields of the interface', 'object-param', 'tool create_issue', '/input/required', ['owner', 'repo', 'title']],
  ['the interface description is not repeated on the input', 'object-param', 'tool create_issue', '/input/description', undefined],
  ['object result with @returns', 'object-param', 'tool create_issue', '/output/description', "The new issue's number and URL."],
  [
    'destructured parameter: defaults and @param input.field with inline constraint',
    'object-param',
    'tool search_code',
    '/input/properties/query',
    { type: 'string', description: 'Text to find.', minLength: 2 },
  ],
  ['destructured default', 'object-param', 'tool search_code', '/input/properties/page', { type: 'number', description: 'Page number, from 1.', default: 1 }],
  ['@default on an interface property', 'object-param', 'tool search_code', '/input/properties/perPage', { default: 20, type: 'number' }],
  [
    'an intersection parameter is merged into one object, with dotted @param docs',
    'object-param',
    'tool tag_commit',
    '/input',
    {
      type: 'object',
      properties: { sha: { type: 'string', description: 'Commit to tag.' }, name: { type: 'string', description: 'Tag name.' }, message: { type: 'string' } },
      required: ['name', 'sha'],
    },
  ],
  [
    'an optional object parameter of an inline type',
    'object-param',
    'tool update_settings',
    '/input',
    { type: 'object', properties: { theme: { enum: ['dark', 'light'], type: 'string' }, fontSize: { type: 'number' } } },
  ],
  // Resources, prompts, default exports
  ['a named default export → tool named after the function, exportName default', 'resources-prompts', 'tool ping', '/binding/exportName', 'default'],
  ['string-literal result → text', 'resources-prompts', 'tool ping', '/binding/returns', 'text'],
  ['@resource with a fixed URI', 'resources-prompts', 'resource docs://style-guide', '/binding/params', { style: 'none' }],
  ['@mimeType and @title', 'resources-prompts', 'resource docs://style-guide', '/mimeType', 'text/markdown'],
  [
    '@resource template: parameters are the variables, by name',
    'resources-prompts',
    'resource docs://manual/{chapter}/{+page}',
    '/binding/params',
    { style: 'positional', names: ['page', 'chapter'] },
  ],
  ['@resource template flag', 'resources-prompts', 'resource docs://manual/{chapter}/{+page}', '/template', true],
  [
    '@prompt: string parameters are arguments',
    'resources-prompts',
    'prompt review_code',
    '/arguments',
    [
      { name: 'code', description: 'The code to review.', required: true },
      { name: 'language', description: 'Its language, e.g. "ts".', required: false },
    ],
  ],
  [
    '@prompt name, one object parameter: its properties are arguments',
    'resources-prompts',
    'prompt summarize',
    '/arguments',
    [
      { name: 'text', description: 'The text to summarise.', required: true },
      { name: 'length', description: 'Target length, e.g. "one sentence".', required: false },
    ],
  ],
];

describe('constructs', () => {
  it.each(CASES)('%s', (_construct, project, subject, pointer, want) => {
    const server = results.get(project)!.server;
    expect(at(item(server, subject), pointer)).toEqual(want);
  });
});

// [tool, arguments, accepted]: the constraints are in the schema, so a validator enforces them.
const ARGUMENTS: [Project, string, Record<string, unknown>, boolean][] = [
  ['positional', 'list_issues', { owner: 'octocat', repo: 'hello' }, true],
  ['positional', 'list_issues', { owner: 'octocat' }, false],
  ['positional', 'list_issues', { owner: 'octocat', repo: 'bad name' }, false],
  ['positional', 'list_issues', { owner: 'octocat', repo: 'hello', limit: 0 }, false],
  ['positional', 'list_issues', { owner: 'octocat', repo: 'hello', limit: 2.5 }, false],
  ['positional', 'list_issues', { owner: 'octocat', repo: 'hello', sort: 'oldest', labels: ['a', 'b'] }, true],
  ['positional', 'list_issues', { owner: 'octocat', repo: 'hello', labels: ['a', 'a'] }, false],
  ['positional', 'shift_point', { offset: [1, 2] }, true],
  ['positional', 'shift_point', { offset: [1, 2, 3] }, false],
  ['types', 'area', { shape: { kind: 'circle', radius: 1 } }, true],
  ['types', 'area', { shape: { kind: 'circle', width: 1 } }, false],
  ['types', 'count_folders', { name: 'a', children: [{ name: 'b', children: [] }] }, true],
  ['types', 'count_folders', { name: 'a', children: [{ name: 'b' }] }, false],
  ['object-param', 'create_issue', { owner: 'o', repo: 'r', title: 'Bug', meta: { a: 'b' } }, true],
  ['object-param', 'create_issue', { owner: 'o', repo: 'r', title: '' }, false],
  ['object-param', 'create_issue', { owner: 'o', repo: 'r', title: 'Bug', meta: { a: 1 } }, false],
];

describe('input schemas validate arguments', () => {
  it.each(ARGUMENTS)('%s %s %j → %s', (project, tool, args, accepted) => {
    const schema = results.get(project)!.server.tools.find((t) => t.name === tool)!.input;
    expect(ajv().validate(schema, args)).toBe(accepted);
  });
});
