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

registerTsx();
const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  register('./source-condition.js', import.meta.url);
  await import(source.href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
