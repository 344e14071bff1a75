/**
 * The one path builder: every path value is exactly one encoded segment, and
 * values that would move the request to another endpoint (dot segments,
 * separators, their percent-encoded spellings) are refused before anything
 * is sent.
 */

import { buildPath, createHttpApi, type HttpOperation, isToolError, type MockUpstream, startMockUpstream, ValidationError } from '@toolwright/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from './support.js';

describe('buildPath', () => {
  it.each([
    ['plain values', '/repos/{owner}/{repo}', { owner: 'octo', repo: 'hello' }, '/repos/octo/hello'],
    ['numbers', '/repos/{owner}/{repo}/issues/{issue_number}', { owner: 'o', repo: 'r', issue_number: 42 }, '/repos/o/r/issues/42'],
    ['reserved characters encoded', '/users/{username}', { username: 'a b?c#d&e=f+g;h' }, '/users/a%20b%3Fc%23d%26e%3Df%2Bg%3Bh'],
    ['a literal percent kept as data', '/tags/{tag}', { tag: '100%' }, '/tags/100%25'],
    ['unicode as UTF-8', '/pages/{id}', { id: 'café' }, '/pages/caf%C3%A9'],
    ['dots inside a value', '/repos/{owner}/{repo}', { owner: 'o', repo: 'my.repo...x' }, '/repos/o/my.repo...x'],
    ['three dots (GitHub basehead)', '/compare/{basehead}', { basehead: 'main...feature' }, '/compare/main...feature'],
    ['arrays as simple style', '/items/{ids}', { ids: ['a', 'b c', 3] }, '/items/a,b%20c,3'],
    ['a variable named like an Object.prototype key', '/x/{constructor}', { constructor: 'c' }, '/x/c'],
  ])('%s', (_name, template, values, expected) => {
    expect(buildPath(template, values)).toBe(expected);
  });

  it.each([
    ['..', /"\.\." path segment/],
    ['.', /"\." path segment/],
    ['%2e%2e', /decodes to a "\.\." path segment/],
    ['%2E%2e', /decodes to a "\.\." path segment/],
    ['.%2e', /decodes to a "\.\." path segment/],
    ['%2e', /decodes to a "\." path segment/],
    ['%252e%252e', /decodes to a "\.\." path segment/],
    ['a/b', /contains a "\/"/],
    ['a%2Fb', /decodes to a value with a "\/"/],
    ['a%2fb', /decodes to a value with a "\/"/],
    ['a%252Fb', /decodes to a value with a "\/"/],
    ['a\\b', /contains a "\/" or "\\"/],
    ['a%5Cb', /decodes to a value with a "\/" or "\\"/],
    ['', /is empty/],
  ])('refuses %j', (value, message) => {
    expect(() => buildPath('/repos/{owner}/{repo}', { owner: value, repo: 'r' })).toThrow(ValidationError);
    expect(() => buildPath('/repos/{owner}/{repo}', { owner: value, repo: 'r' })).toThrow(message);
  });

  it.each([
    ['undefined', undefined, /"owner" is missing/],
    ['null', null, /"owner" is missing/],
    ['an object', { a: 1 }, /must be a string or a number, got object/],
    ['NaN', Number.NaN, /finite number/],
    ['an empty list', [], /empty list/],
    ['a list holding ".."', ['a', '..'], /"\.\." path segment/],
    ['a lone surrogate', '\ud800', /lone UTF-16 surrogate/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => buildPath('/repos/{owner}', { owner: value })).toThrow(message);
  });

  it('names the parameter so the model knows which argument to fix', () => {
    expect(() => buildPath('/repos/{owner}/{repo}', { owner: 'o', repo: '..' })).toThrow(/Path parameter "repo"/);
  });

  describe('multi-segment values (allowSlashes)', () => {
    const template = '/repos/{owner}/{repo}/contents/{path}';
    const build = (path: unknown) => buildPath(template, { owner: 'o', repo: 'r', path }, { allowSlashes: ['path'] });

    it.each([
      ['src/index.ts', '/repos/o/r/contents/src/index.ts'],
      ['README.md', '/repos/o/r/contents/README.md'],
      ['docs/a b/c#d.md', '/repos/o/r/contents/docs/a%20b/c%23d.md'],
      ['.github/workflows/ci.yml', '/repos/o/r/contents/.github/workflows/ci.yml'],
    ])('encodes each piece of %j', (value, expected) => {
      expect(build(value)).toBe(expected);
    });

    it.each([
      ['src/../secrets', /"\.\." path segment/],
      ['../x', /"\.\." path segment/],
      ['./x', /"\." path segment/],
      ['docs/%2e%2e/x', /decodes to a "\.\." path segment/],
      ['docs/a%2Fb', /decodes to a value with a "\/"/],
      ['/etc/passwd', /empty segment/],
      ['a//b', /empty segment/],
      ['a/', /empty segment/],
      ['', /empty segment/],
    ])('refuses %j', (value, message) => {
      expect(() => build(value)).toThrow(message);
    });

    it('keeps other variables single-segment', () => {
      expect(() => buildPath(template, { owner: 'a/b', repo: 'r', path: 'x' }, { allowSlashes: ['path'] })).toThrow(/"owner".*contains a "\/"/);
    });
  });
});

