/**
 * What the functions frontend refuses, and how it says so: one row per
 * construct, each a file in test/fixtures/functions/diagnostics/src/, with
 * the exact diagnostics it must produce (code, file, line, function) and
 * the words that tell the user what is wrong and what to write instead.
 * A function with an error never reaches the IR: no tool with a `{}` schema.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../ir/types.js';
import { type ReadFunctionsResult, readFunctions } from './index.js';

const PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));
const ROOT = resolve(PACKAGE, 'test/fixtures/functions/diagnostics');
const GOLDEN = resolve(PACKAGE, 'test/golden/functions/diagnostics.json');

let result: ReadFunctionsResult;
beforeAll(async () => {
  result = await readFunctions({ root: ROOT, config: { name: 'diagnostics', version: '1.0.0' } });
});

interface Want {
  code: string;
  severity?: 'error' | 'warning';
  line: number;
  subject: string;
  /** Substrings of the message. */
  says: string[];
  /** A substring of the hint: what to write instead. */
  fix: string;
  /** When the problem is declared in another file than the function. */
  file?: string;
}

// [construct, fixture file, the diagnostics it must produce]
const CASES: [string, string, Want[]][] = [
  [
    'function-typed parameter',
    'function-param.ts',
    [{ code: 'TW1001', line: 6, subject: 'retry', says: ['retry', '"action"', 'is a function'], fix: 'JSON data' }],
  ],
  [
    'function-typed property',
    'function-property.ts',
    [{ code: 'TW1001', line: 3, subject: 'queueJob', says: ['queueJob', '"job"', '`job.onDone` is a function'], fix: 'remove it from the signature' }],
  ],
  [
    'class constructor parameter',
    'constructor-param.ts',
    [{ code: 'TW1001', line: 6, subject: 'makeWidgets', says: ['"kind"', 'class constructor'], fix: 'construct the object inside' }],
  ],
  [
    'class instance with methods',
    'class-instance.ts',
    [{ code: 'TW1002', line: 9, subject: 'closeAccount', says: ['"account"', 'Account', 'balance()'], fix: 'only the data fields' }],
  ],
  ['Map parameter', 'map-param.ts', [{ code: 'TW1002', line: 2, subject: 'setLabels', says: ['"labels"', 'Map'], fix: 'Record<string, V>' }]],
  [
    'unbound generic',
    'unbound-generic.ts',
    [
      { code: 'TW1003', line: 2, subject: 'first', says: ['"items"', 'type parameter T'], fix: 'non-generic wrapper' },
      { code: 'TW1003', line: 2, subject: 'first', says: ['the result', 'depends on a type parameter'], fix: 'concrete type' },
    ],
  ],
  ['any parameter', 'any-param.ts', [{ code: 'TW1004', line: 2, subject: 'save', says: ['"data"', '`any`'], fix: '{@schema {"type":"object"}}' }]],
  [
    'unknown parameter',
    'unknown-param.ts',
    [{ code: 'TW1004', line: 2, subject: 'sendEvent', says: ['"payload"', '`unknown`'], fix: 'Record<string, unknown>' }],
  ],
  [
    'any property of an imported interface (pointed at where it is declared)',
    'imported-any.ts',
    [
      {
        code: 'TW1004',
        line: 3,
        file: 'src/shared/payload.ts',
        subject: 'publish',
        says: ['publish', '"payload"', '`payload.extra` is `any`'],
        fix: '@schema',
      },
    ],
  ],
  [
    'any inside the result',
    'any-result.ts',
    [{ code: 'TW1004', line: 2, subject: 'fetchRecord', says: ['the result', '`result.data` is `any`'], fix: 'concrete type' }],
  ],
  ['parameter without a type', 'untyped-param.ts', [{ code: 'TW1004', line: 3, subject: 'echo', says: ['"value" has no type'], fix: 'value: string' }]],
  [
    'symbol-keyed property',
    'symbol-key.ts',
    [{ code: 'TW1005', line: 5, subject: 'openVault', says: ['"vault"', 'symbol-keyed property [secret]'], fix: 'string keys' }],
  ],
  [
    'anonymous recursion',
    'anonymous-recursion.ts',
    [
      {
        code: 'TW1006',
        line: 1,
        subject: 'walkList',
        says: ['"head"', '`head.next` refers back to itself through a type with no name'],
        fix: 'Give the recursive type a name',
      },
    ],
  ],
  [
    'a generic that expands without end',
    'expanding-generic.ts',
    [{ code: 'TW1006', line: 3, subject: 'openBox', says: ['"box"', 'keeps expanding'], fix: 'refer to the same type' }],
  ],
  ['bigint', 'bigint.ts', [{ code: 'TW1007', line: 2, subject: 'transfer', says: ['"amount"', 'bigint'], fix: 'string of digits' }]],
  [
    'unresolved type',
    'unresolved-type.ts',
    [{ code: 'TW1008', line: 3, subject: 'archive', says: ['"project"', 'could not resolve'], fix: 'imported and spelled right' }],
  ],
  [
    'anonymous default export',
    'anonymous-default.ts',
    [{ code: 'TW1101', line: 2, subject: 'default', says: ['anonymous function'], fix: 'export default function listIssues' }],
  ],
  ['rest parameter', 'rest-param.ts', [{ code: 'TW1102', line: 2, subject: 'sum', says: ['"values" is a rest parameter'], fix: 'values: number[]' }]],
  [
    'destructured parameter without a type',
    'destructured-untyped.ts',
    [{ code: 'TW1103', line: 3, subject: 'renameFile', says: ['{ from, to } has no type'], fix: 'Annotate it' }],
  ],
  [
    'destructured parameter among several',
    'destructured-among-several.ts',
    [{ code: 'TW1103', line: 2, subject: 'moveFile', says: ['one of several'], fix: 'Give it a name' }],
  ],
  ['overloaded function', 'overloaded.ts', [{ code: 'TW1104', line: 4, subject: 'parse', says: ['parse is overloaded'], fix: 'non-overloaded' }]],
  ['invalid @toolName', 'invalid-tool-name.ts', [{ code: 'TW1105', line: 3, subject: 'doThing', says: ['"do the thing!"'], fix: 'letters, digits' }]],
  [
    'duplicate tool names (the second is reported and left out)',
    'duplicate-name.ts',
    [{ code: 'TW1106', line: 13, subject: 'searchPulls', says: ['"search"', 'searchIssues (src/duplicate-name.ts:5)'], fix: '@toolName' }],
  ],
  [
    'unreadable inline constraints',
    'invalid-inline-tag.ts',
    [
      { code: 'TW1109', line: 3, subject: 'listThings', says: ['{@minimum lots}', 'expects a number'], fix: '{@minimum 10}' },
      { code: 'TW1109', line: 4, subject: 'listThings', says: ['{@schema {type: object}}', 'expects JSON'], fix: '{@schema {"type":"object"}}' },
    ],
  ],
  [
    'resources that do not fit their URI',
    'resource-errors.ts',
    [
      { code: 'TW1107', line: 5, subject: 'wikiPage', says: ['"revision" is not a variable of "wiki://pages/{slug}"'], fix: 'add {revision} to the URI' },
      { code: 'TW1107', line: 13, subject: 'chapter', says: ['"number" is number', 'strings'], fix: 'number: string' },
      { code: 'TW1107', line: 19, subject: 'changelog', says: ['"changelog.md" is not an absolute URI'], fix: 'scheme' },
      { code: 'TW1107', line: 29, subject: 'settings', says: ['fixed URI', '"section"'], fix: 'Add {section} to the URI' },
    ],
  ],
  [
    'prompt problems',
    'prompt-errors.ts',
    [
      { code: 'TW1108', line: 6, subject: 'planTrip', says: ['"days" is number', 'strings'], fix: 'days: string' },
      { code: 'TW1114', line: 15, subject: 'today', says: ['both @resource and @prompt'], fix: 'Keep one tag' },
    ],
  ],
  [
    'warnings: JSDoc mistakes, missing description, computed default, untyped result, contradicting annotations, non-literal export',
    'warnings.ts',
    [
      { code: 'TW1110', severity: 'warning', line: 7, subject: 'tagRelease', says: ['@param notes', 'no parameter "notes"'], fix: 'version, name' },
      { code: 'TW1110', severity: 'warning', line: 8, subject: 'tagRelease', says: ['@idempotant'], fix: 'Did you mean @idempotent?' },
      { code: 'TW1110', severity: 'warning', line: 9, subject: 'tagRelease', says: ['@minimum on a function'], fix: '{@minimum 100}' },
      { code: 'TW1112', severity: 'warning', line: 11, subject: 'tagRelease', says: ['DEFAULT_NAME()', 'not a literal'], fix: '{@default 10}' },
      { code: 'TW1111', severity: 'warning', line: 16, subject: 'undocumented', says: ['no JSDoc description'], fix: 'What it does' },
      { code: 'TW1115', severity: 'warning', line: 25, subject: 'readValue', says: ['both @readOnly and @destructive'], fix: 'Keep the one' },
      { code: 'TW1113', severity: 'warning', line: 25, subject: 'readValue', says: ['`unknown`', 'no output schema'], fix: 'Declare the return type' },
      { code: 'TW1116', severity: 'warning', line: 34, subject: 'wrapped', says: ['not a function literal'], fix: 'export function wrapped' },
    ],
  ],
];

