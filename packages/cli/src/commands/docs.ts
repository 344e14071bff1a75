/**
 * `toolwright docs [servers…] [--serve]`: the docs site. The pages are the
 * Markdown that `toolwright build` writes beside each generated server
 * (`generated/<name>/docs/`); this command assembles them with a landing page
 * into a VitePress site, builds it, checks every internal link of the built
 * HTML, and with `--serve` serves it locally.
 *
 * Why VitePress: maintained (the Vue team's), a static build with no server
 * needed, full-text search built in and offline (MiniSearch, no hosted
 * service), plain Markdown in — the same pages GitHub renders — and it builds
 * the ~1,400 pages of all servers in about two minutes on two cores.
 *
 * Untrusted text (descriptions from specs) reaches the site only through the
 * page emitter's escaping, and the site config adds a second wall: raw HTML
 * in Markdown off, markdown-it-attrs off (`{onclick=…}` would add
 * attributes), every `{`/`}` in text and inline code written as an entity (a
 * Vue template runs `{{ … }}` as code), code blocks `v-pre`, and navigation
 * labels HTML-escaped (the theme renders them with `v-html`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import sirv from 'sirv';

export interface DocsFlags {
  /** After building, serve the site until interrupted. */
  serve?: boolean;
  /** Port for `--serve` (default 4173). */
  port?: number;
  /** Working folder: the assembled sources go to `<dir>/src`, the built site to `<dir>/dist` (default `.toolwright/docs-site`). */
  dir?: string;
  quiet?: boolean;
}

/** A generated server whose pages go into the site. */
export interface SiteServer {
  /** URL segment: the folder name under `generated/`. */
  slug: string;
  /** The generated server's folder (holding `docs/` and `tools.json`). */
  dir: string;
  name: string;
  title: string;
  description?: string;
  origin: 'functions' | 'openapi';
  tools: { name: string; toolset?: string }[];
  toolsets: { name: string; default: boolean; tools: string[] }[];
  resources: { name: string; uri: string }[];
  prompts: { name: string }[];
}

export interface SiteBuild {
  srcDir: string;
  outDir: string;
  pages: number;
  /** Milliseconds spent in the VitePress build. */
  buildMs: number;
  brokenLinks: BrokenLink[];
}

export const DEFAULT_SITE_DIR = '.toolwright/docs-site';

