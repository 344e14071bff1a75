/**
 * The server mode setting (`--mode`, `TOOLWRIGHT_MODE`, `TOOLWRIGHT_PIN`), apart from search mode itself so that
 * reading it costs nothing: the search index and its libraries load only when a server runs in search mode.
 */
import { ConfigurationError } from '../errors.js';

/** How a server offers its tools: `tools` lists the selected tools; `search` offers them through three meta-tools. */
export type ServerMode = 'tools' | 'search';
export const SERVER_MODES: readonly ServerMode[] = ['tools', 'search'];

/** Reads `TOOLWRIGHT_MODE` (`tools` or `search`) and `TOOLWRIGHT_PIN` (comma-separated toolsets or tools). */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): { mode?: ServerMode; pin?: string[] } {
  const raw = env.TOOLWRIGHT_MODE?.trim();
  const pin = env.TOOLWRIGHT_PIN?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return { ...(raw ? { mode: parseMode(raw, 'TOOLWRIGHT_MODE') } : {}), ...(pin?.length ? { pin } : {}) };
}

/** Checks a mode name; `source` names where it came from in the error (a flag, a variable). */
export function parseMode(value: string, source = 'mode'): ServerMode {
  const mode = value.toLowerCase();
  if ((SERVER_MODES as readonly string[]).includes(mode)) return mode as ServerMode;
  throw new ConfigurationError(
    `${source}="${value}" is not a mode. Use "tools" (list the selected tools; the default) or "search" (search_tools, describe_tool and call_tool reach every operation).`,
  );
}

/** The names of the meta-tools (kept within `[a-z0-9_]`, so any client accepts them). */
export const META_TOOLS = { search: 'search_tools', describe: 'describe_tool', call: 'call_tool' } as const;

/**
 * The definition for search mode (see search/index.ts): loaded on first use, so a server in the usual mode never
 * loads the index, its ranking library or the in-memory client that search mode calls through.
 */
export async function searchMode(
  definition: import('../definitions.js').ServerDefinition,
  options?: import('./index.js').SearchModeOptions,
): Promise<import('../definitions.js').ServerDefinition> {
  const search = await import('./index.js');
  return search.searchMode(definition, options);
}
