/** Programmatic face of the CLI (used by tests and scripts). */
export { createProgram } from './program.js';
export { loadServerDefinition, resolveServerModule } from './commands/serve.js';
