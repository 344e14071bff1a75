/**
 * @toolwright/codegen — frontends (typed functions, OpenAPI) → IR → emitters.
 * A pure library: it takes inputs and returns `{ files, diagnostics }`; it writes nothing.
 */
export const CODEGEN_VERSION = '0.1.0';
