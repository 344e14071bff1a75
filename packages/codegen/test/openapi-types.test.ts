/**
 * OpenAPI servers carry openapi-typescript's types for their spec (`types.gen.ts`), and server.gen.ts checks every
 * HTTP tool's arguments against its operation there. The promise: when the spec changes a parameter under a tool
 * and only the types are regenerated, `tsc` fails at that tool's check with a message naming the tool and the
 * operation; regenerating everything passes again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { emitOpenApiTypes } from '../src/emit/openapi-types.js';
import { readOpenApi } from '../src/frontends/openapi/index.js';
import { generateServer } from '../src/generate.js';
import type { GeneratedFile } from '../src/ir/types.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const OUT = 'generated';

/** Just enough of an OpenAPI document's shape for the edits below. */
interface Operation {
  operationId: string;
  parameters?: ({ name: string; schema: object } & Record<string, unknown>)[];
  requestBody?: unknown;
  responses: object;
}
type Spec = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

const param = (name: string, where: 'path' | 'query', schema: object, required = where === 'path') => ({ name, in: where, required, schema });
const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } };

/** A small API: path and query parameters, a JSON body, a multi-segment path parameter and a non-JSON body. */
function baseSpec(): Spec {
  return {
    openapi: '3.0.3',
    info: { title: 'Example', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/repos/{owner}/{repo}': {
        get: {
          operationId: 'repos/get',
          parameters: [param('owner', 'path', { type: 'string' }), param('repo', 'path', { type: 'string' }), param('per_page', 'query', { type: 'integer' })],
          responses: ok,
        },
      },
      '/repos/{owner}/{repo}/issues': {
        post: {
          operationId: 'issues/create',
          parameters: [param('owner', 'path', { type: 'string' }), param('repo', 'path', { type: 'string' })],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['title'],
                  properties: {
                    title: { type: 'string' },
                    labels: { type: 'array', items: { type: 'string' } },
                    state: { type: 'string', enum: ['open', 'closed'] },
                  },
                },
              },
            },
          },
          responses: ok,
        },
      },
      '/repos/{owner}/{repo}/contents/{path}': {
        get: {
          operationId: 'repos/get-content',
          parameters: [
            param('owner', 'path', { type: 'string' }),
            param('repo', 'path', { type: 'string' }),
            { ...param('path', 'path', { type: 'string' }), 'x-multi-segment': true },
          ],
          responses: ok,
        },
      },
      '/markdown/raw': {
        post: { operationId: 'markdown/render-raw', requestBody: { content: { 'text/plain': { schema: { type: 'string' } } } }, responses: ok },
      },
    },
  };
}

