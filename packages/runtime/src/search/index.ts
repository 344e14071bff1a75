/**
 * Search mode: a whole API behind three tools. Listing GitHub's 1223
 * operations costs a model hundreds of thousands of tokens before it does
 * anything; in search mode `tools/list` holds `search_tools` (plain words in,
 * ranked operations out), `describe_tool` (one operation's input schema) and
 * `call_tool` (run one by name), plus any toolsets pinned to be listed directly.
 *
 * Start-up stays as fast as the default surface: operations are known by name
 * from the server definition, and their modules (for generated API servers, one
 * per toolset) load in the background after the server starts. A search waits
 * for that; describing or calling an operation needs only its own module.
 */
import { z } from 'zod';
import { type AnyToolDefinition, type CallToolResult, defineTool, type JsonSchema, type ServerDefinition, toolResult } from '../definitions.js';
import { ConfigurationError, NotFoundError, PermissionError } from '../errors.js';
import { nextPageHint } from '../http/shape.js';
import { createServerFactory, describeTool, type ServerFactory, type ServerFactoryOptions, toJsonSchema } from '../server.js';
import { selectTools, type ToolSelection } from '../toolsets.js';
import { callThrough, INNER_REQUEST_TIMEOUT_MS } from './call.js';
import { type SearchDocument, ToolIndex } from './rank.js';

export type { ServerMode } from './mode.js';
export { META_TOOLS, modeFromEnv, parseMode, SERVER_MODES } from './mode.js';

import { META_TOOLS } from './mode.js';

export type { SearchDocument, SearchHit } from './rank.js';
export { ToolIndex } from './rank.js';

export interface SearchModeOptions extends ToolSelection {
  /**
   * Tools listed directly beside the meta-tools: toolset names, tool names, or `default` for the server's
   * default toolsets (what `tools` mode lists). They stay searchable and callable through `call_tool` too.
   */
  pin?: readonly string[];
  /** Options of the pipeline that runs called tools; pass the server's own (logger, env, time limit). */
  factory?: ServerFactoryOptions;
  /** Load the operations for the index in the background right after start (default true); false: at the first use. */
  preload?: boolean;
}

interface Group {
  readonly tools: ReadonlyMap<string, AnyToolDefinition>;
  /** The server factory that runs this group's tools for call_tool, made at the first call. */
  factory(): ServerFactory;
}

/**
 * The definition for search mode: the meta-tools and the pinned tools, over the operations `options` selects
 * (every operation unless `toolsets` or `tools` narrow it; `readOnly` hides and refuses the others).
 * Unknown toolset or tool names throw a ConfigurationError now, as `selectTools` does.
 */
