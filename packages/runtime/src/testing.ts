/**
 * A test client for users' own tests: an SDK `Client` connected in memory to
 * a server built from definitions.
 *
 * @example
 * const client = await connectTestClient(server);
 * const result = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
 * await client.close();
 */
import type { ServerDefinition } from './definitions.js';
import { createLogger } from './logging.js';
import type { Client } from './sdk-client.js';
import { createServerFactory, type ServerFactory, type ServerFactoryOptions } from './server.js';
import { hasUnloadedTools, selectTools, type ToolSelection } from './toolsets.js';

export type TestClient = Client;

export interface TestClientOptions extends ServerFactoryOptions {
  /** Which tools to offer (as `serve()` takes them); default every tool, with toolsets loaded on demand loaded now. */
  select?: ToolSelection;
  /** Client capabilities to declare (e.g. `{ sampling: {}, elicitation: {} }`). */
  capabilities?: ConstructorParameters<typeof Client>[1] extends infer O ? (O extends { capabilities?: infer C } ? C : never) : never;
}

export async function connectTestClient(server: ServerDefinition | ServerFactory, options: TestClientOptions = {}): Promise<TestClient> {
  let factory: ServerFactory;
  if ('create' in server) factory = server;
  else {
    const definition = options.select || hasUnloadedTools(server) ? await selectTools(server, options.select ?? { toolsets: ['all'] }) : server;
    factory = createServerFactory(definition, { logger: options.logger ?? createLogger({ level: options.logLevel ?? 'silent' }), ...options });
  }
  // Loaded here, not at import: a served server imports the runtime's index and never needs the client.
  const { Client, InMemoryTransport } = await import('./sdk-client.js');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const instance = factory.create();
  await instance.connect(serverSide);
  const client = new Client({ name: 'toolwright-test-client', version: '1.0.0' }, { capabilities: options.capabilities ?? {} });
  const close = client.close.bind(client);
  client.close = async () => {
    await close();
    await instance.close();
  };
  await client.connect(clientSide);
  return client;
}
