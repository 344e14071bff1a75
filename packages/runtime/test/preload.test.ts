/**
 * `@toolwright/runtime/preload`: the runtime's third-party dependencies, which
 * the `toolwright` bin imports before it registers tsx (a module loaded after
 * that costs a round trip to the hooks thread). Its use is silent on failure,
 * so these tests are what keeps it correct: it must load in plain Node, and it
 * must list exactly what the runtime's static import graph reaches, so a new
 * static dependency is not quietly loaded through the hooks again.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGE = resolve(import.meta.dirname, '..');
const PRELOAD = join(PACKAGE, 'preload.js');

/** Bare specifiers imported by a file at run time (`import type` and `export type` are erased). */
function staticImports(file: string): { relative: string[]; bare: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const relative: string[] = [];
  const bare: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) specifier = statement.moduleSpecifier;
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const text = specifier.text;
    if (text.startsWith('node:')) continue;
    (text.startsWith('.') ? relative : bare).push(text);
  }
  return { relative, bare };
}

/** Third-party modules reached from the runtime's index by static imports alone (what a stdio start loads). */
function reachedFromIndex(): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const imports = staticImports(file);
    for (const specifier of imports.bare) bare.add(specifier);
    for (const specifier of imports.relative) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
  };
  visit(join(PACKAGE, 'src/index.ts'));
  return bare;
}

describe('@toolwright/runtime/preload', () => {
  it('imports every third-party module the runtime index reaches statically, and nothing else', () => {
    const preloaded = new Set(staticImports(PRELOAD).bare);
    expect([...preloaded].sort()).toEqual([...reachedFromIndex()].sort());
  });

  it('loads in plain Node, with no TypeScript loader, from its export', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "await import('@toolwright/runtime/preload'); console.log('ok')"], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('ok');
  });

  it('imports only packages the runtime declares as dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const specifier of staticImports(PRELOAD).bare) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      expect(Object.keys(manifest.dependencies), specifier).toContain(name);
    }
  });
});
