/**
 * Context economy for API results: the compact projection, the result cap at
 * element boundaries, and the next-page hint. Representative GitHub answers
 * come from the examples in the pinned GitHub spec (real shapes, every field).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { capResult, nextPage, type ResponseShape, shapeBody } from '../src/http/shape.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const spec = JSON.parse(readFileSync(`${ROOT}specs/github/api.github.com.json`, 'utf8')) as { components: { examples: Record<string, { value: unknown }> } };
const example = (name: string) => spec.components.examples[name]!.value;
/** The GitHub profile's shape, as specs/github/toolwright.config.ts sets it (read from the generated client). */
const GITHUB: ResponseShape = (() => {
  const code = readFileSync(`${ROOT}generated/github/api.gen.ts`, 'utf8');
  const literal = code.slice(code.indexOf('createHttpApi(') + 'createHttpApi('.length, code.lastIndexOf(');'));
  return (JSON.parse(literal) as { shape: ResponseShape }).shape;
})();
const tokens = (value: unknown) => countTokens(JSON.stringify(value));
const smaller = (raw: unknown, shaped: unknown) => 1 - tokens(shaped) / tokens(raw);

/** A file as GitHub's contents API returns it: base64 in 60-character lines, plus its links. */
function fileContents(text: string) {
  const base64 = Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n');
  const path = 'packages/runtime/src/http/client.ts';
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: 'client.ts',
    path,
    content: base64,
    sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
    url: `https://api.github.com/repos/octo/hello/contents/${path}`,
    git_url: 'https://api.github.com/repos/octo/hello/git/blobs/3d21ec53a331a6f037a91c368710b99387d012c1',
    html_url: `https://github.com/octo/hello/blob/main/${path}`,
    download_url: `https://raw.githubusercontent.com/octo/hello/main/${path}`,
    _links: { git: 'https://api.github.com/…', self: 'https://api.github.com/…', html: 'https://github.com/…' },
  };
}

describe('the GitHub projection: at least 60 % fewer tokens, every field a user needs kept', () => {
  it('list issues', () => {
    const raw = example('issue-items') as Record<string, unknown>[];
    const shaped = shapeBody(raw, GITHUB) as Record<string, unknown>[];
    expect(smaller(raw, shaped)).toBeGreaterThanOrEqual(0.6);
    expect(shaped[0]).toMatchObject({
      number: 1347,
      title: 'Found a bug',
      state: 'open',
      body: "I'm having a problem with this.",
      user: 'octocat',
      assignee: 'octocat',
      assignees: ['octocat'],
      labels: [{ name: 'bug', color: 'f29513' }],
      comments: 0,
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
      created_at: '2011-04-22T13:33:48Z',
    });
    expect(JSON.stringify(shaped)).not.toMatch(/"node_id"|"url"|_url":"https:\/\/api\.github\.com|:null/);
  });

  it('get a pull request', () => {
    const raw = example('pull-request') as Record<string, unknown>;
    const shaped = shapeBody(raw, GITHUB) as Record<string, unknown>;
    expect(smaller(raw, shaped)).toBeGreaterThanOrEqual(0.6);
    expect(shaped).toMatchObject({
      number: 1347,
      title: 'Amazing new feature',
      state: 'open',
      user: 'octocat',
      head: { ref: 'new-topic', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', repo: 'octocat/Hello-World' },
      base: { ref: 'master', repo: 'octocat/Hello-World' },
      requested_reviewers: ['other_user'],
      mergeable: true,
      merged: false,
      additions: 100,
      deletions: 3,
      changed_files: 5,
      html_url: 'https://github.com/octocat/Hello-World/pull/1347',
    });
  });

  it('get file contents: the text decoded, the links gone', () => {
    const text = readFileSync(`${ROOT}packages/runtime/src/http/client.ts`, 'utf8');
    const raw = fileContents(text);
    const shaped = shapeBody(raw, GITHUB) as Record<string, unknown>;
    expect(smaller(raw, shaped)).toBeGreaterThanOrEqual(0.6);
    expect(shaped).toEqual({
      type: 'file',
      encoding: 'utf-8',
      size: raw.size,
      name: 'client.ts',
      path: raw.path,
      content: text,
      sha: raw.sha,
      html_url: raw.html_url,
      download_url: raw.download_url,
    });
  });

  it('a binary file stays base64; a search envelope keeps its items whole', () => {
    const binary = { type: 'file', encoding: 'base64', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]).toString('base64') };
    expect(shapeBody(binary, GITHUB)).toEqual(binary);
    const search = { total_count: 1, incomplete_results: false, items: [{ login: 'octocat', id: 1, avatar_url: 'https://a', type: 'User' }] };
    expect(shapeBody(search, GITHUB)).toEqual({ total_count: 1, incomplete_results: false, items: [{ login: 'octocat', id: 1, type: 'User' }] });
  });

  it('without a profile shape only nulls go; the input is not changed', () => {
    const raw = { a: null, b: { c: null, d: [null, 1] }, url: 'x' };
    expect(shapeBody(raw, undefined)).toEqual({ b: { d: [null, 1] }, url: 'x' });
    expect(raw.a).toBeNull();
  });
});

