/**
 * The importer on the two pinned real specs (specs/github: OpenAPI 3.0.3,
 * 13 MB, 1223 operations; specs/notion: OpenAPI 3.1.0, 24 operations):
 * every operation accounted for, no errors, names unique and within the
 * 64-character prefixed limit, every schema valid JSON Schema 2020-12 with an
 * object root. Timings and sizes are printed, never asserted.
 */
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiConfig } from '../src/frontends/openapi/config.js';
import { type ReadOpenApiResult, readOpenApi } from '../src/frontends/openapi/index.js';
import type { IrHttpBinding, IrServer, JsonSchema } from '../src/ir/types.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const figures: string[] = [];

async function timed(label: string, spec: string, config: OpenApiConfig): Promise<ReadOpenApiResult> {
  const start = performance.now();
  const result = await readOpenApi({ spec, root: ROOT, config });
  const ms = performance.now() - start;
  const bytes = (pick: (t: IrServer['tools'][number]) => JsonSchema | undefined) =>
    result.server.tools.reduce((n, t) => n + (pick(t) ? JSON.stringify(pick(t)).length : 0), 0);
  figures.push(
    `${label}: ${result.stats.operations} operations → ${result.stats.tools} tools in ${ms.toFixed(0)} ms; ` +
      `input schemas ${(bytes((t) => t.input) / 1024).toFixed(0)} KB, ${result.server.tools.filter((t) => t.output).length} output schemas ` +
      `(${(bytes((t) => t.output) / 1024).toFixed(0)} KB; ${result.stats.outputSchemasDropped.length} left out over the size limit)`,
  );
  return result;
}

afterAll(() => {
  // Figures for the report; not assertions (timings depend on the machine).
  console.info(`\n${figures.join('\n')}`);
});

const http = (binding: IrServer['tools'][number]['binding']) => binding as IrHttpBinding;

function checkServer(result: ReadOpenApiResult, serverName: string): void {
  const { server } = result;
  const names = server.tools.map((t) => t.name);
  expect(new Set(names).size, 'tool names are unique').toBe(names.length);
  for (const name of names) {
    expect(name).toMatch(/^[a-z0-9_]+$/);
    expect(`mcp__${serverName}__${name}`.length, name).toBeLessThanOrEqual(64);
  }
  const ajv = new Ajv2020({ strict: false, allowUnionTypes: true, validateFormats: false });
  for (const tool of server.tools) {
    for (const [label, schema] of [
      ['input', tool.input],
      ['output', tool.output],
    ] as const) {
      if (!schema) continue;
      expect(schema.type, `${tool.name} ${label}`).toBe('object');
      for (const union of ['anyOf', 'oneOf', 'allOf', '$ref']) expect(schema[union], `${tool.name} ${label} has a top-level ${union}`).toBeUndefined();
      expect(() => ajv.compile(schema), `${tool.name} ${label}`).not.toThrow();
    }
    expect(tool.description.length, tool.name).toBeGreaterThan(0);
    expect(tool.description.length, tool.name).toBeLessThanOrEqual(300);
  }
  for (const toolset of server.toolsets) for (const name of toolset.tools) expect(names).toContain(name);
  expect(server.tools.every((t) => t.toolset !== undefined)).toBe(true);
}

