/**
 * The SDK's client side, for the test client (testing.ts) and search mode's
 * in-memory calls: part of the SDK adapter (see sdk.ts), in a module of its
 * own so that serving a server never loads the client.
 */
export { Client } from '@modelcontextprotocol/sdk/client/index.js';
export { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
