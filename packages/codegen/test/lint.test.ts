/**
 * Description lint: one row per rule with a description that trips it and a
 * close one that does not, the location each warning carries, and the
 * workspace example server, whose descriptions must pass clean.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DescriptionLintCode, type IrServer, type IrTool, type JsonSchema, lintDescriptions, readFunctions } from '../src/index.js';

const WORKSPACE = fileURLToPath(new URL('../../workspace/', import.meta.url));

function tool(name: string, description: string, input: JsonSchema = { type: 'object', properties: {} }, extra: Partial<IrTool> = {}): IrTool {
  return {
    name,
    description,
    input,
    annotations: {},
    examples: [],
    source: { kind: 'function', file: 'src/tools.ts', line: 12, column: 3, name },
    binding: { kind: 'function', module: 'src/tools.ts', exportName: name, params: { style: 'object' }, async: true, returns: 'object' },
    ...extra,
  };
}

function server(...tools: IrTool[]): IrServer {
  return {
    name: 'demo',
    version: '1.0.0',
    tools,
    resources: [],
    prompts: [],
    toolsets: [],
    env: [],
    origin: { kind: 'functions', config: 'toolwright.config.ts' },
  };
}

/** A sentence of exactly `length` characters, ending with a full stop. */
function sentence(length: number): string {
  const text = `Read ${'words of a long sentence '.repeat(20)}`.slice(0, length - 1).trimEnd();
  const padded = `${text}${'s'.repeat(length - 1 - text.length)}.`;
  if (padded.length !== length) throw new Error(`sentence(${length}) built ${padded.length} characters`);
  return padded;
}

const codes = (...tools: IrTool[]) => lintDescriptions(server(...tools)).map((d) => d.code);
const C = DescriptionLintCode;

describe('tool descriptions', () => {
  it.each<[string, string, string, string[]]>([
    ['missing', 'read_file', '', [C.MissingToolDescription]],
    ['only whitespace', 'read_file', '  \n ', [C.MissingToolDescription]],
    ['one word', 'list_directory', 'Browse.', [C.ShortToolDescription]],
    ['one long word', 'list_directory', 'Directory-listing-of-the-workspace', [C.ShortToolDescription]],
    ['under 20 characters', 'fetch_page', 'Fetch a web page.', [C.ShortToolDescription]],
    ['restates the name', 'read_file', 'Read file', [C.RestatesName]],
    ['restates the name with endings and filler words', 'create_issue', 'Creates the issues.', [C.RestatesName]],
    ['restates a camelCase name', 'searchFiles', 'Search files.', [C.RestatesName]],
    ['placeholder TODO', 'read_file', 'TODO', [C.Placeholder]],
    ['placeholder TODO with text', 'read_file', 'TODO: describe what this reads and when.', [C.Placeholder]],
    ['placeholder Helper', 'read_file', 'Helper.', [C.Placeholder]],
    ['placeholder Does stuff', 'read_file', 'Does stuff', [C.Placeholder]],
    ['first sentence too long', 'read_file', `Read ${'a very long clause about files, '.repeat(7)}and more. Short second sentence.`, [C.LongFirstSentence]],
    ['first sentence of 201 characters', 'read_file', `${sentence(201)} Second one.`, [C.LongFirstSentence]],
  ])('warns on a %s description', (_name, name, description, want) => {
    expect(codes(tool(name, description))).toEqual(want);
  });

  it.each<[string, string, string]>([
    ['says what and when', 'read_file', 'Read a text file from the workspace. Use it to look at source code or notes.'],
    ['exactly 20 characters, more than the name', 'fetch_page', 'Fetch one web page.!'],
    ['uses the name words and more', 'create_issue', 'Create an issue in a GitHub repository.'],
    ['a "Todo" tool that is not a placeholder', 'add_todo', 'Todo list: add an item with a due date to the list.'],
    ['a long description with a short first sentence', 'read_file', `Read a text file. ${'It explains details at length. '.repeat(20)}`],
    ['a first sentence of exactly 200 characters', 'read_file', sentence(200)],
    ['an abbreviation early on', 'read_file', `Read a file, e.g. ${'a configuration file in the workspace that holds settings, '.repeat(5)}.`],
  ])('passes a description that %s', (_name, name, description) => {
    expect(codes(tool(name, description))).toEqual([]);
  });

  it('reports at most one problem per tool description', () => {
    expect(codes(tool('read_file', 'Read.'))).toEqual([C.RestatesName]);
  });
});

describe('parameter descriptions', () => {
  const good = 'Read a text file from the workspace and return its text.';
  const input = (properties: Record<string, unknown>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, ...extra });

  it('warns on a top-level parameter without a description, naming it', () => {
    const [warning, ...rest] = lintDescriptions(server(tool('read_file', good, input({ path: { type: 'string' } }))));
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({
      code: C.MissingParameterDescription,
      severity: 'warning',
      subject: 'read_file',
      message: 'Parameter path of tool read_file has no description: the model has to guess what to pass.',
      file: 'src/tools.ts',
      line: 12,
      column: 3,
    });
    expect(warning!.hint).toMatch(/@param/);
  });

  it('warns on a placeholder parameter description', () => {
    expect(codes(tool('read_file', good, input({ path: { type: 'string', description: 'TODO' } })))).toEqual([C.Placeholder]);
  });

  it('passes described parameters, including a description on the $ref target, and ignores nested properties', () => {
    const schema = input(
      {
        path: { type: 'string', description: 'File path relative to the workspace root.' },
        priority: { $ref: '#/$defs/Priority' },
        filter: { type: 'object', description: 'Which entries to keep.', properties: { glob: { type: 'string' } } },
        pattern: { type: 'string', format: 'regex', pattern: '^.+$', description: 'A regular expression.' },
      },
      { $defs: { Priority: { enum: ['low', 'high'], description: 'How urgent it is.' } } },
    );
    expect(codes(tool('read_file', good, schema))).toEqual([]);
  });

  it('warns when neither the parameter nor its $ref target is described, and survives a $ref loop', () => {
    const schema = input({ a: { $ref: '#/$defs/A' } }, { $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } } });
    expect(codes(tool('read_file', good, schema))).toEqual([C.MissingParameterDescription]);
  });
});

describe('locations', () => {
  it('gives the spec and the operation pointer for OpenAPI tools', () => {
    const openapiTool = tool('issues_create', '', undefined, {
      source: {
        kind: 'openapi',
        spec: 'specs/github/api.json',
        pointer: '#/paths/~1repos~1{owner}~1{repo}~1issues/post',
        method: 'post',
        path: '/repos',
        operationId: 'issues/create',
      },
    });
    expect(lintDescriptions(server(openapiTool))).toEqual([
      expect.objectContaining({ code: C.MissingToolDescription, file: 'specs/github/api.json', pointer: '#/paths/~1repos~1{owner}~1{repo}~1issues/post' }),
    ]);
  });
});

describe('the workspace example server', () => {
  it('passes clean', async () => {
    const { server: workspace, diagnostics } = await readFunctions({
      root: WORKSPACE,
      config: { name: 'workspace', version: '1.0.0', include: ['src/tools.ts'] },
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(workspace.tools.length).toBeGreaterThanOrEqual(8);
    expect(lintDescriptions(workspace)).toEqual([]);
  });
});