describe('path injection through a tool call', () => {
  let upstream: MockUpstream;
  beforeAll(async () => {
    upstream = await startMockUpstream();
  });
  afterAll(() => upstream.close());

  const api = () =>
    createHttpApi(
      { name: 'github', baseUrl: { env: 'GITHUB_API_URL', default: 'https://api.github.com' }, auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' }, headers: {} },
      { env: { GITHUB_API_URL: upstream.url, GITHUB_TOKEN: 'ghp_pathinjectiontoken' } },
    );
  const getRepo: HttpOperation = {
    method: 'delete',
    path: '/repos/{owner}/{repo}',
    parameters: [
      { arg: 'owner', name: 'owner', in: 'path', required: true },
      { arg: 'repo', name: 'repo', in: 'path', required: true },
    ],
  };
  const getContent: HttpOperation = {
    method: 'get',
    path: '/repos/{owner}/{repo}/contents/{path}',
    parameters: [
      { arg: 'owner', name: 'owner', in: 'path', required: true },
      { arg: 'repo', name: 'repo', in: 'path', required: true },
      { arg: 'path', name: 'path', in: 'path', required: true, allowSlashes: true },
    ],
  };
  const context = () => ({ signal: new AbortController().signal, logger: captureLogs().logger });

  it.each([['..'], ['.'], ['%2e%2e'], ['%2E%2e'], ['.%2e'], ['a/b'], ['a%2Fb'], ['%2F'], ['']])(
    'refuses owner %j before any request is made',
    async (owner) => {
      upstream.requests.length = 0;
      const error = await api()
        .call(getRepo, { owner, repo: 'r' }, context())
        .catch((e: unknown) => e);
      expect(isToolError(error) && error.code).toBe('invalid_arguments');
      expect(upstream.requests).toEqual([]);
    },
  );

  it.each([['src/../../../user'], ['..'], ['a/%2e%2e/b'], ['/abs']])('refuses a multi-segment path %j before any request is made', async (path) => {
    upstream.requests.length = 0;
    await expect(api().call(getContent, { owner: 'o', repo: 'r', path }, context())).rejects.toThrow(ValidationError);
    expect(upstream.requests).toEqual([]);
  });

  it('sends a legitimate multi-segment path as its segments', async () => {
    upstream.requests.length = 0;
    await api().call(getContent, { owner: 'o', repo: 'r', path: 'src/dir name/index.ts' }, context());
    expect(upstream.requests.map((r) => r.path)).toEqual(['/repos/o/r/contents/src/dir%20name/index.ts']);
  });
});
