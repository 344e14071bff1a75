import { Command, InvalidArgumentError, Option } from 'commander';
import { serveCommand } from './commands/serve.js';

const VERSION = '0.1.0';

export function createProgram(): Command {
  const program = new Command('toolwright')
    .description('Build and serve MCP servers from typed TypeScript functions and OpenAPI specs.')
    .version(VERSION)
    .showHelpAfterError('(run toolwright --help for usage)');

  program
    .command('serve')
    .description('Serve an MCP server: a built-in name (e.g. workspace) or a module that exports a server definition.')
    .argument('<server>', 'server name, or path to a module whose default export is a server definition')
    .addOption(new Option('-t, --transport <kind>', 'transport').choices(['stdio', 'http']).default('stdio'))
    .option('--host <host>', 'HTTP bind address (default 127.0.0.1; others need TOOLWRIGHT_AUTH_TOKEN)')
    .option('-p, --port <port>', 'HTTP port (default 3000; 0 picks a free one)', parsePort)
    .option('--stateless', 'HTTP without sessions: a fresh server per request (for load balancers)')
    .option('--legacy-sse', 'also serve the legacy HTTP+SSE transport (protocol 2024-11-05) at /sse')
    .action(serveCommand);

  return program;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be an integer from 0 to 65535.');
  return port;
}
