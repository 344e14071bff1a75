import { Command, InvalidArgumentError, Option } from 'commander';

// Each command's module loads when the command runs: `serve` and `init` must not pay
// for ts-morph and the TypeScript compiler that `build` and `check` load.
type CommandFunction = (...args: never[]) => unknown;
function lazy<M extends Record<K, CommandFunction>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return async (...args: Parameters<M[K]>): Promise<void> => {
    const module = await load();
    await module[name](...args);
  };
}
const buildCommand = lazy(() => import('./commands/build.js'), 'buildCommand');
const checkCommand = lazy(() => import('./commands/check.js'), 'checkCommand');
const devCommand = lazy(() => import('./commands/dev.js'), 'devCommand');
const docsCommand = lazy(() => import('./commands/docs.js'), 'docsCommand');
const initCommand = lazy(() => import('./commands/init.js'), 'initCommand');
const openapiCommand = lazy(() => import('./commands/openapi.js'), 'openapiCommand');
const serveCommand = lazy(() => import('./commands/serve.js'), 'serveCommand');
const tokensCommand = lazy(() => import('./commands/tokens.js'), 'tokensCommand');

const VERSION = '0.1.0';

export function createProgram(): Command {
  const program = new Command('toolwright')
    .description('Build and serve MCP servers from typed TypeScript functions and OpenAPI specs.')
    .version(VERSION)
    .showHelpAfterError('(run toolwright --help for usage)');

  program
    .command('build')
    .description('Generate schemas, registration code and tools.json from toolwright.config.ts (in each project given, else here or in packages/*/).')
    .argument('[projects...]', 'project folders holding a toolwright.config.ts')
    .option('--check', 'regenerate in memory and fail if the files on disk differ (for CI)')
    .option('--strict', 'fail on warnings too (missing or vague descriptions, …)')
    .option('-c, --config <file>', 'config file, relative to the project (default toolwright.config.ts)')
    .option('-q, --quiet', 'print only problems')
    .action(buildCommand);

  program
    .command('openapi')
    .description('Generate an MCP server from an OpenAPI 3.0/3.1 document (JSON or YAML).')
    .argument('<spec>', 'the OpenAPI document')
    .option('-c, --config <file>', 'an OpenAPI config (defineOpenApiConfig) whose settings apply; its spec is replaced by <spec>')
    .option('-o, --out <dir>', 'output folder (default generated/<name>)')
    .option('-n, --name <name>', 'server name (default: from the spec title)')
    .option('--strict', 'fail on warnings too')
    .action(openapiCommand);

  program
    .command('serve')
    .description('Serve an MCP server: a built-in name (e.g. workspace) or a module that exports a server definition.')
    .argument('<server>', 'server name, or path to a module whose default export is a server definition')
    .addOption(new Option('-t, --transport <kind>', 'transport').choices(['stdio', 'http']).default('stdio'))
    .option('--host <host>', 'HTTP bind address (default 127.0.0.1; others need TOOLWRIGHT_AUTH_TOKEN)')
    .option('-p, --port <port>', 'HTTP port (default 3000; 0 picks a free one)', parsePort)
    .option('--stateless', 'HTTP without sessions: a fresh server per request (for load balancers)')
    .option('--legacy-sse', 'also serve the legacy HTTP+SSE transport (protocol 2024-11-05) at /sse')
    .option('--toolsets <names>', 'offer these toolsets (comma-separated; "all" for every tool); default: the server\'s default toolsets', commaList)
    .option('--tools <names>', 'offer these tools (comma-separated), alone or added to --toolsets', commaList)
    .option('--read-only', 'offer only read-only tools')
    .addOption(
      new Option(
        '--mode <mode>',
        'tools: list the selected tools (default); search: list search_tools, describe_tool and call_tool, which reach every operation (or those of --toolsets/--tools) in a few hundred tokens; env TOOLWRIGHT_MODE',
      ).choices(['tools', 'search']),
    )
    .option('--pin <names>', 'with --mode search: also list these toolsets or tools directly ("default": the default toolsets); env TOOLWRIGHT_PIN', commaList)
    .action(serveCommand);

  program
    .command('dev')
    .description(
      'Build a functions project and serve it; on every change to its sources or toolwright.config.ts, regenerate and restart the server (errors are printed and the running server kept).',
    )
    .argument('[project]', 'project folder holding a toolwright.config.ts (default: the current directory)')
    .addOption(
      new Option('-t, --transport <kind>', 'transport; over stdio every restart drops the client connection (the client must reconnect)')
        .choices(['stdio', 'http'])
        .default('http'),
    )
    .option('--host <host>', 'HTTP bind address (default 127.0.0.1; others need TOOLWRIGHT_AUTH_TOKEN)')
    .option('-p, --port <port>', 'HTTP port (default 3000; 0 picks a free one, kept across restarts)', parsePort)
    .option('-c, --config <file>', 'config file, relative to the project (default toolwright.config.ts)')
    .action(devCommand);

  program
    .command('tokens')
    .description("Print what a server's tools/list costs a model: o200k tokens per tool (largest first) and in total, as a client receives it.")
    .argument('<server>', 'server name (generated/<name>), or path to a module whose default export is a server definition')
    .option('--toolsets <names>', 'count these toolsets (comma-separated; "all" for every tool); default: the server\'s default toolsets', commaList)
    .option('--tools <names>', 'count these tools (comma-separated), alone or added to --toolsets', commaList)
    .option('--read-only', 'count only read-only tools')
    .option('--budget <tokens>', 'exit 1 when the total is over this many tokens', parsePositive)
    .addOption(new Option('--mode <mode>', 'count what this serve mode lists').choices(['tools', 'search']))
    .option('--pin <names>', 'search mode: toolsets or tools listed beside the meta-tools (as serve --pin)', commaList)
    .option('--json', 'print the report as JSON')
    .action(tokensCommand);

  program
    .command('check')
    .description('Compare the tool surface (generated tools.json) with an earlier version; fail on breaking changes without a major changeset.')
    .option('--against <ref|file>', 'git revision (branch, tag, commit) or an earlier tools.json to compare with')
    .option('--manifest <path>', 'current tools.json (default: every generated/<server>/tools.json under the current directory)')
    .option('--package <name>', 'package whose pending changesets must carry a major bump (default: the package of the server source)')
    .option('--json', 'print the changes as JSON')
    .action(checkCommand);

  program
    .command('docs')
    .description(
      'Build the docs site from the pages `toolwright build` writes beside each generated server (generated/*/docs/): a landing page, every server, toolset and tool, full-text search; checks its links.',
    )
    .argument('[servers...]', 'generated server folders or names under generated/ (default: every generated/* with docs)')
    .option('--serve', 'serve the built site locally until interrupted')
    .option('-p, --port <port>', 'port for --serve, on 127.0.0.1 (default 4173; 0 picks a free one)', parsePort)
    .option('--dir <folder>', 'working folder: sources in <folder>/src, the site in <folder>/dist (default .toolwright/docs-site)')
    .option('-q, --quiet', 'print only problems')
    .action(docsCommand);

  program
    .command('init')
    .description('Scaffold a new MCP server project (one example tool, config, test and README) into <dir>.')
    .argument('<dir>', 'folder to create; must be empty unless --force')
    .option('-n, --name <name>', 'package and server name (default: the folder name, lower-cased, with "-" for spaces)')
    .option('-f, --force', 'scaffold into a non-empty folder; existing files are kept, never overwritten')
    .action(initCommand);

  return program;
}

function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('give at least one name, comma-separated.');
  return items;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number.');
  return n;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be an integer from 0 to 65535.');
  return port;
}