export async function searchMode(definition: ServerDefinition, options: SearchModeOptions = {}): Promise<ServerDefinition> {
  // Every operation by name, loaded or not, and the toolset module it lives in (as selectTools sees them).
  const home = new Map<string, string | undefined>(definition.tools.map((tool) => [tool.name, undefined]));
  for (const toolset of definition.toolsets) if (toolset.load) for (const name of toolset.tools) home.set(name, toolset.name);
  const taken = Object.values(META_TOOLS).filter((name) => home.has(name));
  if (taken.length) {
    throw new ConfigurationError(
      `Server "${definition.name}" has a tool named ${taken.map((n) => `"${n}"`).join(', ')}, which search mode needs for itself; rename it.`,
    );
  }

  const readOnly = options.readOnly === true;
  const scope = await selectNames(definition, home, {
    ...(options.toolsets?.length || !options.tools?.length ? { toolsets: options.toolsets?.length ? options.toolsets : ['all'] } : {}),
    ...(options.tools?.length ? { tools: options.tools } : {}),
  });
  const pinnedNames = options.pin?.length ? resolvePins(definition, home, options.pin) : [];
  // Pinned tools are loaded now (they are listed), and selectTools checks their names and modules.
  const pinned = pinnedNames.length ? (await selectTools(definition, { tools: pinnedNames, readOnly })).tools : [];
  const searchable = new Set([...scope, ...pinnedNames]);

  const groups = new Map<string, Promise<Group>>();
  function group(key: string | undefined): Promise<Group> {
    const id = key ?? '';
    let loading = groups.get(id);
    if (!loading) {
      loading = (key === undefined ? Promise.resolve(definition.tools) : selectTools(definition, { toolsets: [key] }).then((selected) => selected.tools)).then(
        (tools) => {
          let factory: ServerFactory | undefined;
          const inner: ServerDefinition = Object.freeze({
            ...definition,
            instructions: undefined,
            tools,
            resources: [],
            resourceTemplates: [],
            prompts: [],
            toolsets: [],
          });
          return {
            tools: new Map(tools.map((tool) => [tool.name, tool])),
            factory: () => {
              factory ??= createServerFactory(inner, options.factory);
              return factory;
            },
          };
        },
      );
      groups.set(id, loading);
    }
    return loading;
  }

  async function load(name: string): Promise<AnyToolDefinition> {
    const tool = (await group(home.get(name))).tools.get(name);
    if (!tool) throw new ConfigurationError(`Server "${definition.name}": tool "${name}" is declared but its module does not define it.`);
    return tool;
  }

  // The index: every searchable operation, loaded toolset by toolset, built once.
  let indexing: Promise<{ index: ToolIndex; visible: ReadonlyMap<string, AnyToolDefinition> }> | undefined;
  function index() {
    indexing ??= (async () => {
      await Promise.all([...new Set([...searchable].map((name) => home.get(name)))].map(group));
      const visible = new Map<string, AnyToolDefinition>();
      for (const name of searchable) {
        const tool = await load(name);
        if (!readOnly || tool.annotations?.readOnly === true) visible.set(name, tool);
      }
      const documents = [...visible.values()].map((tool) => searchDocument(tool, home.get(tool.name)));
      return { index: new ToolIndex(documents, { stopWords: [definition.name, ...(definition.title ? [definition.title] : [])] }), visible };
    })();
    return indexing;
  }
  if (options.preload !== false) {
    // After the server has started: serve() awaits this definition, then connects the transport.
    setImmediate(() => index().catch(() => {}));
  }

  /** The operation a describe_tool or call_tool names, loaded; a tool error the model can act on otherwise. */
  async function resolve(name: string): Promise<AnyToolDefinition> {
    if (!searchable.has(name)) {
      const toolset = home.get(name) ?? definition.toolsets.find((candidate) => candidate.tools.includes(name))?.name;
      const outside = home.has(name)
        ? ` It exists, but this server was started without it${toolset ? ` (its toolset "${toolset}" was not selected)` : ''}.`
        : '';
      const { index: tools, visible } = await index();
      // A typo is caught by spelling ("issues_craete"), a guessed name by its words ("create_issue").
      const close = [...new Set([nearest(name, [...visible.keys()]), ...tools.search(name, 3, { fuzzy: true }).map((hit) => hit.name)])]
        .filter((candidate): candidate is string => candidate !== undefined)
        .slice(0, 3)
        .map((candidate) => `"${candidate}"`);
      throw new NotFoundError(
        `Unknown operation "${name}".${outside}${close.length ? ` Did you mean ${close.join(', ')}?` : ''} Find operations with ${META_TOOLS.search}.`,
      );
    }
    const tool = await load(name);
    if (readOnly && tool.annotations?.readOnly !== true) {
      throw new PermissionError(
        `Operation "${name}" changes data, and this server is read-only (--read-only): only read-only operations can be described and called. Find them with ${META_TOOLS.search}.`,
      );
    }
    return tool;
  }

  const apiName = definition.title ?? definition.name;
  const count = `${searchable.size} ${apiName} operation${searchable.size === 1 ? '' : 's'}${readOnly ? ' (read-only ones only)' : ''}`;

  const searchTool = defineTool({
    name: META_TOOLS.search,
    description: `Step 1 of 3: find the operation for a task among ${count}. Plain words in (e.g. "add a label to an issue"), best matches out. Then ${META_TOOLS.describe}, then ${META_TOOLS.call}.`,
    input: z.strictObject({ query: z.string().trim().min(1), limit: z.int().min(1).max(20).optional() }),
    inputJsonSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'The task in plain words.' },
        limit: { type: 'integer', minimum: 1, maximum: 20, description: 'How many results (default 8).' },
      },
      required: ['query'],
      additionalProperties: false,
    },
    annotations: { readOnly: true, openWorld: false },
    handler: async ({ query, limit }) => {
      const { index: tools, visible } = await index();
      const results = tools.search(query, limit ?? 8).map((hit) => {
        const tool = visible.get(hit.name) as AnyToolDefinition;
        return {
          name: tool.name,
          description: summary(tool.description),
          toolset: toolsetOf(tool, home.get(tool.name)),
          readOnly: tool.annotations?.readOnly === true,
        };
      });
      const text = results.length
        ? `${results.map((r, i) => `${i + 1}. ${r.name}${r.toolset ? ` [${r.toolset}]` : ''}${r.readOnly ? ' (read-only)' : ''}: ${r.description}`).join('\n')}\nNext: ${META_TOOLS.describe} with a name, then ${META_TOOLS.call}.`
        : `No operation matches "${query}". Try other words: the thing acted on and the action (e.g. "issue comment create").`;
      return toolResult({ content: [{ type: 'text', text }], structuredContent: { results } });
    },
  });

  const describeToolTool = defineTool({
    name: META_TOOLS.describe,
    description: `Step 2: an operation's input JSON Schema and full description, by the name ${META_TOOLS.search} gave. Read it to get ${META_TOOLS.call}'s arguments right.`,
    input: z.strictObject({ name: z.string().min(1) }),
    inputJsonSchema: {
      type: 'object',
      properties: { name: { type: 'string', description: 'Operation name.' } },
      required: ['name'],
      additionalProperties: false,
    },
    annotations: { readOnly: true, openWorld: false },
    handler: async ({ name }) => {
      const tool = await resolve(name);
      const descriptor = describeTool(tool);
      const toolset = toolsetOf(tool, home.get(name));
      const described = {
        name,
        description: tool.description,
        ...(toolset ? { toolset } : {}),
        ...(descriptor.annotations ? { annotations: descriptor.annotations } : {}),
        inputSchema: descriptor.inputSchema,
      };
      return toolResult({ content: [{ type: 'text', text: JSON.stringify(described) }], structuredContent: described });
    },
  });

  const callToolTool = defineTool({
    name: META_TOOLS.call,
    description: `Step 3: run an operation by name with its arguments (an object matching ${META_TOOLS.describe}'s inputSchema). Returns the operation's own result or error.`,
    input: z.strictObject({
      name: z.string().min(1),
      // Models now and then send the arguments object as a JSON string; take that too.
      arguments: z.preprocess(parseJsonObject, z.record(z.string(), z.unknown())).optional(),
      fields: z.array(z.string().min(1)).min(1).max(50).optional(),
    }),
    inputJsonSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Operation name.' },
        arguments: { type: 'object', description: "The operation's arguments (default {})." },
        fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Keep only these fields of the result (of each item of a list), e.g. ["number","title","user"].',
        },
      },
      required: ['name'],
      additionalProperties: false,
    },
    annotations: { openWorld: true },
    // The called tool's own time limit applies inside; this one must not cut it short.
    timeoutMs: INNER_REQUEST_TIMEOUT_MS,
    handler: async ({ name, arguments: args, fields }, context) => {
      await resolve(name);
      const { factory } = await group(home.get(name));
      // Its result (or error result, with the direct call's message and code) goes back as it is, or cut to `fields`.
      const result = await callThrough(factory(), name, args ?? {}, context);
      return toolResult(fields && !result.isError ? selectFields(result, fields) : result);
    },
  });

  // A server-wide default rate limit is per tool: it applies to each pinned tool and to searching, but not to
  // call_tool as a whole, which would share one budget among all operations; each called tool keeps its own.
  const rateLimit = definition.defaults.rateLimit;
  const limited = (tool: AnyToolDefinition): AnyToolDefinition => (rateLimit && !tool.rateLimit ? Object.freeze({ ...tool, rateLimit }) : tool);
  const instructions = `${definition.instructions ? `${definition.instructions}\n\n` : ''}This server offers ${count} through ${META_TOOLS.search} → ${META_TOOLS.describe} → ${META_TOOLS.call}; operations named above that are not listed as tools are called with ${META_TOOLS.call}.`;

  return Object.freeze({
    ...definition,
    instructions,
    tools: Object.freeze([limited(searchTool), limited(describeToolTool), callToolTool, ...pinned.map(limited)]),
    // No toolsets: what is listed is decided here, and selectTools over this definition must keep it all.
    toolsets: Object.freeze([]),
    defaults: Object.freeze({ ...definition.defaults, rateLimit: undefined }),
  });
}

