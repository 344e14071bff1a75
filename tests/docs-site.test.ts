/**
 * The docs site as a reader uses it, in a real browser: `toolwright docs --serve` builds the site from the committed
 * pages of the workspace, conformance and notion servers (plus a hostile server made here, whose descriptions try
 * every injection a spec could carry), and Debian's Chromium drives it: the landing page, full-text search for a
 * tool by a word of its description, the tool's page (parameter table, example call), the link to its toolset, and
 * back to the server. Every internal link of the built site resolves. Screenshots land in test-results/docs-site/.
 *
 * The GitHub server (1,223 tools) is left out here to keep the suite fast: its pages come from the same emitter, and
 * `npx toolwright docs` builds and link-checks the full site (see README for the time it takes).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IrServer } from '@toolwright/codegen';
import { generateServer } from '@toolwright/codegen';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../packages/cli/src/commands/docs.js';
import { killAll, ROOT, type Spawned, spawnCli } from './support/processes.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve(ROOT, 'test-results/docs-site');
const scratch = mkdtempSync(resolve(ROOT, 'tests/.docs-site-'));
const siteDir = join(scratch, 'site');
const BUILD_TIMEOUT = 600_000;

/** A server whose every text is an attack: the site must show it as text and run none of it. */
const HOSTILE: IrServer = {
  name: 'hostile',
  version: '1.0.0',
  title: 'Hostile <img src=x onerror="window.__pwned=\'title\'">',
  description: 'Server {{ constructor.constructor("window.__pwned = \'mustache\'")() }} and \\{\\{ 6*7 \\}\\} and <script>window.__pwned = "script"</script>.',
  tools: [
    {
      name: 'exfiltrate',
      description:
        'Reads <!--@include: ../../../../../../etc/hostname--> and `{{ 6*7 }}`, <img src=x onerror="window.__pwned=\'img\'"> {onmouseover="window.__pwned=\'attr\'"} [js](javascript:window.__pwned=1) [rel](/nowhere) a | pipe. Word: zanzibarquux.',
      input: {
        type: 'object',
        properties: {
          q: { type: 'string', description: 'A | pipe, <b>bold</b> and {{ 1+1 }}', enum: ['a|b', '</code><script>window.__pwned="enum"</script>'] },
        },
        required: ['q'],
      },
      annotations: { readOnly: true },
      examples: ['<!--@include: /etc/passwd-->'],
      toolset: 'evil<i>set</i>',
      source: { kind: 'openapi', spec: 'hostile.json', pointer: '#/paths/~1x/get', method: 'get', path: '/x/{q}', operationId: 'x<y>' },
      binding: { kind: 'http', method: 'get', path: '/x/{q}', parameters: [{ arg: 'q', name: 'q', in: 'path', required: true }], profile: 'hostile' },
    },
  ],
  resources: [],
  prompts: [],
  toolsets: [{ name: 'evil<i>set</i>', description: '{{ 6*7 }} <script>window.__pwned="toolset"</script>', default: true, tools: ['exfiltrate'] }],
  env: [],
  profiles: [{ name: 'hostile', baseUrl: { env: 'HOSTILE_API_URL', default: 'https://example.com' }, headers: {} }],
  origin: { kind: 'openapi', spec: 'hostile.json', hash: '0', openapi: '3.1.0' },
};

