/**
 * Toolsets: the config's named groups (operationId globs), then one per
 * first tag for the tools no configured toolset takes (`Data sources` →
 * `data_sources`; no tag → `other`; `<tag>_more` when a configured toolset
 * already has the tag's name), described by the spec's Tag Object.
 */
import type { IrTool, IrToolset } from '../../ir/types.js';
import type { OpenApiConfig } from './config.js';
import type { JsonObject } from './document.js';
import { GlobSet } from './glob.js';
import { snakeName } from './names.js';
import { isObject } from './refs.js';
import { cap, plainLine } from './text.js';

const MAX_TOOLSET_DESCRIPTION_LENGTH = 200;

/** Groups `tools` (each paired with its operation's key and tags) and sets each tool's `toolset` to its first group. */
export function buildToolsets(doc: JsonObject, config: OpenApiConfig, tools: { tool: IrTool; key: string; tags: string[] }[]): IrToolset[] {
  const configured = Object.entries(config.toolsets ?? {}).map(([name, settings]) => ({
    toolset: { name, description: settings.description, default: settings.default === true, tools: [] as string[] },
    globs: new GlobSet(settings.operations),
  }));
  const byName = new Map<string, IrToolset>(configured.map((c) => [c.toolset.name, c.toolset]));
  const tagged = new Map<string, IrToolset>();
  const tagText = tagDescriptions(doc);

  for (const { tool, key, tags } of tools) {
    const groups = configured.filter((c) => c.globs.matches(key)).map((c) => c.toolset);
    if (groups.length === 0) {
      const tag = tags[0];
      const base = (tag !== undefined ? snakeName(tag) : '') || 'other';
      // A configured toolset is exactly what it lists: leftovers of the same tag go to `<tag>_more`.
      const name = configured.some((c) => c.toolset.name === base) ? `${base}_more` : base;
      let group = tagged.get(name);
      if (!group) {
        const description = tag === undefined ? 'Operations without a tag.' : tagText.get(tag) || `Operations tagged "${plainLine(tag)}".`;
        group = { name, description, default: false, tools: [] };
        tagged.set(name, group);
      }
      groups.push(group);
    }
    for (const group of groups) group.tools.push(tool.name);
    tool.toolset = groups[0]!.name;
  }
  // With no default named in the config, everything is on by default.
  if (!configured.some((c) => c.toolset.default)) {
    for (const group of [...byName.values(), ...tagged.values()]) group.default = true;
  }
  return [...configured.map((c) => c.toolset), ...[...tagged.values()].sort((a, b) => (a.name < b.name ? -1 : 1))];
}

function tagDescriptions(doc: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags.filter(isObject) : []) {
    if (typeof tag.name !== 'string') continue;
    const text = cap(plainLine(tag.description), MAX_TOOLSET_DESCRIPTION_LENGTH);
    if (text) out.set(tag.name, text);
  }
  return out;
}
