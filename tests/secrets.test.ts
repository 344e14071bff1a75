/**
 * The token never leaves the server. Every tool of generated/notion, every
 * tool of GitHub's default toolsets and one tool of every other GitHub
 * toolset run their error paths (and their success path) against a mock
 * upstream that echoes the request's credentials back in bodies and headers:
 * 401, 403 with scope headers, 404, 409, 422, 429, 500 as text and as an HTML
 * page, truncated JSON. The servers run as `toolwright serve` with a
 * recognizable fake token and debug logging, driven by the SDK Client over
 * stdio; the token (as is, URL-encoded or base64) must not appear in any
 * result, error or error data, on stdout or on stderr.
 */
import { type MockUpstream, startMockUpstream } from '@toolwright/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { ECHO_KINDS, type EchoKind, echoReply, secretForms } from './support/hostile-upstream.js';
import { type JsonSchema, type ManifestTool, manifestTools, type Served, serveOverStdio, validObject } from './support/served.js';

const GITHUB_TOKEN = 'ghp_TOOLWRIGHTFAKETOKEN1234567890abcdef';
const NOTION_TOKEN = 'ntn_TOOLWRIGHTFAKETOKEN1234567890abcdef';

const upstreams: MockUpstream[] = [];
const served: Served[] = [];
afterAll(async () => {
  await Promise.all(served.map((s) => s.close()));
  await Promise.all(upstreams.map((u) => u.close()));
});

/** Whether plain values fill the tool's required arguments (a string, a number, an enum's first value; no pattern to match). */
function plainArguments(tool: ManifestTool): boolean {
  return (tool.input.required ?? []).every((name) => {
    const property = tool.input.properties?.[name] as (JsonSchema & { pattern?: string }) | undefined;
    return property !== undefined && property.pattern === undefined && (property.enum !== undefined || typeof property.type === 'string');
  });
}

/** One tool of every GitHub toolset outside the default ones (the first whose arguments plain values fill), so each generated module runs once. */
function oneToolPerOtherGithubToolset(): ManifestTool[] {
  const defaults = new Set(manifestTools('github').map((t) => t.name));
  const seen = new Set<string>();
  return manifestTools('github', false).filter((tool) => {
    if (defaults.has(tool.name) || !tool.toolset || seen.has(tool.toolset) || !plainArguments(tool)) return false;
    seen.add(tool.toolset);
    return true;
  });
}

/**
 * Runs each tool once per kind it is given against a hostile upstream, and
 * returns everything a client saw: results, errors and their data.
 */
async function runAgainstEchoingUpstream(
  name: string,
  tokenEnv: Record<string, string>,
  tools: ManifestTool[],
  kindsFor: (index: number) => readonly EchoKind[],
  ...flags: string[]
): Promise<{ seen: string[]; server: Served; notSent: string[]; calls: number }> {
  let kind: EchoKind = ECHO_KINDS[0]!;
  const upstream = await startMockUpstream({ handle: (request) => echoReply(kind, request) });
  upstreams.push(upstream);
  const urlVar = name === 'notion' ? 'NOTION_API_URL' : 'GITHUB_API_URL';
  // pacing off: the clients' 3 or 10 requests a second would only make this slower, and change nothing it checks
  const env = { [urlVar]: upstream.url, TOOLWRIGHT_LOG_LEVEL: 'debug', TOOLWRIGHT_UPSTREAM_PACING: 'false', ...tokenEnv };
  const server = await serveOverStdio(name, env, ...flags);
  served.push(server);
  const seen: string[] = [];
  const notSent: string[] = [];
  let calls = 0;
  for (const [index, tool] of tools.entries()) {
    for (const next of kindsFor(index)) {
      kind = next;
      const before = upstream.requests.length;
      calls++;
      try {
        seen.push(JSON.stringify(await server.client.callTool({ name: tool.name, arguments: validObject(tool.input) })));
      } catch (error) {
        // an error the client raised (an McpError with data, or a result its output schema refused)
        seen.push(`${String(error)} ${JSON.stringify((error as { data?: unknown }).data ?? null)}`);
      }
      if (upstream.requests.length === before) notSent.push(`${tool.name} (${kind}): ${seen.at(-1)?.slice(0, 300)}`);
    }
  }
  return { seen, server, notSent, calls };
}

function expectNoLeak(token: string, run: { seen: string[]; server: Served }): void {
  const places = { 'results and errors': run.seen.join('\n'), stdout: run.server.stdout(), stderr: run.server.stderr.join('') };
  for (const form of secretForms(token)) {
    for (const [place, text] of Object.entries(places)) {
      const at = text.indexOf(form);
      expect(at, `"${form}" found in ${place}: …${text.slice(Math.max(0, at - 200), at + 100)}…`).toBe(-1);
    }
  }
  // the upstream really did echo it, and the calls really were answered: the absence means something
  expect(run.seen.length).toBeGreaterThan(0);
  expect(places.stdout.length).toBeGreaterThan(0);
}

describe.concurrent('a fake token echoed back by the upstream never reaches the client or the logs', () => {
  it('generated/notion: every tool, every kind of echoing answer', { timeout: 120_000 }, async () => {
    const tools = manifestTools('notion');
    const run = await runAgainstEchoingUpstream('notion', { NOTION_TOKEN }, tools, () => ECHO_KINDS);
    expect(run.notSent).toEqual([]);
    expect(run.calls).toBe(tools.length * ECHO_KINDS.length);
    expectNoLeak(NOTION_TOKEN, run);
  });

  it('generated/github default toolsets: every tool, every kind of echoing answer', { timeout: 120_000 }, async () => {
    const tools = manifestTools('github');
    const run = await runAgainstEchoingUpstream('github', { GITHUB_TOKEN }, tools, () => ECHO_KINDS);
    expect(run.notSent).toEqual([]);
    expect(run.calls).toBe(tools.length * ECHO_KINDS.length);
    expectNoLeak(GITHUB_TOKEN, run);
  });

  it('generated/github other toolsets: one tool of each', { timeout: 120_000 }, async () => {
    const tools = oneToolPerOtherGithubToolset();
    expect(tools.length).toBeGreaterThan(20);
    const run = await runAgainstEchoingUpstream(
      'github',
      { GITHUB_TOKEN },
      tools,
      (i) => [ECHO_KINDS[i % ECHO_KINDS.length]!],
      '--tools',
      tools.map((t) => t.name).join(','),
    );
    expect(run.notSent).toEqual([]);
    expectNoLeak(GITHUB_TOKEN, run);
  });
});
