/**
 * Choosing which tools a server offers: named toolsets (the server's default
 * ones unless others are named), single tools, and read-only mode. A large
 * API (GitHub's 1223 operations) is only usable by a model when the tool list
 * is cut to the job; an unknown name is a start-up error, never a silently
 * smaller server.
 */
import type { AnyToolDefinition, ServerDefinition, ToolsetDefinition } from './definitions.js';
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

/** The definition with only the selected tools. Throws a ConfigurationError naming unknown toolsets or tools and listing the valid ones. */
export function selectTools(definition: ServerDefinition, selection: ToolSelection): ServerDefinition {
  const byName = new Map(definition.tools.map((tool) => [tool.name, tool]));
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
      const members = name === 'all' ? [...byName.keys()] : (toolsets.get(name) as ToolsetDefinition).tools;
      for (const tool of members) chosen.add(tool);
    }
  } else if (!selection.tools?.length) {
    const defaults = definition.toolsets.filter((toolset) => toolset.default);
    const members = defaults.length > 0 ? defaults.flatMap((toolset) => toolset.tools) : [...byName.keys()];
    for (const tool of members) chosen.add(tool);
  }

  if (selection.tools?.length) {
    const unknown = selection.tools.filter((name) => !byName.has(name));
    if (unknown.length) {
      const hint = unknown.map((name) => nearest(name, [...byName.keys()])).filter(Boolean);
      throw new ConfigurationError(
        `Unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for server "${definition.name}".${hint.length ? ` Did you mean ${hint.join(', ')}?` : ''} (${byName.size} tools; list them with tools/list.)`,
      );
    }
    for (const name of selection.tools) chosen.add(name);
  }

  let tools: AnyToolDefinition[] = definition.tools.filter((tool) => chosen.has(tool.name));
  if (selection.readOnly) tools = tools.filter((tool) => tool.annotations?.readOnly === true);
  const kept = new Set(tools.map((tool) => tool.name));
  return Object.freeze({
    ...definition,
    tools: Object.freeze(tools),
    toolsets: Object.freeze(definition.toolsets.map((toolset) => ({ ...toolset, tools: toolset.tools.filter((name) => kept.has(name)) }))),
  });
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
