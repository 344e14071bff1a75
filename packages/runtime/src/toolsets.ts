/**
 * Choosing which tools a server offers: named toolsets (the server's default
 * ones unless others are named), single tools, and read-only mode. A large
 * API (GitHub's 1223 operations) is only usable by a model when the tool list
 * is cut to the job; an unknown name is a start-up error, never a silently
 * smaller server.
 */
import { type AnyToolDefinition, checkTool, type ServerDefinition, type ToolsetDefinition } from './definitions.js';
import { ConfigurationError } from './errors.js';

export interface ToolSelection {
  /** Toolsets to offer (`all` for every tool); default: the server's default toolsets. */
  toolsets?: readonly string[];
  /** Tools to offer by name: alone, or added to the named toolsets. */
  tools?: readonly string[];
  /** Offer only tools annotated read-only (for GET operations: every one). */
  readOnly?: boolean;
}

/** Reads `TOOLWRIGHT_TOOLSETS`, `TOOLWRIGHT_TOOLS` (comma-separated) and `TOOLWRIGHT_READ_ONLY`. */
export function selectionFromEnv(env: NodeJS.ProcessEnv = process.env): ToolSelection {
  const list = (raw: string | undefined) =>
    raw
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const toolsets = list(env.TOOLWRIGHT_TOOLSETS);
  const tools = list(env.TOOLWRIGHT_TOOLS);
  const readOnly = env.TOOLWRIGHT_READ_ONLY;
  if (readOnly !== undefined && !['', '0', '1', 'true', 'false', 'yes', 'no'].includes(readOnly.toLowerCase())) {
    throw new ConfigurationError(`TOOLWRIGHT_READ_ONLY="${readOnly}" must be true or false.`);
  }
  return {
    ...(toolsets?.length ? { toolsets } : {}),
    ...(tools?.length ? { tools } : {}),
    ...(['1', 'true', 'yes'].includes((readOnly ?? '').toLowerCase()) ? { readOnly: true } : {}),
  };
}

/**
 * The definition with only the selected tools, their toolsets' modules loaded (see ToolsetDefinition.load).
 * Throws a ConfigurationError naming unknown toolsets or tools and listing the valid ones, or naming a toolset
 * whose module does not define the tools it declares.
 */
export async function selectTools(definition: ServerDefinition, selection: ToolSelection): Promise<ServerDefinition> {
  // Every tool by name, loaded or not: the server's own tools, then those of toolsets loaded on demand.
  const home = new Map<string, ToolsetDefinition | undefined>(definition.tools.map((tool) => [tool.name, undefined]));
  for (const toolset of definition.toolsets) if (toolset.load) for (const name of toolset.tools) home.set(name, toolset);
  const allNames = [...home.keys()];
  const toolsets = new Map(definition.toolsets.map((toolset) => [toolset.name, toolset]));
  const chosen = new Set<string>();

  if (selection.toolsets?.length) {
    if (toolsets.size === 0 && !selection.toolsets.every((name) => name === 'all')) {
      throw new ConfigurationError(`Server "${definition.name}" has no toolsets; use --tools to pick tools by name, or leave --toolsets out.`);
    }
    const unknown = selection.toolsets.filter((name) => name !== 'all' && !toolsets.has(name));
    if (unknown.length) {
      throw new ConfigurationError(
        `Unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for server "${definition.name}". Toolsets: all, ${[...toolsets.keys()].join(', ')}.`,
      );
    }
    for (const name of selection.toolsets) {
      const members = name === 'all' ? allNames : (toolsets.get(name) as ToolsetDefinition).tools;
      for (const tool of members) chosen.add(tool);
    }
  } else if (!selection.tools?.length) {
    const defaults = definition.toolsets.filter((toolset) => toolset.default);
    const members = defaults.length > 0 ? defaults.flatMap((toolset) => toolset.tools) : allNames;
    for (const tool of members) chosen.add(tool);
  }

  if (selection.tools?.length) {
    const unknown = selection.tools.filter((name) => !home.has(name));
    if (unknown.length) {
      const hint = unknown.map((name) => nearest(name, allNames)).filter(Boolean);
      throw new ConfigurationError(
        `Unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for server "${definition.name}".${hint.length ? ` Did you mean ${hint.join(', ')}?` : ''} (${home.size} tools; list them with tools/list.)`,
      );
    }
    for (const name of selection.tools) chosen.add(name);
  }

  // Load each module the chosen tools live in, once, in parallel.
  const modules = new Set([...chosen].map((name) => home.get(name)).filter((toolset): toolset is ToolsetDefinition => toolset !== undefined));
  const loaded = new Map<string, AnyToolDefinition>(definition.tools.map((tool) => [tool.name, tool]));
  for (const tools of await Promise.all([...modules].map((toolset) => loadToolset(definition.name, toolset)))) {
    for (const tool of tools) loaded.set(tool.name, tool);
  }

  let tools = allNames.filter((name) => chosen.has(name)).map((name) => loaded.get(name) as AnyToolDefinition);
  if (selection.readOnly) tools = tools.filter((tool) => tool.annotations?.readOnly === true);
  const kept = new Set(tools.map((tool) => tool.name));
  return Object.freeze({
    ...definition,
    tools: Object.freeze(tools),
    toolsets: Object.freeze(
      definition.toolsets.map(({ load: _load, ...toolset }) =>
        Object.freeze({ ...toolset, tools: Object.freeze(toolset.tools.filter((name) => kept.has(name))) }),
      ),
    ),
  });
}

/** True when some toolset's tools are loaded on demand and not all of them are in `tools` yet: `selectTools` first. */
export function hasUnloadedTools(definition: ServerDefinition): boolean {
  const present = new Set(definition.tools.map((tool) => tool.name));
  return definition.toolsets.some((toolset) => toolset.load !== undefined && toolset.tools.some((name) => !present.has(name)));
}

/** Runs a toolset's loader and checks that it defines exactly the tools the toolset names, each a valid tool. */
async function loadToolset(serverName: string, toolset: ToolsetDefinition): Promise<readonly AnyToolDefinition[]> {
  let tools: readonly AnyToolDefinition[];
  try {
    tools = await (toolset.load as NonNullable<ToolsetDefinition['load']>)();
  } catch (error) {
    throw new ConfigurationError(
      `Server "${serverName}": the module of toolset "${toolset.name}" failed to load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!Array.isArray(tools)) throw new ConfigurationError(`Server "${serverName}": toolset "${toolset.name}" loaded ${typeof tools}, not an array of tools.`);
  for (const tool of tools) checkTool(serverName, tool);
  const declared = new Set(toolset.tools);
  const names = new Set(tools.map((tool) => tool.name));
  const missing = toolset.tools.filter((name) => !names.has(name));
  const extra = [...names].filter((name) => !declared.has(name));
  if (missing.length || extra.length || names.size !== tools.length) {
    throw new ConfigurationError(
      `Server "${serverName}": the module of toolset "${toolset.name}" does not match its declaration${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; not declared: ${extra.join(', ')}` : ''}${names.size !== tools.length ? '; a tool is defined twice' : ''}. Regenerate the server (npx toolwright build).`,
    );
  }
  return tools;
}

/** The closest name by edit distance, when it is close enough to be a likely typo. */
function nearest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    const distance = editDistance(name, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best && `"${best}"`;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
