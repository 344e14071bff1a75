/**
 * The docs emitter: Markdown escaping of untrusted text (one case per attack and per Markdown construct), the
 * parameter table, example synthesis, token counts, page paths, determinism, and the list of runtime settings
 * against the variables the runtime really reads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleArguments, exampleOutput } from '../src/emit/docs/example.js';
import { emitDocs, RUNTIME_SETTINGS } from '../src/emit/docs/index.js';
import { cell, code, fence, inlineProse, literal, prose } from '../src/emit/docs/markdown.js';
import { type ParameterRow, parameterRows } from '../src/emit/docs/schema.js';
import { generateServer } from '../src/generate.js';
import type { IrServer, IrTool, JsonSchema } from '../src/ir/types.js';
import { countTokens, countToolListTokens, countToolTokens, toolListEntry } from '../src/tokens.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function tool(overrides: Partial<IrTool> = {}): IrTool {
  return {
    name: 'get_issue',
    description: 'Get an issue by number.',
    input: {
      type: 'object',
      properties: { owner: { type: 'string', description: 'Owner.' }, number: { type: 'integer', minimum: 1 } },
      required: ['owner', 'number'],
    },
    annotations: { readOnly: true },
    examples: [],
    source: { kind: 'function', file: 'src/issues.ts', line: 12, column: 1, name: 'getIssue' },
    binding: {
      kind: 'function',
      module: 'src/issues.ts',
      exportName: 'getIssue',
      params: { style: 'positional', names: ['owner', 'number'] },
      async: true,
      returns: 'object',
    },
    ...overrides,
  };
}

function server(overrides: Partial<IrServer> = {}): IrServer {
  return {
    name: 'issues',
    version: '1.0.0',
    title: 'Issues',
    description: 'Issue tracker.',
    tools: [tool()],
    resources: [],
    prompts: [],
    toolsets: [],
    env: [],
    origin: { kind: 'functions', config: 'toolwright.config.ts' },
    ...overrides,
  };
}

const OPTIONS = { outDir: 'generated/issues', rootFromOutDir: '../..', source: 'toolwright.config.ts' };
const page = (files: { path: string; contents: string }[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return file.contents;
};

describe('escaping untrusted prose', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['raw HTML is shown, not run', { given: '<script>alert(1)</script>', want: '&lt;script>alert(1)&lt;/script>' }],
    ['an attribute payload', { given: '<img src=x onerror=alert(1)>', want: '&lt;img src=x onerror=alert(1)>' }],
    ['a Vue interpolation', { given: 'Total: {{ 6*7 }}', want: 'Total: &#123;{ 6*7 }}' }],
    ['a Vue interpolation spelled with escapes', { given: '\\{\\{ x \\}\\}', want: '&#123;\\{ x \\}\\}' }],
    ['a Vue interpolation inside a code span', { given: 'use `{{ x }}`', want: 'use &#123;{ x }}' }],
    ['a VitePress include', { given: '<!--@include: /etc/passwd-->', want: '&lt;!--@include: /etc/passwd-->' }],
    ['a safe code span is kept', { given: 'pass `<owner>` here', want: 'pass `<owner>` here' }],
    ['an unclosed backtick (a cut description)', { given: 'like `refs/heads/<branch…', want: 'like \\`refs/heads/&lt;branch…' }],
    ['a relative link becomes text', { given: 'see [the guide](/rest/guide)', want: 'see the guide (/rest/guide)' }],
    ['an absolute link is kept', { given: 'see [docs](https://docs.github.com/x)', want: 'see [docs](https://docs.github.com/x)' }],
    ['a script link becomes text', { given: '[js](javascript:alert(1))', want: 'js (javascript:alert(1))' }],
    ['an image becomes text', { given: '![x](https://t.example/p.png)', want: 'x (image: https://t.example/p.png)' }],
    ['a heading mark at a line start', { given: 'One.\n# Two', want: 'One.\n\\# Two' }],
    ['a container fence at a line start', { given: '::: danger', want: '\\::: danger' }],
    ['a link definition at a line start', { given: '[x]: /y', want: '\\[x]: /y' }],
    ['Markdown emphasis is kept', { given: 'a **bold** _move_', want: 'a **bold** _move_' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(prose(given)).toBe(want);
  });

  it('one-line prose escapes the pipe and joins lines (table cells)', () => {
    expect(inlineProse('a | b\nc')).toBe('a \\| b c');
    expect(cell(code('a|b'))).toBe('`a\\|b`');
  });

  const codes: [string, string][] = [
    ['plain', '`plain`'],
    ['x`y', '``x`y``'],
    ['`x', '`` `x ``'],
    ['{{x}}', '&#123;{x}}'],
    ['<!--', '&lt;\\!--'],
  ];
  it.each(codes)('code(%j)', (given, want) => expect(code(given)).toBe(want));

  it('a literal renders as written: punctuation escaped, snake_case left readable', () => {
    expect(literal('a_b _c_ *d* [e] <f>')).toBe('a_b \\_c\\_ \\*d\\* \\[e\\] &lt;f>');
  });

  it('a code block never holds `<!--` and is fenced longer than any fence inside', () => {
    expect(fence('json', '{"a": "<!-- x"}')).toBe('```json\n{"a": "\\u003c!-- x"}\n```');
    expect(fence('text', '```\ninner\n```')).toBe('````text\n```\ninner\n```\n````');
  });
});

describe('the parameter table', () => {
  const rows = (schema: JsonSchema) =>
    parameterRows(schema).map((r: ParameterRow) => ({ ...r, constraints: r.constraints.join('; ') }) as Record<string, unknown>);

  it('lists properties in order with type, required, default, constraints and description', () => {
    expect(
      rows({
        type: 'object',
        properties: {
          state: { type: 'string', enum: ['open', 'closed'], default: 'open', description: 'State.' },
          per_page: { type: 'integer', minimum: 1, maximum: 100 },
          since: { type: ['string', 'null'], format: 'date-time' },
          labels: { type: 'array', items: { type: 'string', maxLength: 50 }, uniqueItems: true },
          old: { type: 'boolean', deprecated: true },
        },
        required: ['state'],
      }),
    ).toEqual([
      { path: 'state', type: 'string', required: true, default: 'open', constraints: 'one of "open", "closed"', description: 'State.', deprecated: false },
      { path: 'per_page', type: 'integer', required: false, constraints: '≥ 1, ≤ 100', deprecated: false },
      { path: 'since', type: 'string | null', required: false, constraints: 'format date-time', deprecated: false },
      { path: 'labels', type: 'string[]', required: false, constraints: 'unique items; items: ≤ 50 characters', deprecated: false },
      { path: 'old', type: 'boolean', required: false, constraints: '', deprecated: true },
    ]);
  });

  it('lists nested object fields and array items under their parent, following $ref, and stops at a cycle', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        author: { $ref: '#/$defs/Person' },
        files: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
      },
      $defs: {
        Person: { type: 'object', description: 'A person.', properties: { name: { type: 'string' }, friend: { $ref: '#/$defs/Person' } }, required: ['name'] },
      },
    };
    expect(parameterRows(schema).map((r) => `${r.path}: ${r.type}${r.required ? ' (required)' : ''}`)).toEqual([
      'author: Person',
      'author.name: string (required)',
      'author.friend: Person',
      'files: object[]',
      'files[].path: string (required)',
    ]);
    expect(parameterRows(schema)[0]!.description).toBe('A person.');
  });

  it('shows unions, consts and allOf as types', () => {
    const types = parameterRows({
      type: 'object',
      properties: {
        id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        kind: { const: 'issue' },
        both: { allOf: [{ $ref: '#/$defs/A' }, { $ref: '#/$defs/B' }] },
        anything: {},
        ids: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      },
    }).map((r) => r.type);
    expect(types).toEqual(['string | integer', '"issue"', 'A & B', 'any', '(string | null)[]']);
  });
});

describe('example calls and results', () => {
  const args = (input: JsonSchema) => exampleArguments(tool({ input }));
  const cases: [string, { given: JsonSchema; want: Record<string, unknown> }][] = [
    [
      'schema values first: examples, example, default, const, enum',
      {
        given: {
          type: 'object',
          properties: {
            a: { type: 'string', examples: ['from-examples'], default: 'no' },
            b: { type: 'string', example: 'from-example' },
            c: { type: 'integer', default: 30 },
            d: { const: 'fixed' },
            e: { type: 'string', enum: [null, 'open'] },
          },
          required: ['a', 'b', 'c', 'd', 'e'],
        },
        want: { a: 'from-examples', b: 'from-example', c: 30, d: 'fixed', e: 'open' },
      },
    ],
    [
      'placeholders by type and format',
      {
        given: {
          type: 'object',
          properties: {
            owner: { type: 'string' },
            when: { type: 'string', format: 'date-time' },
            count: { type: 'integer', minimum: 5 },
            ratio: { type: 'number', maximum: 0.5 },
            flag: { type: 'boolean' },
            tags: { type: 'array', items: { type: 'string' } },
            maybe: { type: ['null', 'integer'] },
          },
          required: ['owner', 'when', 'count', 'ratio', 'flag', 'tags', 'maybe'],
        },
        want: { owner: '<owner>', when: '2025-01-31T12:00:00Z', count: 5, ratio: 0.5, flag: true, tags: ['<tags>'], maybe: 1 },
      },
    ],
    [
      'only required arguments, and optional ones that have an example',
      {
        given: {
          type: 'object',
          properties: { q: { type: 'string' }, page: { type: 'integer', default: 1 }, sort: { type: 'string', example: 'created' } },
          required: ['q'],
        },
        want: { q: '<q>', sort: 'created' },
      },
    ],
    [
      'nothing required: the first argument without a default',
      {
        given: {
          type: 'object',
          properties: { page: { type: 'integer', default: 1 }, parent: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
        },
        want: { parent: { id: '<id>' } },
      },
    ],
    [
      'a recursive type stops',
      {
        given: {
          type: 'object',
          properties: { node: { $ref: '#/$defs/Node' } },
          required: ['node'],
          $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } }, required: ['child'] } },
        },
        want: { node: { child: {} } },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => expect(args(given)).toEqual(want));

  it('a result shows every field, abbreviated past a size', () => {
    const properties = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`f${String(i).padStart(2, '0')}`, { type: 'integer' }]));
    const { value, abbreviated } = exampleOutput({ type: 'object', properties });
    expect(Object.keys(value as object)).toHaveLength(12);
    expect(abbreviated).toBe(true);
    expect(exampleOutput({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } })).toEqual({
      value: { id: 1, name: '<name>' },
      abbreviated: false,
    });
  });
});

describe('token counts', () => {
  it('counts the tools/list entry as the runtime sends it', () => {
    const t = tool({
      title: 'Get issue',
      output: { type: 'object', properties: { id: { type: 'integer' } } },
      annotations: { readOnly: true, destructive: false, openWorld: true },
      toolset: 'issues',
    });
    const entry = toolListEntry(t);
    expect(Object.keys(entry)).toEqual(['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta']);
    // hints a client assumes are left out; inputs are strict
    expect(entry.annotations).toEqual({ title: 'Get issue', readOnlyHint: true });
    expect(entry.inputSchema.additionalProperties).toBe(false);
    expect(countToolTokens(t)).toBe(countTokens(JSON.stringify(entry)));
    // HTTP tools send no output schema
    const http = tool({ output: t.output!, binding: { kind: 'http', method: 'get', path: '/x', parameters: [], profile: 'api' } });
    expect(toolListEntry(http).outputSchema).toBeUndefined();
  });

  it('counts a whole tools/list, and text that spells a special token without throwing', () => {
    const tools = [tool(), tool({ name: 'close_issue', description: 'Close it. <|endoftext|>' })];
    expect(countToolListTokens(tools)).toBe(countTokens(JSON.stringify({ tools: tools.map((t) => toolListEntry(t)) })));
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });
});

describe('the pages of a server', () => {
  it('writes an index, a page per tool, toolset, resource and prompt, linked to each other', () => {
    const files = emitDocs(
      server({
        tools: [tool(), tool({ name: 'close_issue', description: 'Close an issue.', toolset: 'write', annotations: { destructive: true } })],
        toolsets: [{ name: 'write', description: 'Changing issues.', default: false, tools: ['close_issue'] }],
        resources: [
          {
            uri: 'issues://{number}',
            template: true,
            name: 'issue',
            description: 'One issue.',
            source: { kind: 'function', file: 'src/r.ts', line: 3, column: 1, name: 'issue' },
            binding: {
              kind: 'function',
              module: 'src/r.ts',
              exportName: 'issue',
              params: { style: 'positional', names: ['number'] },
              async: false,
              returns: 'text',
            },
          },
        ],
        prompts: [
          {
            name: 'triage',
            arguments: [{ name: 'number', required: true }],
            source: { kind: 'function', file: 'src/p.ts', line: 5, column: 1, name: 'triage' },
            binding: {
              kind: 'function',
              module: 'src/p.ts',
              exportName: 'triage',
              params: { style: 'positional', names: ['number'] },
              async: false,
              returns: 'text',
            },
          },
        ],
      }),
      OPTIONS,
    );
    expect(files.map((f) => f.path)).toEqual([
      'docs/index.md',
      'docs/toolsets/write.md',
      'docs/tools/close_issue.md',
      'docs/tools/get_issue.md',
      'docs/resources/issue.md',
      'docs/prompts/triage.md',
    ]);
    const index = page(files, 'docs/index.md');
    expect(index).toContain('[write](toolsets/write.md)');
    expect(index).toContain('[get_issue](tools/get_issue.md)');
    expect(index).toContain('### In no toolset');
    expect(index).toContain('[issue](resources/issue.md)');
    expect(index).toContain('[triage](prompts/triage.md)');
    const closing = page(files, 'docs/tools/close_issue.md');
    expect(closing).toContain('[Issues](../index.md) › [write](../toolsets/write.md) › `close_issue`');
    expect(closing).toContain('off by default: serve with `--toolsets write`');
    expect(page(files, 'docs/toolsets/write.md')).toContain('[close_issue](../tools/close_issue.md)');
  });

  it('gives a tool page its description, parameter table, example, errors, token cost and source link', () => {
    const files = emitDocs(server(), OPTIONS);
    const text = page(files, 'docs/tools/get_issue.md');
    expect(text).toMatch(/^<!-- Generated by Toolwright from toolwright\.config\.ts\. Do not edit/);
    expect(text).toContain('> Get an issue by number.');
    expect(text).toContain('| Name | Type | Required | Default | Constraints | Description |');
    expect(text).toContain('| `owner` | `string` | yes |   |   | Owner. |');
    expect(text).toContain('| `number` | `integer` | yes |   | `≥ 1` |   |');
    expect(text).toContain('```json\n{\n  "name": "get_issue",\n  "arguments": {\n    "owner": "<owner>",\n    "number": 1\n  }\n}\n```');
    expect(text).toContain('| `not_found` |');
    expect(text).toContain(`**Token cost:** ${countToolTokens(tool())} tokens (o200k)`);
    // the source file, from generated/issues/docs/tools/ back to the project root
    expect(text).toContain('`getIssue` in [`src/issues.ts:12`](../../../../src/issues.ts#L12)');
  });

  it('gives an HTTP tool the API it calls and the upstream errors, with the token variable named', () => {
    const http = tool({
      name: 'issues_create',
      annotations: { readOnly: false, destructive: false },
      source: {
        kind: 'openapi',
        spec: 'api.json',
        pointer: '#/paths/~1repos/post',
        method: 'post',
        path: '/repos/{owner}/issues',
        operationId: 'issues/create',
      },
      binding: {
        kind: 'http',
        method: 'post',
        path: '/repos/{owner}/issues',
        parameters: [{ arg: 'owner', name: 'owner', in: 'path', required: true }],
        profile: 'gh',
      },
    });
    const files = emitDocs(
      server({
        tools: [http],
        profiles: [{ name: 'gh', baseUrl: { env: 'GH_URL', default: 'https://api.example.com' }, auth: { env: 'GH_TOKEN', scheme: 'bearer' }, headers: {} }],
        env: [{ name: 'GH_TOKEN', description: 'The token.', secret: true, required: false }],
        origin: { kind: 'openapi', spec: 'api.json', hash: 'x', openapi: '3.1.0' },
      }),
      OPTIONS,
    );
    const text = page(files, 'docs/tools/issues_create.md');
    expect(text).toContain('**Calls:** `POST /repos/{owner}/issues` on `GH_URL` (default `https://api.example.com`), with the token in `GH_TOKEN`.');
    expect(text).toContain('| `unauthenticated` | `GH_TOKEN` is not set, or gh answered 401');
    expect(text).toContain('gh answered 5xx, another error status');
    expect(text).not.toContain('(POST is retried first');
    const index = page(files, 'docs/index.md');
    expect(index).toContain('| `GH_TOKEN` | no |   | **Secret.** The token. |');
    expect(index).toContain('"GH_TOKEN": "<your GH_TOKEN>"');
    expect(index).toContain("claude mcp add issues --env 'GH_TOKEN=<your GH_TOKEN>' -- npx toolwright serve issues");
  });

  it('keeps hostile text out of every page: no raw HTML, no interpolation, no include, one comment (the header)', () => {
    const evil = '<script>x()</script> {{ constructor }} <!--@include: /etc/passwd--> `{{ y }}` | z';
    const files = emitDocs(
      server({
        title: evil,
        description: evil,
        instructions: evil,
        tools: [
          tool({ description: evil, input: { type: 'object', properties: { [evil]: { type: 'string', description: evil, enum: [evil] } } }, toolset: evil }),
        ],
        toolsets: [{ name: evil, description: evil, default: true, tools: ['get_issue'] }],
      }),
      OPTIONS,
    );
    for (const file of files) {
      const body = file.contents.split('\n').slice(1).join('\n');
      // VitePress reads `<!--@include:` even inside code blocks
      expect(body, file.path).not.toContain('<!--');
      // outside code blocks (escaped by every renderer, v-pre in VitePress): no tag, no interpolation
      const prose = body.replace(/```[\s\S]*?```/g, '');
      expect(prose, file.path).not.toMatch(/<script|\{\{/);
      // and a `<` only ever opens a placeholder inside a code span (`<owner>`)
      expect(prose.replace(/`[^`\n]*`/g, ''), file.path).not.toMatch(/<[a-z!/]/i);
    }
    expect(files.map((f) => f.path)).toContain('docs/toolsets/script-x-script-constructor-include-etc-passwd-y-z.md');
  });

  it('is deterministic, whatever order the IR lists things in', () => {
    const tools = ['b', 'a', 'c'].map((name) => tool({ name }));
    const first = emitDocs(server({ tools }), OPTIONS);
    expect(emitDocs(server({ tools: [...tools].reverse() }), OPTIONS)).toEqual(first);
    expect(emitDocs(server({ tools }), OPTIONS)).toEqual(first);
  });

  it('files names that differ only in case apart, and names with any character safely', () => {
    const files = emitDocs(server({ tools: [tool({ name: 'Fetch' }), tool({ name: 'fetch' }), tool({ name: '.hidden' })] }), OPTIONS);
    expect(files.map((f) => f.path).filter((p) => p.startsWith('docs/tools/'))).toEqual([
      'docs/tools/hidden.md',
      'docs/tools/Fetch.md',
      'docs/tools/fetch-2.md',
    ]);
  });

  it('comes out of generateServer beside the code, under docs/', () => {
    const result = generateServer(server(), { outDir: 'generated/issues', source: 'toolwright.config.ts' });
    expect(result.files.filter((f) => f.path.startsWith('docs/')).map((f) => f.path)).toEqual(['docs/index.md', 'docs/tools/get_issue.md']);
  });
});

describe('the committed pages (generated/*/docs)', () => {
  it('link only to files that exist: pages, source files and specs, as GitHub shows them', () => {
    const broken: string[] = [];
    let links = 0;
    for (const name of readdirSync(resolve(REPO, 'generated'))) {
      const docs = resolve(REPO, 'generated', name, 'docs');
      for (const entry of readdirSync(docs, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
        const file = join(entry.parentPath, entry.name);
        const text = readFileSync(file, 'utf8').replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
        for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
          const target = decodeURI(m[1]!);
          if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
          links++;
          if (!existsSync(resolve(dirname(file), target.replace(/#.*$/, '')))) broken.push(`${file.slice(REPO.length)} → ${target}`);
        }
      }
    }
    expect(links).toBeGreaterThan(5000);
    expect(broken).toEqual([]);
  });
});

describe('the runtime settings on every index page', () => {
  it('lists every TOOLWRIGHT_* variable the runtime reads, and no other', () => {
    const dir = resolve(REPO, 'packages/runtime/src');
    const read = new Set<string>();
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      for (const m of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(/\bTOOLWRIGHT_[A-Z_]+\b/g)) read.add(m[0]);
    }
    expect(
      RUNTIME_SETTINGS.map((s) => s.name).sort(),
      'packages/codegen/src/emit/docs/environment.ts must list every setting the runtime reads (RUNTIME_SETTINGS)',
    ).toEqual([...read].sort());
  });
});
