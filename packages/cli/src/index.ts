/** Programmatic face of the CLI (used by tests and scripts). */

export { loadServerDefinition, resolveServerModule } from './commands/serve.js';
export { createProgram } from './program.js';
