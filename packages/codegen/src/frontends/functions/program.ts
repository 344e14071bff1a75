/**
 * The TypeScript program the frontend reads: ONE ts-morph Project over the
 * configured files, with the project's tsconfig. Its `ts.Program` and type
 * checker also feed typescript-json-schema (schema.ts), so every file is
 * parsed and every type resolved once per build.
 *
 * ts-morph 27 is used because it bundles TypeScript 5.9, the version
 * typescript-json-schema 0.68 compiles against; ts-morph 28 bundles
 * TypeScript 6.0, whose `TypeFlags` values differ, so one checker could not
 * serve both and every file would be parsed and checked twice.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Project, type SourceFile, ts } from 'ts-morph';
import { ALWAYS_EXCLUDE, type ResolvedToolwrightConfig } from '../../config.js';
import { Code, type DiagnosticCollector, relativePath } from './diagnostics.js';

export interface LoadedProgram {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
  /** The files whose exports are read, sorted by path. */
  files: SourceFile[];
}

/** Options the frontend needs whatever the tsconfig says: `strictNullChecks`, or `| null` and `?` vanish from types. */
const REQUIRED_OPTIONS: ts.CompilerOptions = {
  noEmit: true,
  strictNullChecks: true,
  skipLibCheck: true,
  declaration: false,
  declarationMap: false,
  sourceMap: false,
  composite: false,
  incremental: false,
};

/** Used when the project has no tsconfig. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2023,
  // Without `lib`, TypeScript adds the DOM typings: a megabyte to parse for types a tool server rarely uses.
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  esModuleInterop: true,
};

export function loadProgram(
  options: { root: string; config: ResolvedToolwrightConfig; files?: readonly string[] },
  diagnostics: DiagnosticCollector,
): LoadedProgram {
  const { root, config } = options;
  const project = createProject(root, config, diagnostics);

  if (options.files) {
    for (const file of options.files) {
      const path = isAbsolute(file) ? file : resolve(root, file);
      if (!existsSync(path)) {
        diagnostics.error({
          code: Code.NoFiles,
          message: `File ${relativePath(root, path)} does not exist.`,
          hint: 'Pass paths relative to the project root.',
        });
        continue;
      }
      project.addSourceFileAtPath(path);
    }
  } else {
    const glob = (pattern: string) => toPosix(resolve(root, pattern)) + (pattern.endsWith('/') ? '**' : '');
    const patterns = [...config.include.map(glob), ...[...ALWAYS_EXCLUDE, ...config.exclude].map((pattern) => `!${glob(pattern)}`)];
    project.addSourceFilesAtPaths(patterns);
    if (project.getSourceFiles().length === 0) {
      diagnostics.error({
        code: Code.NoFiles,
        message: `No source files match include ${JSON.stringify(config.include)}${config.exclude.length ? ` (exclude ${JSON.stringify(config.exclude)})` : ''} in ${root}.`,
        hint: 'Set "include" in toolwright.config.ts to globs relative to the project root, e.g. ["src/tools/**/*.ts"].',
      });
    }
  }
  const files = project.getSourceFiles().sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : 1));
  const program = project.getProgram().compilerObject;
  return { project, program, checker: program.getTypeChecker(), files };
}

function createProject(root: string, config: ResolvedToolwrightConfig, diagnostics: DiagnosticCollector): Project {
  const tsconfig = config.tsconfig ? resolve(root, config.tsconfig) : resolve(root, 'tsconfig.json');
  if (config.tsconfig && !existsSync(tsconfig)) {
    diagnostics.error({
      code: Code.InvalidTsconfig,
      message: `tsconfig ${config.tsconfig} does not exist; reading the sources with default compiler options.`,
      hint: 'Fix "tsconfig" in toolwright.config.ts.',
    });
  }
  if (existsSync(tsconfig)) {
    try {
      return new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, compilerOptions: REQUIRED_OPTIONS });
    } catch (error) {
      diagnostics.error({
        code: Code.InvalidTsconfig,
        message: `Could not read ${relativePath(root, tsconfig)}: ${error instanceof Error ? error.message : String(error)}. Reading the sources with default compiler options.`,
        hint: 'Fix the tsconfig (npx tsc -p <it> --showConfig shows what TypeScript reads).',
      });
    }
  }
  return new Project({ compilerOptions: { ...DEFAULT_OPTIONS, ...REQUIRED_OPTIONS } });
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}