/**
 * The names a selection picks, in server order, checked exactly as selectTools checks them (same errors),
 * without loading any module: selectTools runs over stand-ins for the tools that are not loaded yet.
 */
async function selectNames(definition: ServerDefinition, home: ReadonlyMap<string, string | undefined>, selection: ToolSelection): Promise<string[]> {
  const own = new Map(definition.tools.map((tool) => [tool.name, tool]));
  const standIn = (name: string) => ({ kind: 'tool', name }) as unknown as AnyToolDefinition;
  const names = await selectTools(
    {
      ...definition,
      tools: [...home.keys()].map((name) => own.get(name) ?? standIn(name)),
      toolsets: definition.toolsets.map(({ load: _load, ...toolset }) => toolset),
    },
    selection,
  );
  return names.tools.map((tool) => tool.name);
}

/** `--pin` names: toolsets, tools, or `default` (the toolsets `tools` mode lists when none is named). */
function resolvePins(definition: ServerDefinition, home: ReadonlyMap<string, string | undefined>, pins: readonly string[]): string[] {
  const toolsets = new Map(definition.toolsets.map((toolset) => [toolset.name, toolset]));
  const names: string[] = [];
  const unknown: string[] = [];
  for (const pin of pins) {
    if (pin === 'default') {
      const defaults = definition.toolsets.filter((toolset) => toolset.default);
      names.push(...(defaults.length ? defaults.flatMap((toolset) => toolset.tools) : home.keys()));
    } else if (pin === 'all') names.push(...home.keys());
    else if (toolsets.has(pin)) names.push(...(toolsets.get(pin)?.tools ?? []));
    else if (home.has(pin)) names.push(pin);
    else unknown.push(pin);
  }
  if (unknown.length) {
    throw new ConfigurationError(
      `Unknown toolset or tool ${unknown.map((n) => `"${n}"`).join(', ')} to pin for server "${definition.name}". Pin "default" (the default toolsets), toolsets${toolsets.size ? ` (${[...toolsets.keys()].join(', ')})` : ''} or tool names.`,
    );
  }
  return [...new Set(names)];
}

