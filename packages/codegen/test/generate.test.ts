/**
 * The whole functions pipeline on the fixture projects: read → IR → emit,
 * with the emitted files pinned as golden files (the fixture project's own
 * `generated/` folder), and type-checked by `tsc` together with the fixture's
 * sources — the drift assertions in server.gen.ts must hold.
 *
 * Then the promise the product makes: change a function's signature without
 * regenerating, and the type-check fails at that tool's drift check with a
 * message naming the function; regenerate, and it passes.
 *
 * Regenerate the golden files: UPDATE_GOLDEN=1 npx vitest run packages/codegen/test/generate.test.ts
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { readFunctions } from '../src/frontends/functions/index.js';
import { generateServer } from '../src/generate.js';
import type { GeneratedFile } from '../src/ir/types.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const fixture = (name: string) => resolve(PACKAGE, 'test/fixtures/functions', name);
const PROJECTS = ['positional', 'object-param', 'types', 'resources-prompts'] as const;
const OUT = 'generated';

async function generate(root: string, name: string): Promise<GeneratedFile[]> {
  const { server, diagnostics } = await readFunctions({ root, config: { name, version: '1.0.0', description: `Fixture ${name}.` } });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = generateServer(server, { outDir: OUT, source: 'toolwright.config.ts' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.files;
}

/** Type-checks a fixture project (its sources and generated/) with strict options; returns `file:line message` lines. */
function typeCheck(root: string): string[] {
  const files = ts.sys.readDirectory(root, ['.ts'], ['**/node_modules/**'], ['src/**/*.ts', `${OUT}/**/*.ts`]);
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@toolwright/source'],
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [resolve(PACKAGE, '../../node_modules/@types')],
  };
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? d.file.fileName.slice(root.length + 1) : '';
    return `${file}${where ? `:${where.line + 1}` : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe.each(PROJECTS)('generated server for fixture %s', (name) => {
  it('matches the golden files and type-checks with its sources', async () => {
    const root = fixture(name);
    const files = await generate(root, name);
    expect(
      files
        .map((f) => f.path)
        .filter((path) => !path.startsWith('docs/'))
        .sort(),
    ).toEqual(['schemas.gen.ts', 'server.gen.ts', 'tools.json']);
    expect(files.map((f) => f.path)).toContain('docs/index.md');
    for (const file of files) {
      const path = resolve(root, OUT, file.path);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.contents);
        continue;
      }
      let expected: string;
      try {
        expected = readFileSync(path, 'utf8');
      } catch {
        expected = '(missing: run UPDATE_GOLDEN=1 npx vitest run packages/codegen/test/generate.test.ts)';
      }
      expect(file.contents, `${name}/${OUT}/${file.path}`).toBe(expected);
    }
    expect(typeCheck(root)).toEqual([]);
  });

  it('is deterministic: a second run is byte-identical', async () => {
    const root = fixture(name);
    const [first, second] = [await generate(root, name), await generate(root, name)];
    expect(second).toEqual(first);
  });
});

describe('drift between a function and its generated registration', () => {
  // Inside the package, so @toolwright/runtime and zod resolve from the repository's node_modules.
  const scratch = mkdtempSync(resolve(PACKAGE, 'test/.drift-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const edit = (file: string, from: string, to: string) => {
    const path = resolve(scratch, file);
    const text = readFileSync(path, 'utf8');
    expect(text, `fixture text to edit in ${file}`).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };

  /** The fixture file (relative) that declares `fn`. */
  const sourceOf = (fn: string): string => {
    for (const file of ts.sys.readDirectory(resolve(scratch, 'src'), ['.ts'])) {
      if (readFileSync(file, 'utf8').includes(`function ${fn}(`)) return file.slice(scratch.length + 1);
    }
    throw new Error(`no function ${fn} in the fixture`);
  };

  const regenerate = async () => {
    for (const file of await generate(scratch, 'positional')) {
      mkdirSync(dirname(resolve(scratch, OUT, file.path)), { recursive: true });
      writeFileSync(resolve(scratch, OUT, file.path), file.contents);
    }
  };

  it('a changed signature fails the type-check at that tool, naming the function; regenerating fixes it', async () => {
    cpSync(fixture('positional'), scratch, { recursive: true });
    await regenerate();
    expect(typeCheck(scratch)).toEqual([]);

    // a parameter retyped: the string-literal union gains a member
    const file = sourceOf('sayHello');
    edit(file, "punctuation: '!' | '.' = '!'", "punctuation: '!' | '.' | '?' = '!'");
    const errors = typeCheck(scratch);
    // exactly one error, at the drift check, saying which function and what to do
    expect(errors, errors.join('\n')).toHaveLength(1);
    const drift = errors.find((e) => e.startsWith(`${OUT}/server.gen.ts`) && e.includes(`greet: the parameters of sayHello (${file}:`));
    expect(drift, errors.join('\n')).toBeDefined();
    expect(drift).toContain('no longer match the generated input schema; run npx toolwright build');

    await regenerate();
    expect(typeCheck(scratch)).toEqual([]);
  });

  it('an added parameter and a changed return type are both caught', async () => {
    cpSync(fixture('positional'), scratch, { recursive: true, force: true });
    await regenerate();
    const file = sourceOf('countWords');
    edit(file, 'countWords(text: string): number {', 'countWords(text: string, strict: boolean): string {');
    edit(file, 'return text.split(/\\s+/).filter(Boolean).length;', 'return String(strict ? text.split(/\\s+/).length : 0);');
    const errors = typeCheck(scratch);
    expect(errors, errors.join('\n')).toHaveLength(2);
    expect(
      errors.filter((e) => e.startsWith(`${OUT}/server.gen.ts`)).map((e) => /(count_words: the (?:parameters|return type) of countWords)/.exec(e)?.[1]),
      errors.join('\n'),
    ).toEqual(expect.arrayContaining(['count_words: the parameters of countWords', 'count_words: the return type of countWords']));
    await regenerate();
    expect(typeCheck(scratch)).toEqual([]);
  });
});
