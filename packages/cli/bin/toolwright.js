#!/usr/bin/env node
// Entry point of the `toolwright` command. Inside the Toolwright repository
// (src/ present) it runs the TypeScript sources directly through tsx and
// resolves the workspace packages to their sources via the
// "@toolwright/source" export condition, so no build step is needed while
// developing. A published install runs the compiled dist/ instead. tsx is
// registered in both cases so users' own .ts modules can be served.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register as registerTsx } from 'tsx/esm/api';

const source = new URL('../src/main.ts', import.meta.url);
const fromSource = existsSync(fileURLToPath(source));
// serve and dev load the runtime's JavaScript (zod and the MCP SDK alone are
// about 200 modules) through Node's own loader first: once tsx's hooks are
// registered, every module costs a round trip to the hooks thread. From the
// sources only the runtime's third-party dependencies are JavaScript; a
// published install loads the compiled runtime whole. A failure here only
// costs that time: the same imports run again later.
if (process.argv[2] === 'serve' || process.argv[2] === 'dev') {
  await import(fromSource ? '@toolwright/runtime/preload' : '@toolwright/runtime').catch(() => {});
}
registerTsx();
if (fromSource) {
  register('./source-condition.js', import.meta.url);
  await import(source.href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
