import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { type DocProblem, prose, readFunctionDoc } from './jsdoc.js';

const project = new Project({ useInMemoryFileSystem: true });
let counter = 0;

/** Reads the JSDoc `comment` written above `export function f(limit: number) {}`. */
function read(comment: string) {
  const file = project.createSourceFile(`f${counter++}.ts`, `${comment}\nexport function f(limit: number) {}\n`);
  const problems: DocProblem[] = [];
  const doc = readFunctionDoc(file.getFunctionOrThrow('f').getJsDocs(), problems);
  return { doc, problems: problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, hint: p.hint, line: p.tag.getStartLineNumber() })) };
}

const param = (text: string) => read(`/**\n * Does it.\n * @param limit ${text}\n */`);

describe('inline constraints in @param text', () => {
  // [@param text, keywords, description]
  const CASES: [string, Record<string, unknown>, string][] = [
    ['Most issues. {@minimum 1} {@maximum 100}', { minimum: 1, maximum: 100 }, 'Most issues.'],
    ['- The owner.', {}, 'The owner.'],
    ['{@exclusiveMinimum 0} {@multipleOf 0.5} Step.', { exclusiveMinimum: 0, multipleOf: 0.5 }, 'Step.'],
    ['Code. {@pattern ^[a-z]{2,3}$}', { pattern: '^[a-z]{2,3}$' }, 'Code.'],
    ['Code. {@minLength 2} {@maxLength 3}', { minLength: 2, maxLength: 3 }, 'Code.'],
    ['Day. {@format date}', { format: 'date' }, 'Day.'],
    ['Count. {@type integer}', { type: 'integer' }, 'Count.'],
    ['Tags. {@uniqueItems} {@minItems 1} {@maxItems 5}', { uniqueItems: true, minItems: 1, maxItems: 5 }, 'Tags.'],
    ['State. {@default open}', { default: 'open' }, 'State.'],
    ['Page. {@default 10}', { default: 10 }, 'Page.'],
    ['Mode. {@enum ["a","b"]} {@examples ["a"]}', { enum: ['a', 'b'], examples: ['a'] }, 'Mode.'],
    ['Meta. {@schema {"type":"object","properties":{"a":{"type":"string"}}}}', { schema: { type: 'object', properties: { a: { type: 'string' } } } }, 'Meta.'],
    ['Old. {@deprecated}', { deprecated: true }, 'Old.'],
    ['See {@link Issue} and {@link Page | pages}.', {}, 'See Issue and pages.'],
    ['Wrapped over\n * two lines. {@minimum 1}', { minimum: 1 }, 'Wrapped over two lines.'],
  ];
  it.each(CASES)('%j', (text, keywords, description) => {
    const { doc, problems } = param(text);
    expect(problems).toEqual([]);
    expect(doc.params.get('limit')?.keywords).toEqual(keywords);
    expect(doc.params.get('limit')?.description).toBe(description);
  });

  // [@param text, the error, its fix]
  const ERRORS: [string, string, string][] = [
    ['{@minimum lots}', '{@minimum lots} in @param limit: expects a number.', 'Write {@minimum 10}.'],
    ['{@type int}', 'expects a JSON Schema type', '{@type integer}'],
    ['{@pattern [a-}', 'is not a valid regular expression', 'without slashes'],
    ['{@enum "a"}', 'expects a JSON array.', '{@enum ["a","b"]}'],
    ['{@schema [1]}', 'expects a JSON object.', '{@schema {"type":"object"}}'],
    ['{@schema {type: object}}', 'expects JSON.', '{@schema {"type":"object"}}'],
    ['{@uniqueItems maybe}', 'expects nothing, true or false.', '{@uniqueItems}'],
    ['{@minimun 1}', 'is not a known constraint.', 'minimum'],
    ['Most. {@minimum 1', 'Unclosed {@minimum', 'Close it with }'],
  ];
  it.each(ERRORS)('%j is an error', (text, message, hint) => {
    const { problems } = param(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', code: 'TW1109', line: 3 });
    expect(problems[0]!.message).toContain(message);
    expect(problems[0]!.hint).toContain(hint);
  });
});

describe('function tags', () => {
  it('reads every tag the frontend knows', () => {
    const { doc, problems } = read(`/**
 * List issues.
 *
 * Newest first.
 * @param limit How many.
 * @returns The issues.
 * @example list_issues({})
 * @example
 * list_issues({ "limit": 5 })
 * @readOnly
 * @IDEMPOTENT
 * @openWorld false
 * @toolName issues_list
 * @title Issues
 * @deprecated
 * @mimeType text/plain
 */`);
    expect(problems).toEqual([]);
    expect(doc).toMatchObject({
      description: 'List issues.\n\nNewest first.',
      returns: 'The issues.',
      examples: ['list_issues({})', 'list_issues({ "limit": 5 })'],
      annotations: { readOnly: true, idempotent: true, openWorld: false },
      toolName: { value: 'issues_list' },
      title: 'Issues',
      deprecated: true,
      mimeType: 'text/plain',
      hidden: false,
    });
  });

  it.each([['@internal'], ['@hidden']])('%s hides the function', (tag) => {
    expect(read(`/** Helper. ${tag} */`).doc.hidden).toBe(true);
  });

  it('reads @resource and @prompt', () => {
    expect(read('/** R.\n * @resource docs://{id} */').doc.resource?.uri).toBe('docs://{id}');
    expect(read('/** P.\n * @prompt review */').doc.prompt?.name).toBe('review');
    expect(read('/** P.\n * @prompt */').doc.prompt?.name).toBeUndefined();
  });

  it('refuses an annotation with a value other than true or false', () => {
    expect(read('/** X.\n * @destructive maybe */').problems).toEqual([
      {
        severity: 'error',
        code: 'TW1109',
        line: 2,
        message: '@destructive takes no value, or true or false (got "maybe").',
        hint: 'Write @destructive or @destructive false.',
      },
    ]);
  });

  // [tag, hint of the warning, or undefined for no warning]
  const UNKNOWN: [string, string | undefined][] = [
    ['@idempotant', 'Did you mean @idempotent?'],
    ['@readonyl', 'Did you mean @readOnly?'],
    ['@toolname2', 'Did you mean @toolName?'],
    ['@name x', 'Name a tool with @toolName my_tool.'],
    [
      '@maxLength 3',
      "Put it inside the parameter's @param text, e.g. @param limit Most results. {@maxLength 100}; for an object parameter, tag the interface property.",
    ],
    ['@see other', undefined],
    ['@throws NotFoundError', undefined],
    ['@remarks Long story.', undefined],
    ['@customTag', undefined],
    ['@api', undefined],
  ];
  it.each(UNKNOWN)('%s', (tag, hint) => {
    const { problems } = read(`/** X.\n * ${tag} */`);
    expect(problems.map((p) => p.hint)).toEqual(hint ? [hint] : []);
    if (hint) expect(problems[0]).toMatchObject({ severity: 'warning', code: 'TW1110', line: 2 });
  });
});

describe('prose: joining the lines a comment wrapped', () => {
  const CASES: [string, string][] = [
    ['one\ntwo', 'one two'],
    ['para one\n\npara two\nwrapped', 'para one\n\npara two wrapped'],
    ['Steps:\n- one\n- two', 'Steps:\n- one\n- two'],
    ['Steps:\n1. one\n2. two', 'Steps:\n1. one\n2. two'],
    ['Example:\n```ts\nconst a = 1;\nconst b = 2;\n```\nafter', 'Example:\n```ts\nconst a = 1;\nconst b = 2;\n```\nafter'],
    ['Table:\n| a | b |\n| - | - |', 'Table:\n| a | b |\n| - | - |'],
    ['Code:\n    indented\n    more', 'Code:\n    indented\n    more'],
  ];
  it.each(CASES)('%j', (given, want) => expect(prose(given)).toBe(want));
});
