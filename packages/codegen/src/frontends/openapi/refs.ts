/**
 * `$ref`s: local JSON pointers are followed; anything else (another file, a
 * URL) is refused — fetching what a spec names is a server-side request
 * forgery hole, and reading files next to it is no better — and reported with
 * the ref and where it was found. Component schemas become `$defs` named
 * after the component (`#/components/schemas/simple-user` → `#/$defs/simple-user`).
 */
import { OpenApiCode, type OpenApiReport, pointerOf } from './diagnostics.js';
import type { JsonObject } from './document.js';

/** A problem found while reading one operation; the operation's caller decides what it costs. */
export type Problem = OpenApiReport;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const COMPONENT_SCHEMA = /^#\/components\/schemas\/([^/]+)$/;

export class RefResolver {
  /** Canonical pointer → def name. */
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly cache = new Map<string, { pointer: string; value: unknown } | undefined>();

  constructor(readonly doc: JsonObject) {
    // Component names first, so a derived name can never take one.
    const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
    for (const name of Object.keys(schemas)) this.defName(pointerOf('components', 'schemas', name));
  }

  /**
   * The target of `ref` found at `at`: a canonical pointer and the value
   * there, or undefined having added a problem (external, missing).
   */
  resolve(ref: string, at: string, problems: Problem[]): { pointer: string; value: unknown } | undefined {
    if (!ref.startsWith('#')) {
      problems.push({
        code: OpenApiCode.ExternalRef,
        pointer: at,
        message: `$ref "${ref}" at ${at} points outside this document; Toolwright reads only local references (#/…) and never fetches files or URLs.`,
        hint: 'Bundle the spec into one file first (e.g. npx @redocly/cli bundle openapi.yaml -o bundled.json), then point Toolwright at the bundle.',
      });
      return undefined;
    }
    let target = this.cache.get(ref);
    if (!this.cache.has(ref)) {
      const segments = parsePointer(ref);
      let value: unknown = this.doc;
      for (const segment of segments ?? []) {
        value =
          isObject(value) && Object.hasOwn(value, segment)
            ? value[segment]
            : Array.isArray(value) && /^\d+$/.test(segment)
              ? value[Number(segment)]
              : undefined;
        if (value === undefined) break;
      }
      target = segments && value !== undefined ? { pointer: pointerOf(...segments), value } : undefined;
      this.cache.set(ref, target);
    }
    if (!target) {
      problems.push({
        code: OpenApiCode.UnresolvedRef,
        pointer: at,
        message: `$ref "${ref}" at ${at} points to nothing in this document.`,
        hint: 'Fix the pointer (it is case-sensitive; "/" in a name is written "~1"), or add the missing component.',
      });
    }
    return target;
  }

  /**
   * Follows `$ref`s of a non-schema object (parameter, request body,
   * response) to the object itself.
   */
  deref(value: unknown, pointer: string, problems: Problem[]): { value: JsonObject; pointer: string } | undefined {
    let current = value;
    let at = pointer;
    const seen = new Set<string>();
    while (isObject(current) && typeof current.$ref === 'string') {
      const target = this.resolve(current.$ref, at, problems);
      if (!target) return undefined;
      if (seen.has(target.pointer)) {
        problems.push({ code: OpenApiCode.UnresolvedRef, pointer: at, message: `$ref "${current.$ref}" at ${at} is part of a loop of references.` });
        return undefined;
      }
      seen.add(target.pointer);
      current = target.value;
      at = target.pointer;
    }
    return isObject(current) ? { value: current, pointer: at } : undefined;
  }

  /** The `$defs` name for a schema at `pointer`: the component name, or one made from the pointer. Stable for the run. */
  defName(pointer: string): string {
    let name = this.names.get(pointer);
    if (name) return name;
    const component = COMPONENT_SCHEMA.exec(pointer);
    const base = component ? unescapeSegment(component[1]!) : (parsePointer(pointer) ?? []).slice(-3).join('_');
    // Kept to the characters OpenAPI allows in component names, so the name needs no escaping in a $ref.
    const clean = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'schema';
    name = clean;
    for (let i = 2; this.taken.has(name); i++) name = `${clean}_${i}`;
    this.taken.add(name);
    this.names.set(pointer, name);
    return name;
  }
}

/** `#/a/b~1c` → `['a', 'b/c']` (percent-decoding the fragment first); undefined when malformed. */
export function parsePointer(ref: string): string[] | undefined {
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  return fragment.slice(1).split('/').map(unescapeSegment);
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