/** `toolwright docs`: builds (and with --serve, serves) the site; sets the exit code. */
export async function docsCommand(dirs: string[], flags: DocsFlags): Promise<void> {
  const cwd = process.cwd();
  let servers: SiteServer[];
  try {
    servers = findServers(cwd, dirs);
  } catch (error) {
    process.stderr.write(`toolwright: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const siteDir = resolve(cwd, flags.dir ?? DEFAULT_SITE_DIR);
  const log = (text: string) => {
    if (!flags.quiet) process.stderr.write(`toolwright: ${text}\n`);
  };
  log(`docs: ${servers.map((s) => s.slug).join(', ')} → ${relative(cwd, siteDir) || '.'}`);
  let site: SiteBuild;
  try {
    site = await buildSite(servers, siteDir, { quiet: flags.quiet === true });
  } catch (error) {
    process.stderr.write(`toolwright: docs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  if (site.brokenLinks.length > 0) {
    for (const broken of site.brokenLinks.slice(0, 20)) process.stderr.write(`${broken.page}: broken link ${broken.href} (${broken.reason})\n`);
    process.stderr.write(
      `toolwright: docs: ${site.brokenLinks.length} broken internal link(s) in the built site. The pages come from npx toolwright build: rebuild them, and report a link the generator got wrong.\n`,
    );
    process.exitCode = 1;
    return;
  }
  log(`docs: ${site.pages} pages built in ${(site.buildMs / 1000).toFixed(1)} s → ${relative(cwd, site.outDir)} (no broken links)`);
  if (!flags.serve) return;
  const port = flags.port ?? 4173;
  const server = await serveSite(site.outDir, port).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? `port ${port} is in use: pass another with --port (0 picks a free one)` : error.message;
    process.stderr.write(`toolwright: docs: cannot serve the site: ${why}.\n`);
    process.exitCode = 1;
    return undefined;
  });
  if (!server) return;
  process.stderr.write(`toolwright: docs: serving at ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * Serves a built site on 127.0.0.1 (never every interface, like `toolwright serve`): sirv for the files (it keeps
 * requests inside the folder), the site's 404 page for the rest. Port 0 picks a free port.
 */
export async function serveSite(outDir: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const files = sirv(outDir, { etag: true, dev: false });
  const notFound = readFileSync(join(outDir, '404.html'));
  const server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(notFound);
    }),
  );
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections(); // an open browser tab keeps a connection alive
      }),
  };
}

/**
 * The servers to document: the folders given (each a generated server's folder, or a project's `generated/<name>`),
 * else every `generated/*` under `cwd` that has docs pages. Throws with what to run when there are none.
 */
export function findServers(cwd: string, dirs: readonly string[] = []): SiteServer[] {
  const candidates =
    dirs.length > 0
      ? dirs.map((d) => {
          const dir = resolve(cwd, d);
          return existsSync(join(dir, 'docs', 'index.md')) ? dir : resolve(cwd, 'generated', d);
        })
      : existsSync(resolve(cwd, 'generated'))
        ? readdirSync(resolve(cwd, 'generated'), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => resolve(cwd, 'generated', e.name))
            .filter((dir) => existsSync(join(dir, 'docs', 'index.md')))
        : [];
  const missing = candidates.filter((dir) => !existsSync(join(dir, 'docs', 'index.md')) || !existsSync(join(dir, 'tools.json')));
  if (missing.length > 0) {
    throw new Error(
      `No docs pages in ${missing.map((d) => relative(cwd, d) || '.').join(', ')} (docs/index.md and tools.json). Generate them with npx toolwright build, or name a generated server's folder.`,
    );
  }
  if (candidates.length === 0) {
    throw new Error(`No generated servers with docs under ${join(cwd, 'generated')}. Run npx toolwright build first (it writes generated/<name>/docs/).`);
  }
  const taken = new Set<string>();
  return candidates
    .sort((a, b) => (basename(a) < basename(b) ? -1 : 1))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'tools.json'), 'utf8')) as {
        server: { name: string; title?: string; description?: string; origin: { kind: 'functions' | 'openapi' } };
        tools: { name: string; toolset?: string }[];
        toolsets: { name: string; default: boolean; tools: string[] }[];
        resources: { name: string; uri: string }[];
        prompts: { name: string }[];
      };
      let slug = basename(dir).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'server';
      for (let n = 2; taken.has(slug.toLowerCase()) || slug === 'assets'; n++) slug = `${basename(dir)}-${n}`;
      taken.add(slug.toLowerCase());
      return {
        slug,
        dir,
        name: manifest.server.name,
        title: manifest.server.title ?? manifest.server.name,
        ...(manifest.server.description ? { description: manifest.server.description } : {}),
        origin: manifest.server.origin.kind,
        tools: manifest.tools.map((t) => ({ name: t.name, ...(t.toolset ? { toolset: t.toolset } : {}) })),
        toolsets: manifest.toolsets,
        resources: manifest.resources.map((r) => ({ name: r.name, uri: r.uri })),
        prompts: manifest.prompts.map((p) => ({ name: p.name })),
      };
    });
}

/** Assembles the sources, builds the site with VitePress, and checks its links. */
export async function buildSite(servers: readonly SiteServer[], siteDir: string, options: { quiet?: boolean } = {}): Promise<SiteBuild> {
  claimSiteDir(siteDir);
  const srcDir = join(siteDir, 'src');
  const outDir = join(siteDir, 'dist');
  const pages = assembleSite(servers, srcDir, { outDir, cacheDir: join(siteDir, 'cache'), quiet: options.quiet === true });
  const { build } = await import('vitepress');
  const started = performance.now();
  await build(srcDir);
  const buildMs = performance.now() - started;
  return { srcDir, outDir, pages, buildMs, brokenLinks: checkLinks(outDir) };
}