const FILES = CASES.map(([, file]) => `src/${file}`);

function diagnosticsFor(file: string, wants: Want[]): Diagnostic[] {
  const files = new Set([`src/${file}`, ...wants.map((w) => w.file).filter((f): f is string => f !== undefined)]);
  return result.diagnostics.filter((d) => d.file && files.has(d.file));
}

describe('unsupported constructs and mistakes', () => {
  it.each(CASES)('%s (%s)', (_construct, file, wants) => {
    const got = diagnosticsFor(file, wants);
    expect(got.map((d) => `${d.code} ${d.file}:${d.line} ${d.subject}`)).toEqual(
      wants.map((w) => `${w.code} ${w.file ?? `src/${file}`}:${w.line} ${w.subject}`),
    );
    got.forEach((diagnostic, i) => {
      const want = wants[i]!;
      expect(diagnostic.severity).toBe(want.severity ?? 'error');
      for (const words of want.says) expect(diagnostic.message).toContain(words);
      expect(diagnostic.hint).toContain(want.fix);
      expect(diagnostic.column).toBeGreaterThan(0);
    });
  });

  it('leaves every function with an error out of the IR', () => {
    const withErrors = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.subject));
    const produced = [...result.server.tools, ...result.server.resources, ...result.server.prompts].map((item) =>
      item.source.kind === 'function' ? item.source.name : '',
    );
    // searchIssues keeps the duplicated name; searchPulls, the repeat, is the one reported.
    expect(produced.filter((name) => withErrors.has(name))).toEqual([]);
    expect(result.server.tools.map((t) => t.name).sort()).toEqual(['read_value', 'search', 'tag_release', 'undocumented']);
  });

  it('has a row for every fixture file', async () => {
    const files = (await readdir(resolve(ROOT, 'src'))).filter((name) => name.endsWith('.ts')).map((name) => `src/${name}`);
    expect(files.sort()).toEqual([...FILES].sort());
  });

  it('matches the golden diagnostics', async () => {
    const text = `${JSON.stringify(result, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) {
      await writeFile(GOLDEN, text);
      return;
    }
    expect(text).toBe(await readFile(GOLDEN, 'utf8').catch(() => '(missing: run UPDATE_GOLDEN=1 npx vitest run packages/codegen/src/frontends)'));
  });
});
