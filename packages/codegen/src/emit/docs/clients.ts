/**
 * Ready-to-paste client configuration for a generated server: Claude
 * Desktop, Claude Code, VS Code and Cursor, over stdio (the client starts
 * the server) and over Streamable HTTP (the server runs on its own).
 *
 * Desktop clients start a stdio server from a folder of their choosing, so
 * their configurations name the project by absolute path (Claude Desktop) or
 * by the editor's `${workspaceFolder}` (VS Code, Cursor), and run the
 * project's own toolwright through `npx --prefix`.
 */
import type { IrServer } from '../../ir/types.js';
import { byName, type DocsContext, serveTarget } from './context.js';
import { code, fence, jsonBlock } from './markdown.js';

const HTTP_URL = 'http://127.0.0.1:3000/mcp';
/** The editors' own variable (VS Code, Cursor), written into their config as it is. */
const WORKSPACE_FOLDER = `\${workspaceFolder}`;

/** The "Connect a client" section of a server's index page. */
export function clientsSection(ctx: DocsContext): string[] {
  const { server } = ctx;
  // JSON keys and shell words: the server name is `[a-z0-9_-]`-ish, but nothing here trusts it.
  const key = server.name;
  const target = serveTarget(ctx);
  const secrets = byName(server.env).filter((v) => v.secret || v.required);
  const placeholder = (name: string) => `<your ${name}>`;
  const inputId = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

  const desktopRoot = '/absolute/path/to/project';
  const desktop = {
    mcpServers: {
      [key]: {
        command: 'npx',
        args: ['--prefix', desktopRoot, 'toolwright', 'serve', `${desktopRoot}/${target.path}`],
        ...(secrets.length ? { env: Object.fromEntries(secrets.map((v) => [v.name, placeholder(v.name)])) } : {}),
      },
    },
  };
  const vscode = {
    ...(secrets.length
      ? { inputs: secrets.map((v) => ({ type: 'promptString', id: inputId(v.name), description: v.name, ...(v.secret ? { password: true } : {}) })) }
      : {}),
    servers: {
      [key]: {
        type: 'stdio',
        command: 'npx',
        args: ['--prefix', WORKSPACE_FOLDER, 'toolwright', 'serve', `${WORKSPACE_FOLDER}/${target.path}`],
        ...(secrets.length ? { env: Object.fromEntries(secrets.map((v) => [v.name, `\${input:${inputId(v.name)}}`])) } : {}),
      },
    },
  };
  const cursor = {
    mcpServers: {
      [key]: {
        command: 'npx',
        args: ['--prefix', WORKSPACE_FOLDER, 'toolwright', 'serve', `${WORKSPACE_FOLDER}/${target.path}`],
        ...(secrets.length ? { env: Object.fromEntries(secrets.map((v) => [v.name, `\${env:${v.name}}`])) } : {}),
      },
    },
  };
  const envFlags = secrets.map((v) => `--env ${shellWord(`${v.name}=${placeholder(v.name)}`)} `).join('');

  return [
    '## Connect a client',
    '',
    `Over stdio the client starts the server itself. Over HTTP, start it first (see [Run it](#run-it)) and point the client at ${code(HTTP_URL)}; with ${code('TOOLWRIGHT_AUTH_TOKEN')} set, clients must also send the header ${code('Authorization: Bearer <token>')}.`,
    '',
    '### Claude Desktop',
    '',
    `In ${code('claude_desktop_config.json')} (Settings → Developer → Edit Config), with your project's absolute path:`,
    '',
    jsonBlock(desktop),
    '',
    '### Claude Code',
    '',
    `From ${target.from}:`,
    '',
    fence('sh', `claude mcp add ${shellWord(key)} ${envFlags}-- npx toolwright serve ${shellWord(target.arg)}`),
    '',
    'Over HTTP:',
    '',
    fence('sh', `claude mcp add --transport http ${shellWord(key)} ${HTTP_URL}`),
    '',
    '### VS Code',
    '',
    `In ${code('.vscode/mcp.json')} of the project${secrets.length ? ' (VS Code asks for the secrets once and stores them)' : ''}:`,
    '',
    jsonBlock(vscode),
    '',
    'Over HTTP:',
    '',
    jsonBlock({ servers: { [key]: { type: 'http', url: HTTP_URL } } }),
    '',
    '### Cursor',
    '',
    `In ${code('.cursor/mcp.json')} of the project${secrets.length ? ` (the secrets from Cursor's environment)` : ''}:`,
    '',
    jsonBlock(cursor),
    '',
    'Over HTTP:',
    '',
    jsonBlock({ mcpServers: { [key]: { url: HTTP_URL } } }),
    '',
  ];
}

/** The commands that run the server, for the "Run it" section. */
export function runSection(ctx: DocsContext): string[] {
  const { server } = ctx;
  const target = serveTarget(ctx);
  const defaults = byName(server.toolsets).filter((t) => t.default);
  const selection: string[] = [];
  if (server.toolsets.length > 0) {
    selection.push(
      `${defaults.length ? `By default it offers the tools of the default toolsets (${defaults.map((t) => code(t.name)).join(', ')}). ` : ''}Choose toolsets with ${code('--toolsets a,b')} (or ${code('all')}), single tools with ${code('--tools x,y')}, and only read-only tools with ${code('--read-only')}.`,
      '',
    );
  } else {
    selection.push(`Offer only some tools with ${code('--tools x,y')}, or only read-only tools with ${code('--read-only')}.`, '');
  }
  return [
    '## Run it',
    '',
    `From ${target.from}, over stdio (for clients that start the server themselves):`,
    '',
    fence('sh', `${envPrefix(server)}npx toolwright serve ${shellWord(target.arg)}`),
    '',
    `Over Streamable HTTP, at ${code(HTTP_URL)} (health at ${code('/healthz')}, metrics at ${code('/metrics')}):`,
    '',
    fence('sh', `${envPrefix(server)}npx toolwright serve ${shellWord(target.arg)} --transport http --port 3000`),
    '',
    ...selection,
  ];
}

function envPrefix(server: IrServer): string {
  return byName(server.env)
    .filter((v) => v.secret || v.required)
    .map((v) => `${v.name}=… `)
    .join('');
}

/** A word for a POSIX shell: as is when it is plainly safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