describe('capResult', () => {
  const issues = Array.from({ length: 400 }, (_, i) => ({ number: i + 1, title: `Issue ${i + 1} `.repeat(20) }));

  it('keeps the first items of a list that fit, and says how many it left out', () => {
    const { value, note } = capResult(issues, 5_000);
    const kept = value as typeof issues;
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(15_000);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(issues.slice(0, kept.length));
    expect(note).toBe(
      `Showing the first ${kept.length} of 400 items: results are capped at about 5000 tokens. Ask for fewer items per page (or narrow the filters) to see the rest.`,
    );
  });

  it('cuts the largest list of an envelope, keeping its other fields', () => {
    const { value } = capResult({ total_count: 400, items: issues }, 5_000);
    expect(value).toMatchObject({ total_count: 400 });
    expect((value as { items: unknown[] }).items.length).toBeLessThan(400);
  });

  it('cuts one huge text field with a note; leaves what fits alone', () => {
    const { value, note } = capResult({ path: 'big.txt', content: 'x'.repeat(100_000) }, 5_000);
    expect(JSON.stringify(value).length).toBeLessThanOrEqual(15_000);
    expect((value as { content: string }).content.endsWith('…')).toBe(true);
    expect(note).toMatch(/^The field content was cut to its first \d+ of 100000 characters/);
    expect(capResult({ a: 1 }, 10)).toEqual({ value: { a: 1 } });
  });
});

describe('nextPage', () => {
  const query = new URLSearchParams('per_page=30&state=open');

  it("GitHub's Link header: the parameters the next page changes", () => {
    const headers = new Headers({
      link: '<https://api.github.com/repositories/1/issues?per_page=30&state=open&page=2>; rel="next", <https://api.github.com/repositories/1/issues?per_page=30&state=open&page=9>; rel="last"',
    });
    expect(nextPage(headers, [], query)).toEqual({ page: 2 });
    const cursor = new Headers({ link: '<https://api.github.com/x?per_page=30&state=open&after=Y3Vyc29yOjI%3D>; rel="next"' });
    expect(nextPage(cursor, [], query)).toEqual({ after: 'Y3Vyc29yOjI=' });
    expect(nextPage(new Headers({ link: '<https://api.github.com/x?page=1>; rel="prev"' }), [], query)).toBeUndefined();
  });

  it("Notion's has_more and next_cursor", () => {
    expect(nextPage(new Headers(), { results: [], has_more: true, next_cursor: 'abc' }, query)).toEqual({ start_cursor: 'abc' });
    expect(nextPage(new Headers(), { results: [], has_more: false, next_cursor: null }, query)).toBeUndefined();
  });
});
