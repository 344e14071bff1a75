/**
 * Kept for scripts that imported it: the token report is now `npx toolwright tokens <server>`
 * (packages/cli/src/commands/tokens.ts), which this re-exports.
 */
export { type TokenReport, tokenReport } from '../packages/cli/src/commands/tokens.js';
export { loadServerDefinition as loadGenerated } from '../packages/cli/src/commands/serve.js';