/** Marks a working folder as this command's: its src/ and dist/ are replaced on every run. */
const SITE_MARKER = '.toolwright-docs-site';

/** Takes a working folder that is new, empty or already ours; refuses any other (its src/ would be deleted). */
function claimSiteDir(siteDir: string): void {
  if (existsSync(siteDir) && readdirSync(siteDir).length > 0 && !existsSync(join(siteDir, SITE_MARKER))) {
    throw new Error(`${siteDir} is not empty and was not made by toolwright docs, whose src/ and dist/ it replaces. Choose a new or empty folder with --dir.`);
  }
  mkdirSync(siteDir, { recursive: true });
  writeFileSync(
    join(siteDir, SITE_MARKER),
    'The working folder of `toolwright docs`: src/ (the site sources) and dist/ (the site) are rebuilt on every run.\n',
  );
}

/** Writes the site's sources: the landing page, every server's pages (as the site needs them), the VitePress config. */
export function assembleSite(servers: readonly SiteServer[], srcDir: string, config: { outDir: string; cacheDir: string; quiet?: boolean }): number {
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(join(srcDir, '.vitepress'), { recursive: true });
  writeFileSync(join(srcDir, 'index.md'), landingPage(servers));
  let pages = 1;
  for (const server of servers) {
    const docs = join(server.dir, 'docs');
    for (const file of listMarkdown(docs)) {
      const inside = posix.normalize(relative(docs, file).split('\\').join('/'));
      const target = join(srcDir, server.slug, inside);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, forSite(readFileSync(file, 'utf8'), inside));
      pages++;
    }
  }
  writeFileSync(join(srcDir, '.vitepress', 'config.mjs'), siteConfig(servers, config));
  mkdirSync(join(srcDir, '.vitepress', 'theme'), { recursive: true });
  writeFileSync(join(srcDir, '.vitepress', 'theme', 'index.mjs'), THEME);
  writeFileSync(join(srcDir, '.vitepress', 'theme', 'toolwright.css'), THEME_CSS);
  return pages;
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * A committed page as the site serves it: without the generated-file comment (raw HTML is off in the site, so it
 * would show), and with links that leave the docs folder (to a source file or the spec, which the site does not
 * hold) turned into their text. Code blocks are left as they are.
 */
