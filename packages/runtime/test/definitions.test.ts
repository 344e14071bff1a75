/**
 * Definition helpers: mistakes in a server definition surface when it is
 * defined (or when the server is built), as ConfigurationErrors whose message
 * names the offending thing — never at the first call.
 */

import {
  ConfigurationError,
  createServerFactory,
  definePrompt,
  defineResource,
  defineResourceTemplate,
  defineServer,
  defineTool,
  isServerDefinition,
  isToolResult,
  type ServerDefinitionInput,
  toolResult,
} from '@toolwright/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogs } from './support.js';

const tool = (name: string, description = `The ${name} tool.`) => defineTool({ name, description, input: z.object({}), handler: () => 'ok' });
const prompt = (name: string) => definePrompt({ name, get: () => 'hi' });
const resource = (uri: string) => defineResource({ uri, name: uri, read: () => 'x' });
const template = (uriTemplate: string) => defineResourceTemplate({ uriTemplate, name: uriTemplate, read: () => 'x' });

describe('defineServer rejects', () => {
  it.each<[string, ServerDefinitionInput, RegExp]>([
    ['an empty server name', { name: '', version: '1.0.0' }, /Server name "" must be non-empty/],
    ['a server name with spaces', { name: 'my server', version: '1.0.0' }, /Server name "my server"/],
    ['a version that is not semver', { name: 's', version: '1.0' }, /version "1.0" is not semver/],
    ['a version with a leading v', { name: 's', version: 'v1.0.0' }, /version "v1.0.0" is not semver/],
    ['a version with leading zeros', { name: 's', version: '01.0.0' }, /version "01.0.0" is not semver/],
    ['duplicate tool names', { name: 's', version: '1.0.0', tools: [tool('search'), tool('get'), tool('search')] }, /Duplicate tool "search"/],
    ['a tool name with a space', { name: 's', version: '1.0.0', tools: [tool('search issues')] }, /Tool name "search issues" must be 1-128 characters/],
    ['a tool name with a slash', { name: 's', version: '1.0.0', tools: [tool('issues/create')] }, /Tool name "issues\/create"/],
    ['an empty tool name', { name: 's', version: '1.0.0', tools: [tool('')] }, /Tool name ""/],
    ['a tool name over 128 characters', { name: 's', version: '1.0.0', tools: [tool('a'.repeat(129))] }, /must be 1-128 characters/],
    ['an empty tool description', { name: 's', version: '1.0.0', tools: [tool('t', '')] }, /Tool "t" needs a description/],
    ['a blank tool description', { name: 's', version: '1.0.0', tools: [tool('t', '  \n ')] }, /Tool "t" needs a description/],
    ['duplicate prompt names', { name: 's', version: '1.0.0', prompts: [prompt('p'), prompt('p')] }, /Duplicate prompt "p"/],
    ['duplicate resource URIs', { name: 's', version: '1.0.0', resources: [resource('a://x'), resource('a://x')] }, /Duplicate resource URI "a:\/\/x"/],
    [
      'duplicate resource templates',
      { name: 's', version: '1.0.0', resources: [template('a://{x}'), template('a://{x}')] },
      /Duplicate resource template "a:\/\/\{x\}"/,
    ],
    ['a zero tool timeout', { name: 's', version: '1.0.0', tools: [{ ...tool('slow'), timeoutMs: 0 }] }, /Tool "slow": timeoutMs must be a positive number/],
    ['a negative default timeout', { name: 's', version: '1.0.0', defaults: { timeoutMs: -5 } }, /Server "s": defaults: timeoutMs must be a positive number/],
    [
      'a zero rate',
      { name: 's', version: '1.0.0', tools: [{ ...tool('busy'), rateLimit: { perSecond: 0 } }] },
      /Tool "busy": rateLimit.perSecond must be a positive number, got 0/,
    ],
    [
      'a fractional burst',
      { name: 's', version: '1.0.0', defaults: { rateLimit: { perSecond: 1, burst: 0.5 } } },
      /defaults: rateLimit.burst must be a whole number/,
    ],
    [
      'a tool not made with defineTool',
      { name: 's', version: '1.0.0', tools: [{ ...tool('t'), kind: 'resource' } as unknown as ReturnType<typeof tool>] },
      /tools must be made with defineTool/,
    ],
  ])('%s with a ConfigurationError', (_what, input, message) => {
    const attempt = () => defineServer(input);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
  });
});

describe('defineServer accepts', () => {
  it.each([
    ['a 128-character tool name', { name: 's', version: '1.0.0', tools: [tool('a'.repeat(128))] }],
    ['dots, dashes and underscores in tool names', { name: 's', version: '1.0.0', tools: [tool('issues.list_for-repo')] }],
    ['a prerelease and build version', { name: 's', version: '1.2.3-rc.1+build.5' }],
    ['a scoped server name', { name: '@acme/github-server', version: '0.0.1' }],
  ])('%s', (_what, input) => {
    expect(defineServer(input).kind).toBe('server');
  });

  it('sorts resources from templates and freezes the result', () => {
    const server = defineServer({ name: 's', version: '1.0.0', resources: [resource('a://x'), template('a://{y}')], tools: [tool('t')] });
    expect(server.resources.map((r) => r.uri)).toEqual(['a://x']);
    expect(server.resourceTemplates.map((t) => t.uriTemplate)).toEqual(['a://{y}']);
    expect(Object.isFrozen(server)).toBe(true);
    expect(Object.isFrozen(server.tools)).toBe(true);
    expect(isServerDefinition(server)).toBe(true);
    expect(isServerDefinition({ name: 's' })).toBe(false);
  });
});

describe('defineResource', () => {
  it('rejects a relative URI', () => {
    expect(() => resource('readme.md')).toThrow(ConfigurationError);
    expect(() => resource('readme.md')).toThrow(/uri "readme.md" is not an absolute URI/);
  });
});

describe('createServerFactory', () => {
  it('rejects a tool whose input schema is not an object, naming the tool', () => {
    const either = defineTool({
      name: 'either',
      description: 'Takes one of two shapes.',
      input: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]),
      handler: () => 'ok',
    });
    const build = () => createServerFactory(defineServer({ name: 's', version: '1.0.0', tools: [either] }), { logger: captureLogs().logger });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/Tool "either": the input schema must be an object schema/);
  });

  it('rejects a tool whose output schema is not an object, naming the tool', () => {
    const count = defineTool({ name: 'count', description: 'Counts.', input: z.object({}), output: z.number() as never, handler: () => 1 as never });
    const build = () => createServerFactory(defineServer({ name: 's', version: '1.0.0', tools: [count] }), { logger: captureLogs().logger });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/Tool "count": the output schema must be an object schema/);
  });
});

describe('toolResult', () => {
  it('marks a result so the runtime sends it unchanged, without changing its JSON', () => {
    const result = toolResult({ content: [{ type: 'text', text: 'x' }] });
    expect(isToolResult(result)).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual({ content: [{ type: 'text', text: 'x' }] });
    expect(isToolResult({ content: [{ type: 'text', text: 'x' }] })).toBe(false);
    expect(isToolResult(null)).toBe(false);
  });
});
