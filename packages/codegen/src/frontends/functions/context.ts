/** What every step of the functions frontend shares during one build. */
import type { ts } from 'ts-morph';
import type { DiagnosticCollector } from './diagnostics.js';
import type { SchemaGenerator } from './schema.js';

export interface FrontendContext {
  /** Absolute project root; paths in the IR and diagnostics are relative to it. */
  root: string;
  checker: ts.TypeChecker;
  schemas: SchemaGenerator;
  diagnostics: DiagnosticCollector;
}
