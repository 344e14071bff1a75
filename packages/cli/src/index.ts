/** Programmatic face of the CLI (used by tests and scripts). */

// toolwright.config.ts imports defineConfig from 'toolwright', the one package a project installs for its build.
export type { ToolwrightConfig } from '@toolwright/codegen';
export { defineConfig } from '@toolwright/codegen';
export { loadServerDefinition, resolveServerModule } from './commands/serve.js';
export { createProgram } from './program.js';