let browser: Browser;
let site: Spawned;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does).`);
  const hostileDir = join(scratch, 'generated/hostile');
  for (const file of generateServer(HOSTILE, { outDir: 'generated/hostile', source: 'hostile.json' }).files) {
    mkdirSync(dirname(join(hostileDir, file.path)), { recursive: true });
    writeFileSync(join(hostileDir, file.path), file.contents);
  }
  site = spawnCli(['docs', 'workspace', 'conformance', 'notion', hostileDir, '--dir', siteDir, '--serve', '--port', '0']);
  const line = await site.waitForStderr((l) => /serving at http:\/\//.test(l) || /broken internal link|Error|error/.test(l), BUILD_TIMEOUT);
  const url = /serving at (http:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`toolwright docs failed:\n${site.stderrLines.join('\n')}\n${site.stdoutLines.join('\n')}`);
  base = url;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
}, BUILD_TIMEOUT + 60_000);

afterAll(async () => {
  await browser?.close();
  await killAll();
  rmSync(scratch, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await page.goto(new URL(path, base).href);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** A tool of the notion server and a word of its description that no other notion tool's description has. */
function toolAndWord(): { tool: string; toolset: string; word: string } {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'generated/notion/tools.json'), 'utf8')) as {
    tools: { name: string; description: string; toolset: string }[];
  };
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{8,}/g) ?? []);
  for (const tool of manifest.tools) {
    const others = manifest.tools.filter((t) => t !== tool).flatMap((t) => [...words(`${t.name} ${t.description}`)]);
    const word = [...words(tool.description)].find((w) => !others.includes(w));
    if (word) return { tool: tool.name, toolset: tool.toolset, word };
  }
  throw new Error('no notion tool has a word of its own');
}

describe('the docs site in Chromium', () => {
  it('opens on a landing page that explains Toolwright and links every server', async () => {
    const page = await open('/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Toolwright');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Write typed functions, then run codegen');
    expect(text).toContain('Import an OpenAPI spec to emit tools');
    for (const server of ['workspace', 'conformance', 'notion', 'hostile']) await expect(page.locator(`main a[href$="${server}/"]`).count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'landing.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('finds a tool by a word of its description, shows its parameters and example, and links to its toolset and server', async () => {
    const { tool, toolset, word } = toolAndWord();
    const page = await open('/');
    await page.locator('button.DocSearch-Button').click();
    const input = page.locator('#localsearch-input');
    await input.fill(word);
    const result = page.locator(`a.result[href*="/notion/tools/${tool}.html"]`).first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await page.waitForURL(new RegExp(`/notion/tools/${tool}\\.html`));
    await page.locator('h1', { hasText: new RegExp(`^${tool}\\W*$`) }).waitFor();
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain(word.slice(0, 8));

    // the parameter table: its header, and a row per argument of the tool
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'generated/notion/tools.json'), 'utf8')) as {
      tools: { name: string; input: { properties?: Record<string, unknown> } }[];
    };
    const args = Object.keys(manifest.tools.find((t) => t.name === tool)!.input.properties ?? {});
    if (args.length > 0) {
      const table = main.locator('table', { has: page.locator('th', { hasText: 'Constraints' }) });
      await expect(table.locator('th').allTextContents()).resolves.toEqual(['Name', 'Type', 'Required', 'Default', 'Constraints', 'Description']);
      const names = await table.locator('tbody tr td:first-child').allTextContents();
      for (const arg of args) expect(names).toContain(arg);
    } else await expect(main.textContent()).resolves.toContain('None: call it with {}');
    // the example call is JSON naming the tool
    const example = main.locator('h2:has-text("Example call") ~ div[class*="language-json"]').first();
    await expect(example.textContent()).resolves.toContain(`"name": "${tool}"`);
    await page.screenshot({ path: join(SHOTS, 'tool.png'), fullPage: true });

    // the toolset, and from there the server
    await main.locator(`a[href$="toolsets/${toolset}.html"]`).first().click();
    await page.waitForURL(new RegExp(`/notion/toolsets/${toolset}\\.html`));
    // the router changes the URL before it renders the page: wait for the page itself
    await page.locator('h1', { hasText: new RegExp(`^${toolset}\\W*$`) }).waitFor();
    await expect(page.locator(`main a[href$="tools/${tool}.html"]`).count()).resolves.toBeGreaterThan(0);
    await page
      .locator('main a', { hasText: /^Notion$/ })
      .first()
      .click();
    await page.waitForURL(/\/notion\/(index\.html)?$/);
    await page.locator('h2', { hasText: 'Connect a client' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('Claude Desktop');
    await page.close();
  }, 120_000);

  it('shows hostile descriptions as text and runs none of them', async () => {
    for (const path of ['/hostile/', '/hostile/tools/exfiltrate.html', '/hostile/toolsets/evil-i-set-i.html', '/']) {
      const page = await open(path);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main').textContent();
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), path).toBeUndefined();
      expect(await page.locator('[onerror], [onmouseover], main script, main img, main i, main b').count(), path).toBe(0);
      if (path === '/hostile/tools/exfiltrate.html') {
        expect(text).toContain('<!--@include: ../../../../../../etc/hostname-->');
        expect(text).toContain('{{ 6*7 }}');
        expect(text).toContain('<img src=x onerror=');
        expect(text).toContain('zanzibarquux');
        await expect(page.locator('main a[href^="javascript:"]').count()).resolves.toBe(0);
      }
      if (path === '/hostile/') expect(text).toContain('{{ constructor.constructor(');
      if (path.startsWith('/hostile/toolsets/')) expect(text).toContain('{{ 6*7 }}');
      await page.close();
    }
    // the search box shows titles and excerpts as HTML: the hostile ones stay text there too
    const page = await open('/');
    await page.locator('button.DocSearch-Button').click();
    for (const query of ['zanzibarquux', 'evil set', 'constructor']) {
      await page.locator('#localsearch-input').fill(query);
      await page.locator('a.result').first().waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), query).toBeUndefined();
      expect(await page.locator('[onerror], [onmouseover], .results img, .results i, .results b').count(), query).toBe(0);
    }
    await page.close();
  }, 120_000);

  it('says what to run when there are no pages, and never takes over a folder it did not make', async () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const none = spawnCli(['docs'], undefined, { cwd: empty });
    expect((await none.exited(60_000)).code).toBe(1);
    expect(none.stderrLines.join('\n')).toContain('Run npx toolwright build first');
    const theirs = join(scratch, 'theirs');
    mkdirSync(join(theirs, 'src'), { recursive: true });
    writeFileSync(join(theirs, 'src/keep.ts'), 'export {};\n');
    const refused = spawnCli(['docs', 'workspace', '--dir', theirs]);
    expect((await refused.exited(60_000)).code).toBe(1);
    expect(refused.stderrLines.join('\n')).toContain('is not empty and was not made by toolwright docs');
    expect(existsSync(join(theirs, 'src/keep.ts'))).toBe(true);
  }, 120_000);

  it('has no broken internal links, and the checker does find broken ones', () => {
    expect(checkLinks(join(siteDir, 'dist'))).toEqual([]);
    const fake = join(scratch, 'fake');
    mkdirSync(join(fake, 'a'), { recursive: true });
    writeFileSync(join(fake, 'index.html'), '<a href="/a/page.html#here">ok</a><a href="/a/gone.html">gone</a><a href="a/page.html#nowhere">x</a>');
    writeFileSync(join(fake, 'a/page.html'), '<h2 id="here">Here</h2><a href="../index.html">up</a><a href="https://example.com/">out</a>');
    expect(checkLinks(fake).map((b) => `${b.page} ${b.href}`)).toEqual(['index.html /a/gone.html', 'index.html a/page.html#nowhere']);
  });
});