/** What the index reads of a tool: its name, words and arguments (top level, and one level into objects). */
function searchDocument(tool: AnyToolDefinition, toolset: string | undefined): SearchDocument {
  const schema = tool.inputJsonSchema ?? toJsonSchema(tool.input, 'input');
  const parameters: { name: string; description?: string }[] = [];
  for (const [name, property] of Object.entries(properties(schema))) {
    parameters.push({ name, description: describe(property) });
    for (const [inner, value] of Object.entries(properties(property))) parameters.push({ name: inner, description: describe(value) });
  }
  return { name: tool.name, title: tool.title, description: tool.description, toolset: toolsetOf(tool, toolset), parameters };
}

function properties(schema: unknown): Record<string, unknown> {
  const value = (schema as JsonSchema | undefined)?.properties;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function describe(schema: unknown): string | undefined {
  const value = (schema as JsonSchema | undefined)?.description;
  return typeof value === 'string' ? value : undefined;
}

function toolsetOf(tool: AnyToolDefinition, home: string | undefined): string | undefined {
  const fromMeta = tool.meta?.toolset;
  return typeof fromMeta === 'string' ? fromMeta : home;
}

/** The first sentence of a description, for result lists (the full text is in describe_tool). */
function summary(description: string): string {
  const first = /^.*?[.!?](?=\s|$)/s.exec(description.trim())?.[0] ?? description.trim();
  return first.length > 140 ? `${first.slice(0, 139)}…` : first;
}

/** The closest name by edit distance, when close enough to be a typo (at most a third of the name's letters). */
function nearest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    let previous = Array.from({ length: candidate.length + 1 }, (_, i) => i);
    for (let i = 1; i <= name.length; i++) {
      const current = [i];
      for (let j = 1; j <= candidate.length; j++) {
        current[j] = Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          (previous[j - 1] as number) + (name[i - 1] === candidate[j - 1] ? 0 : 1),
        );
      }
      previous = current;
    }
    const distance = previous[candidate.length] as number;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function parseJsonObject(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A call's result with only the named fields of its structured content (of each item when it is a list, `items`), as
 * text and as structuredContent: on a whole API, answers vary in size and shape, and a model that knows what it needs
 * should not pay for the rest. Dotted paths reach into nested objects (`head.ref`); unknown names are left out.
 */
export function selectFields(result: CallToolResult, fields: readonly string[]): CallToolResult {
  const structured = result.structuredContent;
  if (!structured || typeof structured !== 'object') return result;
  const pick = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(pick);
    if (value === null || typeof value !== 'object') return value;
    // Null-prototype objects: a path through `__proto__` makes a plain key, never touches Object.prototype.
    const out: Record<string, unknown> = Object.create(null);
    for (const field of fields) {
      const path = field.split('.');
      let current: unknown = value;
      for (const key of path)
        current = current !== null && typeof current === 'object' && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
      if (current === undefined) continue;
      let target = out;
      for (const key of path.slice(0, -1)) {
        if (!Object.hasOwn(target, key)) target[key] = Object.create(null);
        target = target[key] as Record<string, unknown>;
      }
      Object.defineProperty(target, path.at(-1) as string, { value: current, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const record = structured as Record<string, unknown>;
  // A list answer ({ items: [...] }, with its next_page) keeps its envelope; an object answer is picked itself.
  const picked = Array.isArray(record.items) ? { ...record, items: record.items.map(pick) } : (pick(record) as Record<string, unknown>);
  const next = record.next_page;
  const text = JSON.stringify(Array.isArray(record.items) ? picked.items : picked);
  const hint = next && typeof next === 'object' ? `\n\n${nextPageHint(next as Record<string, unknown>)}` : '';
  return { ...result, content: [{ type: 'text', text: `${text}${hint}` }], structuredContent: picked };
}
