/**
 * Diagnostics of the typed-functions frontend: stable codes, and a collector
 * that turns a TypeScript node into file (relative to the project root),
 * line and column. Problems are collected, never thrown, so one build reports
 * every one of them.
 */
import { relative } from 'node:path';
import type { ts } from 'ts-morph';
import type { Diagnostic } from '../../ir/types.js';

/** Stable codes. TW10xx: types JSON Schema cannot describe; TW11xx: functions and JSDoc; TW12xx: project. */
export const Code = {
  /** A function-typed (callable) parameter or property. */
  FunctionType: 'TW1001',
  /** An object with methods: a class instance, Map, Set, Promise, Uint8Array… */
  HasMethods: 'TW1002',
  /** A type parameter that no caller pins down: `<T>(x: T)`. */
  UnboundGeneric: 'TW1003',
  /** `any`, or `unknown` where a value's shape is needed, with no `@schema`. */
  AnyType: 'TW1004',
  /** A symbol-keyed property or a symbol value. */
  SymbolKey: 'TW1005',
  /** A recursive type that has no name, or one that expands without end. */
  AnonymousRecursion: 'TW1006',
  /** A bigint: JSON has no such number. */
  BigInt: 'TW1007',
  /** A type TypeScript could not resolve (missing import, typo). */
  UnresolvedType: 'TW1008',
  /** typescript-json-schema failed on a type the checks let through. */
  SchemaFailed: 'TW1009',

  /** An exported function with no name (anonymous default export). */
  AnonymousFunction: 'TW1101',
  /** A rest parameter `...args`. */
  RestParameter: 'TW1102',
  /** A destructured parameter with no type annotation, or one of several (it has no argument name). */
  DestructuredParameter: 'TW1103',
  /** An overloaded function. */
  Overloaded: 'TW1104',
  /** An invalid tool, resource or prompt name. */
  InvalidName: 'TW1105',
  /** Two tools, prompts or resources with the same name or URI. */
  DuplicateName: 'TW1106',
  /** An `@resource` whose URI or parameters do not fit. */
  InvalidResource: 'TW1107',
  /** A `@prompt` argument that is not a string. */
  InvalidPrompt: 'TW1108',
  /** A JSDoc tag or inline constraint that cannot be read (bad JSON, not a number…). */
  InvalidTag: 'TW1109',
  /** Unknown or misplaced JSDoc tag; `@param` for a parameter that does not exist. (warning) */
  UnknownTag: 'TW1110',
  /** A tool with no description: the model sees nothing. (warning) */
  MissingDescription: 'TW1111',
  /** A default value that is not a literal, so the schema cannot show it. (warning) */
  NonLiteralDefault: 'TW1112',
  /** A result typed `any`/`unknown`: no output schema. (warning) */
  UntypedResult: 'TW1113',
  /** More than one of `@resource`, `@prompt`. */
  ConflictingKinds: 'TW1114',
  /** `@readOnly` together with `@destructive`. (warning) */
  ConflictingAnnotations: 'TW1115',
  /** An exported callable that is not a function literal, so it is not a tool. (warning) */
  NotAFunction: 'TW1116',
  /** typescript-json-schema printed a warning while reading a type. (warning) */
  SchemaWarning: 'TW1117',

  /** No source files matched, or a named file does not exist. */
  NoFiles: 'TW1201',
  /** The tsconfig could not be read. */
  InvalidTsconfig: 'TW1202',
  /** No tools, resources or prompts were found. (warning) */
  NothingExported: 'TW1203',
} as const;

export type FunctionsCode = (typeof Code)[keyof typeof Code];

export interface Location {
  file: string;
  line: number;
  column: number;
}

/** File (relative to `root`, POSIX), 1-based line and column of a node's first token. */
export function locate(node: ts.Node, root: string): Location {
  const sourceFile = node.getSourceFile();
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return { file: relativePath(root, sourceFile.fileName), line: line + 1, column: character + 1 };
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

export interface Report {
  code: FunctionsCode;
  message: string;
  hint?: string;
  /** The node to point at; omitted for project-level problems. */
  node?: ts.Node;
  /** The function concerned. */
  subject?: string;
  /** Overrides `node`'s location (e.g. a JSDoc line). */
  at?: Partial<Location>;
}

/** Collects diagnostics in the order they are found. */
export class DiagnosticCollector {
  readonly items: Diagnostic[] = [];

  constructor(private readonly root: string) {}

  error(report: Report): void {
    this.push('error', report);
  }

  warning(report: Report): void {
    this.push('warning', report);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  private push(severity: Diagnostic['severity'], report: Report): void {
    const location = report.node ? locate(report.node, this.root) : undefined;
    const merged = location || report.at ? { ...location, ...report.at } : undefined;
    this.items.push({
      code: report.code,
      severity,
      message: report.message,
      ...(report.hint ? { hint: report.hint } : {}),
      ...(merged?.file ? { file: merged.file } : {}),
      ...(merged?.line ? { line: merged.line } : {}),
      ...(merged?.column ? { column: merged.column } : {}),
      ...(report.subject ? { subject: report.subject } : {}),
    });
  }
}