describe('GitHub REST API (api.github.com.json)', () => {
  let all: ReadOpenApiResult;
  let current: ReadOpenApiResult;
  const config: OpenApiConfig = {
    name: 'github',
    version: '1.0.0',
    profile: { auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' }, headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' } },
  };

  beforeAll(async () => {
    current = await timed('github (default: deprecated left out)', 'specs/github/api.github.com.json', config);
    all = await timed('github (includeDeprecated)', 'specs/github/api.github.com.json', { ...config, includeDeprecated: true });
  }, 120_000);

  it('accounts for all 1223 operations: 1186 current + 37 deprecated, with no errors', () => {
    expect(current.stats).toMatchObject({ operations: 1223, tools: 1186, excluded: { deprecated: 37, filtered: 0, failed: 0 } });
    expect(all.stats).toMatchObject({ operations: 1223, tools: 1223, excluded: { deprecated: 0, filtered: 0, failed: 0 } });
    expect(all.server.tools.filter((t) => t.deprecated)).toHaveLength(37);
    for (const result of [current, all]) expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns only about the upload endpoint (its own server, a binary body)', () => {
    expect(all.diagnostics.map((d) => [d.code, d.subject])).toEqual([
      ['TW3106', 'repos/upload-release-asset'],
      ['TW3105', 'repos/upload-release-asset'],
    ]);
  });

  it('names are unique, [a-z0-9_], within mcp__github__<tool> ≤ 64; schemas are valid with object roots', () => {
    checkServer(all, 'github');
  }, 120_000);

  it('keeps the examples from the issue', () => {
    const byName = new Map(all.server.tools.map((t) => [t.name, t]));
    expect(byName.get('issues_create')?.source).toMatchObject({ operationId: 'issues/create', method: 'post', path: '/repos/{owner}/{repo}/issues' });
    const content = byName.get('repos_get_content')!;
    expect(http(content.binding).parameters.find((p) => p.name === 'path')).toMatchObject({ in: 'path', allowSlashes: true });
    expect(http(byName.get('issues_get')!.binding).parameters.every((p) => !p.allowSlashes)).toBe(true);
    expect(byName.get('issues_list_for_repo')?.annotations).toEqual({ readOnly: true, openWorld: true });
    expect(all.server.profiles).toEqual([
      {
        name: 'github',
        baseUrl: { env: 'GITHUB_API_URL', default: 'https://api.github.com' },
        auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' },
        headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
      },
    ]);
  });

  it('every operation is in a toolset (by tag)', () => {
    const inToolsets = new Set(all.server.toolsets.flatMap((t) => t.tools));
    expect(inToolsets.size).toBe(1223);
  });
});

describe('Notion API (notion-openapi.json)', () => {
  let result: ReadOpenApiResult;
  beforeAll(async () => {
    result = await timed('notion', 'specs/notion/notion-openapi.json', { name: 'notion', version: '1.0.0' });
  });

  it('turns all 24 operations into tools with no diagnostics', () => {
    expect(result.stats).toMatchObject({ operations: 24, tools: 24, excluded: { deprecated: 0, filtered: 0, failed: 0 } });
    expect(result.diagnostics).toEqual([]);
  });

  it('names are unique, [a-z0-9_], within mcp__notion__<tool> ≤ 64; schemas are valid with object roots', () => {
    checkServer(result, 'notion');
    expect(result.server.tools.map((t) => t.name)).toContain('post_search');
    expect(result.server.tools.map((t) => t.name)).toContain('retrieve_a_page');
  });

  it('sends each operation its own Notion-Version, never as an argument', () => {
    const versions = new Map(result.server.tools.map((t) => [t.name, http(t.binding).fixed?.notion_version]));
    expect(versions.get('post_search')).toBe('2025-09-03');
    expect(versions.get('retrieve_page_markdown')).toBe('2026-03-11');
    for (const tool of result.server.tools) expect(Object.keys((tool.input.properties ?? {}) as object)).not.toContain('notion_version');
  });

  it('profile and environment from the spec: bearer token, api.notion.com', () => {
    expect(result.server.profiles?.[0]).toMatchObject({
      baseUrl: { env: 'NOTION_API_URL', default: 'https://api.notion.com' },
      auth: { env: 'NOTION_TOKEN', scheme: 'bearer' },
    });
    expect(result.server.env.map((e) => [e.name, e.secret, e.required])).toEqual([
      ['NOTION_API_URL', false, false],
      ['NOTION_TOKEN', true, false],
    ]);
  });

  it('shared definitions travel only with the tools that reach them', () => {
    const withDefs = result.server.tools.filter((t) => t.input.$defs).map((t) => t.name);
    expect(withDefs.length).toBeLessThan(result.server.tools.length / 2);
  });
});
