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
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * openapi-typescript's output for a parsed OpenAPI 3.0/3.1 document, without a header (generateServer adds ours).
 *
 * @example
 * const openapiTypes = await emitOpenApiTypes(JSON.parse(readFileSync('specs/github/api.github.com.json', 'utf8')));
 * generateServer(server, { outDir, source, openapiTypes });
 */
export async function emitOpenApiTypes(document: object): Promise<string> {
  // Loaded on use: openapi-typescript brings the TypeScript compiler.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // A copy: openapi-typescript's bundler annotates the object it is given, and the caller may reuse it.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], OPENAPI_TS_OPTIONS);
  return astToString(ast);
}

/**
 * emptyObjectsUnknown: an object schema with no properties is any object (as the tools' zod schemas read it), not
 * openapi-typescript's default `Record<string, never>`. defaultNonNullable off: a field with a default is optional to
 * whoever sends a request, as the spec's `required` says (the default makes it required in responses).
 */
const OPENAPI_TS_OPTIONS = { silent: true, emptyObjectsUnknown: true, defaultNonNullable: false } as const;

/**
 * The same as emitOpenApiTypes, from the spec's text, on a worker thread: openapi-typescript takes as long as the
 * rest of the pipeline together (GitHub: seconds), so the CLI runs it beside the importer and emitters instead of
 * before them. The worker is plain CommonJS that requires openapi-typescript's CJS build, so it needs no TypeScript
 * loader (tsx's hooks do not reach worker threads). Aborting the signal stops the worker.
 */
export function emitOpenApiTypesInWorker(text: string, format: 'json' | 'yaml', signal?: AbortSignal): Promise<string> {
  const require = createRequire(import.meta.url);
  const workerData = {
    text,
    openapiTs: require.resolve('openapi-typescript'),
    yaml: format === 'yaml' ? require.resolve('yaml') : undefined,
    options: OPENAPI_TS_OPTIONS,
  };
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    const onAbort = () => void worker.terminate().then(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: { ok: true; types: string } | { ok: false; message: string }) => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (message.ok) resolvePromise(message.types);
      else reject(new Error(message.message));
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { default: openapiTS, astToString } = require(workerData.openapiTs);
  const document = workerData.yaml ? require(workerData.yaml).parse(workerData.text) : JSON.parse(workerData.text);
  parentPort.postMessage({ ok: true, types: astToString(await openapiTS(document, workerData.options)) });
})().catch((error) => parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }));
`;