export function forSite(markdown: string, pagePath: string): string {
  const lines = markdown.replace(/^<!-- Generated by Toolwright[^\n]*-->\n+/, '').split('\n');
  let fence: string | undefined;
  return lines
    .map((line) => {
      const mark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (mark && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = undefined;
        return line;
      }
      if (mark) {
        fence = mark;
        return line;
      }
      return line
        .replace(/\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g, (whole, text: string, target: string) => {
          if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/')) return whole;
          const resolved = posix.normalize(posix.join(posix.dirname(pagePath), target.replace(/#.*$/, '')));
          return resolved.startsWith('../') || resolved === '..' ? text : whole;
        })
        .replace(/<!--/g, '&lt;!--');
    })
    .join('\n');
}

/** The landing page: what Toolwright is, its two workflows, and the servers documented here. */
export function landingPage(servers: readonly SiteServer[]): string {
  const rows = servers.map((s) => {
    const from = s.origin === 'openapi' ? 'OpenAPI spec' : 'typed functions';
    const counted = (n: number, what: string) => (n ? `${n} ${what}${n === 1 ? '' : 's'}` : '');
    const parts = [
      counted(s.tools.length, 'tool') || '0 tools',
      counted(s.toolsets.length, 'toolset'),
      counted(s.resources.length, 'resource'),
      counted(s.prompts.length, 'prompt'),
    ];
    return `| [${mdText(s.title)}](./${s.slug}/index.md) | ${from} | ${parts.filter(Boolean).join(', ')} | ${mdText(firstSentence(s.description ?? ''))} |`;
  });
  return `---
sidebar: false
aside: false
---

# Toolwright

Toolwright turns typed TypeScript functions and OpenAPI specs into production MCP (Model Context Protocol) servers.
Both go through one intermediate representation (IR) of the tools; from it come the zod schemas, the registration code,
the \`tools.json\` manifest and these pages — so the docs say exactly what a model is sent, and cannot drift from the code.

## Two ways in

### 1. Write typed functions, then run codegen

A tool is a plain function with JSDoc: the comment is its description, \`@param\` its argument descriptions, tags like
\`@readOnly\` its annotations.

\`\`\`ts
interface User {
  id: number;
  name: string;
}

/**
 * Get a user by id. Use when you know the numeric id.
 * @param id User id, e.g. 42.
 * @readOnly
 */
export async function getUser(id: number): Promise<User> {
  return { id, name: 'Ada' };
}
\`\`\`

\`\`\`sh
npx toolwright build                                       # → generated/<name>/
npx toolwright serve <name>                                # over stdio
npx toolwright serve <name> --transport http --port 3000   # over HTTP, at /mcp
\`\`\`

The generated registration is type-checked against the functions: change a signature without regenerating and
\`tsc\` fails at that tool.

### 2. Import an OpenAPI spec to emit tools

Every operation becomes a tool calling the API through the runtime's HTTP client (base URL and token from the
environment, retries, rate limits, actionable errors); toolsets keep the default surface small.

\`\`\`sh
npx toolwright openapi api.yaml --out generated/my-api   # one command, a server
npx toolwright build         # or: a toolwright.config.ts with defineOpenApiConfig
\`\`\`

## Servers

| Server | From | Offers | About |
| --- | --- | --- | --- |
${rows.join('\n')}

Each server's page says how to run it, gives ready-to-paste configuration for Claude Desktop, Claude Code, VS Code
and Cursor, lists the environment variables it reads, and what its \`tools/list\` costs in tokens. Every tool has a
page with its description as sent, a parameter table, an example call and result, its errors and its source.
Search (top of the page) covers every server and tool.

Rebuild this site with \`npx toolwright docs\`; serve it locally with \`npx toolwright docs --serve\`.
`;
}

/** The default theme with a stylesheet of our own. */
const THEME = `// Written by \`toolwright docs\`.
import DefaultTheme from 'vitepress/theme';
import './toolwright.css';

export default DefaultTheme;
`;

/**
 * Reference pages are tables and JSON: wider pages on wide screens, and tables as wide as the text whose cells wrap
 * (the theme's tables scroll sideways, hiding the description column of a parameter table).
 */
const THEME_CSS = `@media (min-width: 1440px) {
  .VPDoc.has-aside .content-container { max-width: 880px !important; }
}
.vp-doc table { display: table; width: 100%; }
.vp-doc th, .vp-doc td { padding: 6px 10px; overflow-wrap: break-word; }
`;

/** The VitePress config, as a module: the data as JSON, the functions as fixed code. */
function siteConfig(servers: readonly SiteServer[], paths: { outDir: string; cacheDir: string; quiet?: boolean }): string {
  const nav = [
    { text: 'Home', link: '/' },
    { text: 'Servers', items: servers.map((s) => ({ text: escapeHtml(s.title), link: `/${s.slug}/` })) },
  ];
  const sidebar = Object.fromEntries(servers.map((s) => [`/${s.slug}/`, sidebarFor(s)]));
  const data = {
    title: 'Toolwright',
    description: 'MCP servers generated from typed functions and OpenAPI specs: every server, toolset and tool.',
    outDir: paths.outDir,
    cacheDir: paths.cacheDir,
    nav,
    sidebar,
    logLevel: paths.quiet ? 'error' : 'warn',
  };
  return `// Written by \`toolwright docs\` on every run: edit packages/cli/src/commands/docs.ts instead.
const data = ${JSON.stringify(data)};

/** Entities for braces: a Vue template would run {{ … }} as code. */
const braces = (html) => html.replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'));

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Sections left out of the search index: the same on every tool page (errors), or code. */
const UNSEARCHED = new Set(['Errors', 'In tools/list', 'Output schema', 'Connect a client', 'Environment variables', 'Run it']);

export default {
  title: data.title,
  description: data.description,
  lang: 'en-US',
  outDir: data.outDir,
  cacheDir: data.cacheDir,
  cleanUrls: false,
  lastUpdated: false,
  // The map of every page's hash in one shared chunk, not inlined in each page (100 kB × 1,400 pages).
  metaChunk: true,
  ignoreDeadLinks: false,
  // Minifying ~1,400 page chunks doubled the bundling time for a few percent of size; the search index is one large chunk.
  vite: { logLevel: data.logLevel, build: { minify: false, chunkSizeWarningLimit: 8192 } },
  markdown: {
    html: false,
    attrs: { disable: true },
    // Code as plain escaped text, not Shiki's token-per-span colouring: the pages are mostly JSON, and colouring made
    // the site ten times larger and the build minutes longer. v-pre: Vue must not read {{ … }} in code as a template.
    highlight: (code) => \`<pre class="vp-code" v-pre><code>\${braces(escapeHtml(code))}</code></pre>\`,
    config(md) {
      for (const rule of ['text', 'code_inline']) {
        const render = md.renderer.rules[rule];
        md.renderer.rules[rule] = (tokens, idx, options, env, self) => braces(render(tokens, idx, options, env, self));
      }
    },
  },
  themeConfig: {
    nav: data.nav,
    sidebar: data.sidebar,
    outline: { level: [2, 3] },
    docFooter: { prev: false, next: false },
    search: {
      provider: 'local',
      options: {
        // Index the prose and tables, not the code blocks and the sections every tool page shares: smaller, and
        // a word finds the tools it describes.
        _render(src, env, md) {
          const kept = [];
          let skipping = false;
          let fence = null;
          for (const line of src.split('\\n')) {
            const mark = /^ {0,3}(\`{3,}|~{3,})/.exec(line)?.[1];
            if (fence) {
              if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
              continue;
            }
            if (mark) {
              fence = mark;
              continue;
            }
            const heading = /^## (.*)$/.exec(line);
            if (heading) skipping = UNSEARCHED.has(heading[1].trim());
            if (!skipping) kept.push(line);
          }
          const html = md.render(kept.join('\\n'), env);
          return env.frontmatter?.search === false ? '' : html;
        },
      },
    },
  },
};
`;
}

/** A server's sidebar: overview, toolsets (with their tools for smaller servers), tools without a toolset, resources, prompts. */
function sidebarFor(server: SiteServer): object[] {
  const base = `/${server.slug}`;
  const pages = pagesOf(server);
  const link = (kind: PageKind, slug: string) => `${base}/${kind}/${slug}`;
  const item = (kind: PageKind, entry: PageEntry) => ({ text: escapeHtml(entry.name), link: link(kind, entry.slug) });
  const toolSlugs = new Map(pages.tools.map((p) => [p.name, p]));
  // A sidebar item per tool is rendered into every page of the server: past this many, toolsets link to their lists.
  const listTools = pages.tools.length <= 200;
  const groups: object[] = [{ text: escapeHtml(server.title), items: [{ text: 'Overview', link: `${base}/` }] }];
  if (pages.toolsets.length > 0) {
    const members = new Map(server.toolsets.map((t) => [t.name, t]));
    groups.push({
      text: 'Toolsets',
      items: pages.toolsets.map((entry) => {
        const toolset = members.get(entry.name);
        const tools = (toolset?.tools ?? []).flatMap((name) => toolSlugs.get(name) ?? []).sort((a, b) => (a.name < b.name ? -1 : 1));
        return {
          text: `${escapeHtml(entry.name)}${toolset?.default ? ' ★' : ''}`,
          link: link('toolsets', entry.slug),
          ...(listTools && tools.length ? { collapsed: true, items: tools.map((t) => item('tools', t)) } : {}),
        };
      }),
    });
  }
  const grouped = new Set(server.toolsets.flatMap((t) => t.tools));
  const loose = pages.tools.filter((t) => !grouped.has(t.name));
  if (loose.length > 0 && (listTools || pages.toolsets.length === 0)) {
    groups.push({ text: pages.toolsets.length ? 'Other tools' : 'Tools', items: loose.map((t) => item('tools', t)) });
  }
  if (pages.resources.length > 0) groups.push({ text: 'Resources', items: pages.resources.map((r) => item('resources', r)) });
  if (pages.prompts.length > 0) groups.push({ text: 'Prompts', items: pages.prompts.map((p) => item('prompts', p)) });
  return groups;
}

type PageKind = 'tools' | 'toolsets' | 'resources' | 'prompts';
interface PageEntry {
  name: string;
  slug: string;
}

/**
 * The pages of a server, read from the links of its index page (the first cell of each table row): the sidebar
 * names pages exactly as the page emitter filed them, without repeating its rules for file names.
 */
function pagesOf(server: SiteServer): Record<PageKind, PageEntry[]> {
  const pages: Record<PageKind, PageEntry[]> = { tools: [], toolsets: [], resources: [], prompts: [] };
  const seen = new Set<string>();
  const index = readFileSync(join(server.dir, 'docs', 'index.md'), 'utf8');
  for (const match of index.matchAll(/^\| \[((?:\\.|[^\]\\])*)\]\((tools|toolsets|resources|prompts)\/([^)\s]+)\.md\) \|/gm)) {
    const [, text = '', kind, slug = ''] = match;
    if (seen.has(`${kind}/${slug}`)) continue;
    seen.add(`${kind}/${slug}`);
    pages[kind as PageKind].push({ name: unescapeLiteral(text), slug: decodeURI(slug) });
  }
  return pages;
}

/** The text of a name the page emitter wrote as a Markdown literal (backslash escapes, `&lt;`, `&#123;`). */
function unescapeLiteral(markdown: string): string {
  return markdown
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&#123;/g, '{');
}

export interface BrokenLink {
  /** The page, relative to the built site. */
  page: string;
  href: string;
  reason: string;
}

/**
 * Every internal link of a built site resolves: each `href` and `src` that stays on the site names a file that was
 * built, and each `#fragment` an `id` on the target page. Hand-written (a few dozen lines over the HTML VitePress
 * writes) rather than a link-checker package: those crawl over HTTP and pull in a large tree for this.
 */
export function checkLinks(outDir: string): BrokenLink[] {
  const files = readdirSync(outDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => posix.normalize(relative(outDir, join(e.parentPath, e.name)).split('\\').join('/')));
  const existing = new Set(files);
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    let set = ids.get(page);
    if (!set) {
      const html = readFileSync(join(outDir, page), 'utf8');
      set = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)));
      ids.set(page, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  for (const page of files.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(outDir, page), 'utf8');
    for (const match of html.matchAll(/<(?:a|link|script|img)\s[^>]*?\b(?:href|src)="([^"]*)"/g)) {
      const href = decodeEntities(match[1]!);
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [pathPart = '', fragment] = href.split('#', 2) as [string, string | undefined];
      let target: string;
      if (pathPart === '') target = page;
      else {
        const path = decodeURIComponent(pathPart.split('?')[0]!);
        target = posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(page), path));
        if (target === '.' || target.endsWith('/')) target = posix.join(target, 'index.html');
        else if (!existing.has(target) && existing.has(`${target}.html`)) target = `${target}.html`;
      }
      if (target.startsWith('../') || !existing.has(target)) {
        broken.push({ page, href, reason: 'no such page or file' });
        continue;
      }
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        broken.push({ page, href, reason: `no element with id "${fragment}" on ${target}` });
      }
    }
  }
  return broken;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Untrusted text in the landing page's table: one line, no Markdown or HTML structure. */
function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]|<>{}!#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '{' ? '&#123;' : c === '}' ? '&#125;' : `\\${c}`));
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s|$)/.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat;
}
