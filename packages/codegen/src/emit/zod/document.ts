/**
 * One input schema as a document: its root, its named schemas (`$defs`,
 * `definitions`), local `$ref` resolution, and a content key per named
 * schema so identical definitions across inputs are emitted once.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../header.js';
import { isCyclic, stronglyConnected } from './graph.js';
import { isJsonObject, type JsonObject } from './merge.js';

export const ROOT = '#';
const CONTAINERS = ['$defs', 'definitions'] as const;

/** A named schema of a document: the root (`#`) or a definition (`#/$defs/Name`). */
export interface LocalSchema {
  /** `#` or `#/$defs/Name` / `#/definitions/Name` (pointer-escaped name). */
  id: string;
  /** The definition's name; undefined for the root. */
  name?: string;
  schema: unknown;
  /** Local schemas this one refers to, in order of first reference. */
  refs: string[];
  /** Same key ⇔ same name, same content and same content behind every reference (and the same object mode). */
  key: string;
  /** On a reference cycle. */
  cyclic: boolean;
}

export type ParsedRef = { kind: 'local'; pointer: string[] } | { kind: 'external' } | { kind: 'invalid' };

/** `#/$defs/a~1b` → `["$defs", "a/b"]`; percent-decoding applies to the fragment, as URIs require. */
export function parseRef(ref: string): ParsedRef {
  if (!ref.startsWith('#')) return { kind: 'external' };
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return { kind: 'invalid' };
  }
  if (fragment === '') return { kind: 'local', pointer: [] };
  if (!fragment.startsWith('/')) return { kind: 'invalid' };
  return {
    kind: 'local',
    pointer: fragment
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
  };
}

export function pointerString(segments: readonly string[]): string {
  return segments.reduce((p, s) => `${p}/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`, ROOT);
}

export class SchemaDocument {
  readonly locals = new Map<string, LocalSchema>();

  constructor(
    readonly root: unknown,
    /** Mixed into the key of schemas with objects whose mode it decides (see dependsOnMode). */
    salt: string,
  ) {
    this.add(ROOT, undefined, root);
    if (isJsonObject(root)) {
      for (const container of CONTAINERS) {
        const defs = root[container];
        if (!isJsonObject(defs)) continue;
        for (const name of Object.keys(defs).sort()) this.add(pointerString([container, name]), name, defs[name]);
      }
    }
    for (const local of this.locals.values()) local.refs = local.refs.filter((id) => this.locals.has(id));
    this.computeKeys(salt);
  }

  private add(id: string, name: string | undefined, schema: unknown): void {
    const refs = new Set<string>();
    collectRefs(schema, id === ROOT, (ref) => {
      const target = this.localOf(ref);
      if (target !== undefined) refs.add(target);
    });
    this.locals.set(id, { id, ...(name !== undefined ? { name } : {}), schema, refs: [...refs], key: '', cyclic: false });
  }

  /** The local schema a `$ref` points into: itself for `#/$defs/X`, the containing one for deeper pointers. */
  localOf(ref: string): string | undefined {
    const parsed = parseRef(ref);
    if (parsed.kind !== 'local') return undefined;
    const [container, name] = parsed.pointer;
    if (name !== undefined && (container === '$defs' || container === 'definitions')) return pointerString([container, name]);
    return ROOT;
  }

  /** The named schema a `$ref` names exactly (`#`, `#/$defs/X`), if it exists. */
  named(ref: string): LocalSchema | undefined {
    const parsed = parseRef(ref);
    if (parsed.kind !== 'local') return undefined;
    const id = pointerString(parsed.pointer);
    const local = this.locals.get(id);
    return local && (parsed.pointer.length === 0 || parsed.pointer.length === 2) ? local : undefined;
  }

  /** The value at a local `$ref`, or undefined. */
  resolve(ref: string): unknown {
    const parsed = parseRef(ref);
    if (parsed.kind !== 'local') return undefined;
    let value: unknown = this.root;
    for (const segment of parsed.pointer) {
      if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(segment)) value = value[Number(segment)];
      else if (isJsonObject(value) && Object.hasOwn(value, segment)) value = value[segment];
      else return undefined;
    }
    return value;
  }

  /**
   * Keys bottom-up over the components of the reference graph: a schema's
   * key hashes its own canonical content and the keys of what it refers to;
   * the members of a cycle share one hash over all their contents. Linear
   * in the size of the document.
   */
  private computeKeys(salt: string): void {
    const locals = [...this.locals.values()];
    const indexOf = new Map(locals.map((l, i) => [l.id, i]));
    const edges = locals.map((l) => l.refs.map((r) => indexOf.get(r)!));
    const components = stronglyConnected(locals.length, (v) => edges[v]!);
    for (const members of components.members) {
      const hash = createHash('sha256');
      const memberSet = new Set(members);
      const external = new Map<string, string>();
      for (const m of members) {
        const local = locals[m]!;
        const content = withoutDefs(local);
        hash
          .update(local.id)
          .update('\0')
          .update(canonicalJson(content) ?? 'undefined')
          .update('\0');
        if (dependsOnMode(content)) hash.update(salt).update('\0');
        for (const target of edges[m]!) if (!memberSet.has(target)) external.set(locals[target]!.id, locals[target]!.key);
      }
      for (const id of [...external.keys()].sort()) hash.update(id).update('\0').update(external.get(id)!).update('\0');
      const shared = hash.digest('hex');
      for (const m of members) {
        const local = locals[m]!;
        local.key = members.length === 1 ? shared : createHash('sha256').update(shared).update(local.id).digest('hex');
        local.cyclic = isCyclic(m, components, (v) => edges[v]!);
      }
    }
  }
}

function withoutDefs(local: LocalSchema): unknown {
  if (local.id !== ROOT || !isJsonObject(local.schema)) return local.schema;
  const { $defs: _defs, definitions: _definitions, ...rest } = local.schema;
  return rest;
}

/**
 * Whether the emitted code depends on the modes (object mode, date mode):
 * some object schema declares properties and leaves `additionalProperties`
 * open (conservative: any `properties`/`required` key counts), or a string is
 * a TypeScript Date. A definition without either is shared across inputs with
 * different modes.
 */
function dependsOnMode(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(dependsOnMode);
  if (!isJsonObject(schema)) return false;
  if (('properties' in schema || 'required' in schema) && !('additionalProperties' in schema)) return true;
  if (schema['x-ts-type'] === 'Date') return true;
  return Object.values(schema).some(dependsOnMode);
}

/** Every `$ref` string in a schema (the root's own `$defs`/`definitions` excluded: they are separate schemas). */
function collectRefs(schema: unknown, isRoot: boolean, found: (ref: string) => void): void {
  const visit = (value: unknown, top: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, false);
      return;
    }
    if (!isJsonObject(value)) return;
    for (const [key, child] of Object.entries(value as JsonObject)) {
      if (top && isRoot && (key === '$defs' || key === 'definitions')) continue;
      if (key === '$ref' && typeof child === 'string') found(child);
      else visit(child, false);
    }
  };
  visit(schema, true);
}
