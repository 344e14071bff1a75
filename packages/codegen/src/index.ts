/**
 * @toolwright/codegen — frontends (typed functions, OpenAPI) → IR → emitters.
 * A pure library: it takes inputs and returns `{ files, diagnostics }`; it writes nothing.
 */
export { CODEGEN_VERSION } from './version.js';
export type * from './ir/types.js';
export { generateServer, GENERATOR } from './generate.js';
export type { GenerateOptions } from './generate.js';
export { buildManifest, emitManifest, MANIFEST_VERSION } from './emit/manifest.js';
export type { Manifest } from './emit/manifest.js';
export { fileHeader, hashJson, canonicalJson } from './emit/header.js';
