/**
 * `types.gen.ts` for OpenAPI servers: openapi-typescript's types for the whole
 * spec (`paths`, `components`, `operations`). The registration emitter checks
 * every HTTP tool's arguments against `operations["<operationId>"]`, so a spec
 * that changes a parameter under a tool fails `tsc` at that tool instead of in
 * production. openapi-typescript is the maintained reference for these types;
 * writing our own would only drift from what users already know.
 *
 * Pure: it takes the parsed document and returns source text (the CLI reads
 * the spec and hands the text to generateServer as `openapiTypes`).
 */
import openapiTS, { astToString } from 'openapi-typescript';

/**
 * openapi-typescript's output for a parsed OpenAPI 3.0/3.1 document, without a header (generateServer adds ours).
 *
 * @example
 * const openapiTypes = await emitOpenApiTypes(JSON.parse(readFileSync('specs/github/api.github.com.json', 'utf8')));
 * generateServer(server, { outDir, source, openapiTypes });
 */
export async function emitOpenApiTypes(document: object): Promise<string> {
  // A copy: openapi-typescript's bundler annotates the object it is given, and the caller may reuse it.
  // emptyObjectsUnknown: an object schema with no properties is any object (as the tools' zod schemas read it),
  // not openapi-typescript's default `Record<string, never>`. defaultNonNullable off: a field with a default is
  // optional to whoever sends a request, as the spec's `required` says (the default makes it required in responses).
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], {
    silent: true,
    emptyObjectsUnknown: true,
    defaultNonNullable: false,
  });
  return astToString(ast);
}