/** Every generated file for a spec (types.gen.ts included). */
async function generate(spec: object): Promise<GeneratedFile[]> {
  const { server, diagnostics } = await readOpenApi({ spec, root: scratch, config: { name: 'example', version: '1.0.0' } });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = generateServer(server, { outDir: OUT, source: 'openapi.json', openapiTypes: await emitOpenApiTypes(spec) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // the docs pages are not what these tests are about
  return result.files.filter((f) => !f.path.startsWith('docs/'));
}

async function write(spec: object, only?: string): Promise<GeneratedFile[]> {
  const files = await generate(spec);
  for (const file of files) {
    if (only && file.path !== only) continue;
    mkdirSync(dirname(resolve(scratch, OUT, file.path)), { recursive: true });
    writeFileSync(resolve(scratch, OUT, file.path), file.contents);
  }
  return files;
}

/** The last program: the next one reuses its unchanged files (the runtime's sources, zod), which saves seconds a check. */
let previous: ts.Program | undefined;

/** Type-checks the scratch project's generated/ with strict options; returns `file:line message` lines. */
function typeCheck(): string[] {
  const files = ts.sys.readDirectory(scratch, ['.ts'], ['**/node_modules/**'], [`${OUT}/**/*.ts`]);
  const options: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@toolwright/source'],
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [resolve(PACKAGE, '../../node_modules/@types')],
  };
  const program = ts.createProgram({ rootNames: files, options, ...(previous ? { oldProgram: previous } : {}) });
  previous = program;
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? d.file.fileName.slice(scratch.length + 1) : '';
    return `${file}${where ? `:${where.line + 1}` : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// Inside the package, so @toolwright/runtime and zod resolve from the repository's node_modules.
const scratch = mkdtempSync(resolve(PACKAGE, 'test/.openapi-types-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('types.gen.ts and the spec checks in server.gen.ts', () => {
  it('writes openapi-typescript types with our header, one check per parameter location and body, and says what it skips', async () => {
    const files = await write(baseSpec());
    expect(
      files
        .map((f) => f.path)
        .filter((p) => !p.startsWith('docs/'))
        .sort(),
    ).toEqual(['schemas.gen.ts', 'server.gen.ts', 'tools.json', 'types.gen.ts']);
    const types = files.find((f) => f.path === 'types.gen.ts')!.contents;
    expect(types).toMatch(/^\/\/ This file is generated by Toolwright\. Do not edit it by hand\.\n\/\/ Source: openapi\.json/);
    expect(types).toContain('export interface operations {');
    const server = files.find((f) => f.path === 'server.gen.ts')!.contents;
    expect(server).toContain('import type { operations } from "./types.gen.js";');
    const checks = server.match(/^type _Spec\w+/gm);
    expect(checks).toEqual([
      'type _SpecPath_issuesCreateTool',
      'type _SpecBody_issuesCreateTool',
      'type _SpecPath_reposGetTool',
      'type _SpecQuery_reposGetTool',
      'type _SpecPath_reposGetContentTool',
    ]);
    expect(server).toContain('// Not checked against the spec: the text/plain body (not JSON).');
    expect(server).toContain('// Not checked against the spec: path parameter path (allowSlashes: sent as several segments).');
    expect(typeCheck()).toEqual([]);
  });

  const cases: [string, (spec: Spec) => void, string][] = [
    [
      'a query parameter retyped',
      (spec) => (spec.paths['/repos/{owner}/{repo}']!.get!.parameters![2]!.schema = { type: 'string' }),
      'repos_get: the query parameters no longer match operation repos/get',
    ],
    [
      'a path parameter renamed',
      (spec) => {
        const path = spec.paths['/repos/{owner}/{repo}']!;
        delete spec.paths['/repos/{owner}/{repo}'];
        path.get!.parameters![0]!.name = 'account';
        spec.paths['/repos/{account}/{repo}'] = path;
      },
      'repos_get: the path parameters no longer match operation repos/get',
    ],
    [
      'a required query parameter added',
      (spec) => spec.paths['/repos/{owner}/{repo}']!.get!.parameters!.push(param('visibility', 'query', { type: 'string' }, true)),
      'repos_get: the query parameters no longer match operation repos/get',
    ],
    [
      'a body field retyped',
      (spec) => {
        const body = spec.paths['/repos/{owner}/{repo}/issues']!.post!.requestBody as {
          content: Record<string, { schema: { properties: Record<string, object> } }>;
        };
        body.content['application/json']!.schema.properties.title = { type: 'integer' };
      },
      'issues_create: the body fields no longer match operation issues/create',
    ],
    [
      'an enum narrowed',
      (spec) => {
        const body = spec.paths['/repos/{owner}/{repo}/issues']!.post!.requestBody as {
          content: Record<string, { schema: { properties: Record<string, object> } }>;
        };
        body.content['application/json']!.schema.properties.state = { type: 'string', enum: ['open'] };
      },
      'issues_create: the body fields no longer match operation issues/create',
    ],
  ];

  it.each(cases)('%s: regenerating only types.gen.ts fails tsc at that tool; regenerating everything passes', async (_name, change, message) => {
    await write(baseSpec());
    const changed = baseSpec();
    change(changed);
    await write(changed, 'types.gen.ts');
    const errors = typeCheck();
    expect(errors, errors.join('\n')).toHaveLength(1);
    expect(errors[0]).toMatch(/^generated\/server\.gen\.ts:\d+ TS2344: /);
    expect(errors[0]).toContain(`${message} in types.gen.ts; run npx toolwright build`);
    // the error is on the line of that tool's check
    const line = Number(/:(\d+) /.exec(errors[0]!)![1]);
    expect(readFileSync(resolve(scratch, OUT, 'server.gen.ts'), 'utf8').split('\n')[line - 1]).toMatch(/^type _Spec\w+_(reposGet|issuesCreate)Tool = /);

    await write(changed);
    expect(typeCheck()).toEqual([]);
  });

  it('keeps the check one-directional: a spec that only accepts more (a new optional parameter or body field) still passes', async () => {
    await write(baseSpec());
    const looser = baseSpec();
    looser.paths['/repos/{owner}/{repo}']!.get!.parameters!.push(param('sort', 'query', { type: 'string' }));
    const body = looser.paths['/repos/{owner}/{repo}/issues']!.post!.requestBody as {
      content: Record<string, { schema: { properties: Record<string, object> } }>;
    };
    body.content['application/json']!.schema.properties.milestone = { type: 'integer' };
    body.content['application/json']!.schema.properties.state = { type: 'string', enum: ['open', 'closed', 'draft'] };
    await write(looser, 'types.gen.ts');
    expect(typeCheck()).toEqual([]);
  });
});
