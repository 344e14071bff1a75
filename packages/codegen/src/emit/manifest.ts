/**
 * The manifest emitter: `tools.json`, the tool surface written out from the
 * IR (names, descriptions, JSON Schemas, annotations, sources). Docs, token
 * reports and the breaking-change check read it.
 */
import type { IrServer } from '../ir/types.js';

export const MANIFEST_VERSION = 1;

export interface Manifest {
  manifestVersion: number;
  generator: string;
  server: Pick<IrServer, 'name' | 'version' | 'title' | 'description' | 'origin'>;
  tools: IrServer['tools'];
  resources: IrServer['resources'];
  prompts: IrServer['prompts'];
  toolsets: IrServer['toolsets'];
  env: IrServer['env'];
}

export function buildManifest(server: IrServer, generator: string): Manifest {
  const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    manifestVersion: MANIFEST_VERSION,
    generator,
    server: {
      name: server.name,
      version: server.version,
      ...(server.title ? { title: server.title } : {}),
      ...(server.description ? { description: server.description } : {}),
      origin: server.origin,
    },
    tools: byName(server.tools),
    resources: [...server.resources].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)),
    prompts: byName(server.prompts),
    toolsets: byName(server.toolsets),
    env: byName(server.env),
  };
}

export function emitManifest(server: IrServer, generator: string): string {
  return `${JSON.stringify(buildManifest(server, generator), null, 2)}\n`;
}
