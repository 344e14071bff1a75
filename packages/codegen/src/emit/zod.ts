/**
 * The JSON Schema → zod 4 emitter that both frontends use: one module of
 * named schemas from many input schemas, each with its own `$defs`.
 *
 * Pipeline: each input is read as a document (zod/document.ts), whose named
 * schemas get a content key; definitions with the same name and key are one
 * module schema, so a definition shared by many tools is emitted once. The
 * schemas reachable from the inputs are converted to zod nodes
 * (zod/convert.ts), ordered so each is declared after what it uses
 * (zod/graph.ts), and printed (zod/print.ts, zod/layout.ts). Schemas on a
 * reference cycle get a written-out TypeScript type (zod/typescript.ts) and
 * the annotation `z.ZodType<T, TInput>`; their references to schemas not yet
 * initialised are read in z.object getters, or under z.lazy.
 *
 * Unsupported keywords are reported as TW2xxx warnings with their JSON
 * pointer (zod/diagnostics.ts); nothing is dropped silently. Deliberate
 * differences from a JSON Schema validator, each chosen for what the schema
 * author meant or for what zod can express:
 * - oneOf is z.union: a value matching several branches is accepted (zod
 *   takes the first match). Real specs (GitHub's included) have overlapping
 *   oneOf branches that validators reject.
 * - Without `type`, the keywords decide it (`properties` → object).
 * - `objects: 'strict'` rejects undeclared keys that the schema allows.
 * - allOf of objects where one side has `additionalProperties: false` is
 *   closed over the union of all their properties, not one side's.
 * - `format` is asserted for the formats zod has (JSON Schema 2020-12 only
 *   annotates by default); z.uuid() requires an RFC 9562 variant.
 * - String lengths count UTF-16 code units (zod), not code points; z.int()
 *   stops at the safe-integer range.
 * - uniqueItems and min/maxProperties look at the parsed value: JSON text
 *   of each item (object key order matters), keys left after stripping.
 * - `default` applies to optional object properties only (parsed by zod when
 *   nested defaults are needed: `.prefault()`); one that does not fit the
 *   schema is dropped with TW2005.
 * - enum/const values are filtered by `type` and other constraints are not
 *   applied to them.
 */
import type { Diagnostic, JsonSchema } from '../ir/types.js';
import { NameRegistry, pascalCase, safeIdentifier } from './names.js';
import { type ConvertContext, convertSchema } from './zod/convert.js';
import { diagnosticSink, ZodDiagnosticCode } from './zod/diagnostics.js';
import { parseRef, pointerString, ROOT, SchemaDocument } from './zod/document.js';
import { isCyclic, postOrder, stronglyConnected } from './zod/graph.js';
import { layout } from './zod/layout.js';
import { type ObjectMode, UNKNOWN, walkNodes, type ZodNode } from './zod/nodes.js';
import { printDeclaration } from './zod/print.js';
import { printType, type TypeMode, unguardedRefs } from './zod/typescript.js';

export type { ObjectMode } from './zod/nodes.js';

export interface ZodSchemaInput {
  /** Name of the exported const (and type); must be a valid identifier, unique in the module. */
  exportName: string;
  /** The schema; may carry `$defs`/`definitions` referred to as `#/$defs/X` / `#/definitions/X`. */
  schema: JsonSchema;
  /** Written as a doc comment on the export (not into the schema). */
  description?: string;
  /**
   * What objects without `additionalProperties` do with undeclared keys:
   * `strip` (default; z.object drops them), `strict` (rejected; for tool
   * inputs), `loose` (kept). `additionalProperties` in the schema wins.
   */
  objects?: ObjectMode;
  /**
   * What a string marked `x-ts-type: "Date"` (a TypeScript `Date`, sent as an
   * ISO date-time) becomes: `parse` (for tool inputs) checks the string and
   * hands the function a `Date`; `string` (default; for results, which the
   * runtime turns into JSON before checking) checks the ISO string.
   */
  dates?: DateMode;
}

export type DateMode = 'parse' | 'string';

export interface ZodEmitOptions {
  /** Prepended verbatim (e.g. the shared generated-file header). */
  header?: string;
  /** Module specifier zod is imported from (default `zod`). */
  runtimeImport?: string;
}

export interface ZodModule {
  code: string;
  diagnostics: Diagnostic[];
}

/** Names a value declaration may not take: `z`, and the globals the emitted code calls. */
const RESERVED_VALUES = ['z', 'JSON', 'Object', 'RegExp', 'Set'];

interface ModuleSchema {
  id: number;
  kind: 'export' | 'def';
  /** The input whose document it was read from (the first, for shared definitions). */
  input: number;
  localId: string;
  defName?: string;
  schema: unknown;
  name: string;
  node?: ZodNode;
  converting: boolean;
  /** Module schemas its expression refers to, in order of first reference. */
  edges: number[];
}

/**
 * Emits one TypeScript module with a named zod 4 schema per input.
 *
 * @example
 * const { code, diagnostics } = emitZodModule([
 *   { exportName: 'ListIssuesInput', schema: tool.input, objects: 'strict' },
 * ], { header });
 */
export function emitZodModule(schemas: ZodSchemaInput[], options: ZodEmitOptions = {}): ZodModule {
  const diagnostics: Diagnostic[] = [];
  const nodes: ModuleSchema[] = [];
  const documents: { doc: SchemaDocument; ids: Map<string, number>; input: ZodSchemaInput }[] = [];
  const byKey = new Map<string, number>();

  // 1. Documents, and one module schema per export and per distinct definition.
  schemas.forEach((input, index) => {
    const mode = input.objects ?? 'strip';
    const doc = new SchemaDocument(input.schema, `${mode}/${input.dates ?? 'string'}`);
    const ids = new Map<string, number>();
    for (const local of doc.locals.values()) {
      if (local.id === ROOT) {
        ids.set(ROOT, nodes.length);
        nodes.push({ id: nodes.length, kind: 'export', input: index, localId: ROOT, schema: local.schema, name: '', converting: false, edges: [] });
        continue;
      }
      let id = byKey.get(local.key);
      if (id === undefined) {
        id = nodes.length;
        byKey.set(local.key, id);
        nodes.push({ id, kind: 'def', input: index, localId: local.id, defName: local.name!, schema: local.schema, name: '', converting: false, edges: [] });
      }
      ids.set(local.id, id);
    }
    documents.push({ doc, ids, input });
  });

  // 2. Convert what the exports reach.
  const convert = (node: ModuleSchema): ZodNode | undefined => {
    if (node.node) return node.node;
    if (node.converting) return undefined;
    node.converting = true;
    const { doc, ids, input } = documents[node.input]!;
    const sink = diagnosticSink(diagnostics, input.exportName);
    const edges = new Set<number>();
    const inlining: string[] = [];
    const ctx: ConvertContext = {
      mode: input.objects ?? 'strip',
      dates: input.dates ?? 'string',
      sink,
      resolveRef(ref, pointer) {
        const parsed = parseRef(ref);
        if (parsed.kind === 'external') {
          sink.warn(
            ZodDiagnosticCode.externalRef,
            pointer,
            `The $ref ${JSON.stringify(ref)} points to another document; emitted z.unknown().`,
            'Bundle the schema so every $ref is local (#/$defs/...).',
          );
          return UNKNOWN;
        }
        const named = doc.named(ref);
        if (named) {
          const target = ids.get(named.id)!;
          edges.add(target);
          return { kind: 'ref', target };
        }
        const value = doc.resolve(ref);
        if (parsed.kind === 'invalid' || value === undefined) {
          sink.warn(
            ZodDiagnosticCode.unresolvedRef,
            pointer,
            `The $ref ${JSON.stringify(ref)} does not resolve in this schema; emitted z.unknown().`,
            'Point it at an entry of $defs.',
          );
          return UNKNOWN;
        }
        // A pointer into a definition (e.g. #/$defs/X/properties/y): converted in place.
        const at = pointerString(parsed.kind === 'local' ? parsed.pointer : []);
        if (inlining.includes(at)) {
          sink.warn(
            ZodDiagnosticCode.unsupportedCycle,
            pointer,
            `The $ref ${JSON.stringify(ref)} is part of a cycle that does not go through $defs; the cycle is cut with z.unknown().`,
            'Move the recursive schema into $defs and refer to it as #/$defs/Name.',
          );
          return UNKNOWN;
        }
        inlining.push(at);
        const converted = convertSchema(value, at, ctx);
        inlining.pop();
        return converted;
      },
      peekRef(ref) {
        const local = doc.localOf(ref);
        if (local === undefined || doc.locals.get(local)?.cyclic) return undefined;
        return doc.resolve(ref);
      },
      refNode(target) {
        const targetNode = nodes[target];
        return targetNode ? convert(targetNode) : undefined;
      },
    };
    node.node = convertSchema(node.schema, node.localId, ctx);
    node.edges = [...edges];
    node.converting = false;
    return node.node;
  };
  const queue = nodes.filter((n) => n.kind === 'export');
  const reached = new Set<number>(queue.map((n) => n.id));
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    convert(node);
    for (const target of node.edges) {
      if (reached.has(target)) continue;
      reached.add(target);
      queue.push(nodes[target]!);
    }
  }
  const emitted = nodes.filter((n) => reached.has(n.id));

  // 3. Names: exports keep theirs; definitions get PascalCase, suffixed on collision.
  const values = new NameRegistry(RESERVED_VALUES);
  for (const node of emitted) {
    if (node.kind !== 'export') continue;
    const wanted = schemas[node.input]!.exportName;
    node.name = values.claim(wanted);
    if (node.name !== wanted) {
      diagnostics.push({
        code: ZodDiagnosticCode.invalidExportName,
        severity: 'error',
        message:
          safeIdentifier(wanted) === wanted
            ? `The export name ${JSON.stringify(wanted)} is used twice (or is reserved); it was emitted as ${node.name}.`
            : `The export name ${JSON.stringify(wanted)} is not a valid identifier; it was emitted as ${node.name}.`,
        hint: 'Give every schema input a distinct identifier as exportName.',
        subject: wanted,
      });
    }
  }
  for (const node of emitted) if (node.kind === 'def') node.name = values.claim(pascalCase(node.defName!));

  // 4. Declaration order: definitions by name, then exports in input order,
  // each after what it refers to (depth-first post-order); cycles found by Tarjan.
  const index = new Map(emitted.map((n, i) => [n.id, i]));
  const edgesOf = emitted.map((n) => n.edges.map((t) => index.get(t)!));
  const components = stronglyConnected(emitted.length, (v) => edgesOf[v]!);
  const defsByName = emitted
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.kind === 'def')
    .sort((a, b) => compare(a.n.name, b.n.name))
    .map(({ i }) => i);
  const exports = emitted
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.kind === 'export')
    .map(({ i }) => i);
  const order = postOrder([...defsByName, ...exports], (v) => edgesOf[v]!, emitted.length);
  const position = new Array<number>(emitted.length);
  order.forEach((v, p) => {
    position[v] = p;
  });
  const recursive = emitted.map((_, v) => isCyclic(v, components, (u) => edgesOf[u]!));
  // A cycle of references that never passes through an object, array, tuple
  // or record (e.g. `A = B | string`, `B = A | number`) would be a circular
  // type alias; such references are typed `unknown` (see typescript.ts).
  const unguarded = emitted.map((n, v) => (recursive[v] ? unguardedRefs(n.node!).map((t) => index.get(t)!) : []));
  const bare = stronglyConnected(emitted.length, (v) => unguarded[v]!);
  const circularAlias = (from: number, to: number) => bare.component[from] === bare.component[to] && isCyclic(from, bare, (u) => unguarded[u]!);

  // 5. Type names: recursive schemas and exports take their value name. A
  // recursive schema gets a separate input type when its input differs from
  // its output (a default, directly or through a recursive schema it uses).
  const types = new Set<string>(['z']);
  const typeName = new Array<string | undefined>(emitted.length);
  for (const v of order) {
    const n = emitted[v]!;
    if ((recursive[v] || n.kind === 'export') && !types.has(n.name)) {
      types.add(n.name);
      typeName[v] = n.name;
    }
  }
  // A schema's input type differs from its output type when a default is
  // applied in it or in anything it refers to (directly or not).
  const inputDiffers = emitted.map((n) => hasDefault(n.node!));
  const referrers = emitted.map(() => [] as number[]);
  edgesOf.forEach((targets, v) => {
    for (const t of targets) referrers[t]!.push(v);
  });
  const pending = inputDiffers.flatMap((d, v) => (d ? [v] : []));
  while (pending.length) {
    for (const r of referrers[pending.pop()!]!) {
      if (!inputDiffers[r]) {
        inputDiffers[r] = true;
        pending.push(r);
      }
    }
  }
  const valueNames = new Set(emitted.map((n) => n.name));
  const inputTypeName = new Array<string | undefined>(emitted.length);
  for (const v of order) {
    if (!recursive[v] || !inputDiffers[v]) continue;
    let candidate = `${typeName[v]}Input`;
    for (let i = 2; types.has(candidate) || valueNames.has(candidate); i++) candidate = `${typeName[v]}Input${i}`;
    types.add(candidate);
    inputTypeName[v] = candidate;
  }
  const typeCtx = (from: number) => ({
    typeOf(target: number, mode: TypeMode, guarded: boolean): string {
      const v = index.get(target)!;
      if (!guarded && circularAlias(from, v)) return 'unknown';
      if (recursive[v]) return mode === 'input' ? (inputTypeName[v] ?? typeName[v]!) : typeName[v]!;
      return `z.${inputDiffers[v] ? mode : 'output'}<typeof ${emitted[v]!.name}>`;
    },
  });

  // 6. Print.
  const out: string[] = [];
  if (options.header) out.push(options.header.endsWith('\n') ? options.header : `${options.header}\n`, '\n');
  out.push(`import { z } from ${JSON.stringify(options.runtimeImport ?? 'zod')};\n`);
  for (const v of order) {
    const n = emitted[v]!;
    const lines: string[] = [''];
    const input = n.kind === 'export' ? schemas[n.input]! : undefined;
    if (input?.description) lines.push(docComment(input.description));
    const expression = printDeclaration(n.node!, {
      name: (target) => emitted[index.get(target)!]!.name,
      deferred: (target) => {
        const t = index.get(target)!;
        return components.component[t] === components.component[v] && position[t]! >= position[v]!;
      },
    });
    if (recursive[v]) {
      const name = typeName[v]!;
      lines.push(`export type ${name} = ${layout(printType(n.node!, 'output', typeCtx(v)), 0, `export type ${name} = `.length)};`);
      const inputName = inputTypeName[v];
      if (inputName) lines.push(`export type ${inputName} = ${layout(printType(n.node!, 'input', typeCtx(v)), 0, `export type ${inputName} = `.length)};`);
      const annotation = `z.ZodType<${name}, ${inputName ?? name}>`;
      const head = `export const ${n.name}: ${annotation} = `;
      lines.push(`${head}${layout(expression, 0, head.length)};`);
    } else {
      const head = `export const ${n.name} = `;
      lines.push(`${head}${layout(expression, 0, head.length)};`);
      if (n.kind === 'export' && typeName[v] === n.name) lines.push(`export type ${n.name} = z.output<typeof ${n.name}>;`);
    }
    out.push(`${lines.join('\n')}\n`);
  }
  return { code: out.join(''), diagnostics };
}

export interface ZodExpressionContext {
  /** Object mode (see ZodSchemaInput.objects); default `strip`. */
  objects?: ObjectMode;
  /** Date mode (see ZodSchemaInput.dates); default `string`. */
  dates?: DateMode;
  /** Receives the warnings; without it they are dropped. */
  diagnostics?: Diagnostic[];
  /** Export or tool name put on the diagnostics. */
  subject?: string;
  /** JSON pointer of the schema, for diagnostics (default `#`). */
  pointer?: string;
  /** Maps a `$ref` to an identifier in scope; other local refs are converted in place. */
  resolveRef?: (ref: string) => string | undefined;
}

/**
 * One schema as a zod 4 expression, for tests and inline use. Local `$ref`s
 * are converted in place (a cycle is cut with z.unknown() and a TW2009
 * warning: use emitZodModule for recursive schemas).
 *
 * @example
 * jsonSchemaToZodExpression({ type: 'string', minLength: 1 }) // 'z.string().min(1)'
 */
export function jsonSchemaToZodExpression(schema: JsonSchema | boolean, ctx: ZodExpressionContext = {}): string {
  const sink = diagnosticSink(ctx.diagnostics ?? [], ctx.subject);
  const doc = new SchemaDocument(schema, '');
  const inlining: string[] = [];
  const convertCtx: ConvertContext = {
    mode: ctx.objects ?? 'strip',
    dates: ctx.dates ?? 'string',
    sink,
    resolveRef(ref, pointer) {
      const name = ctx.resolveRef?.(ref);
      if (name !== undefined) return { kind: 'identifier', name };
      const parsed = parseRef(ref);
      const value = parsed.kind === 'local' ? doc.resolve(ref) : undefined;
      if (parsed.kind !== 'local' || value === undefined) {
        const external = parsed.kind === 'external';
        sink.warn(
          external ? ZodDiagnosticCode.externalRef : ZodDiagnosticCode.unresolvedRef,
          pointer,
          `The $ref ${JSON.stringify(ref)} ${external ? 'points to another document' : 'does not resolve in this schema'}; emitted z.unknown().`,
        );
        return UNKNOWN;
      }
      const at = pointerString(parsed.pointer);
      if (inlining.includes(at)) {
        sink.warn(
          ZodDiagnosticCode.unsupportedCycle,
          pointer,
          `The $ref ${JSON.stringify(ref)} is recursive; the cycle is cut with z.unknown().`,
          'Use emitZodModule for recursive schemas.',
        );
        return UNKNOWN;
      }
      inlining.push(at);
      const converted = convertSchema(value, at, convertCtx);
      inlining.pop();
      return converted;
    },
    peekRef(ref) {
      const local = doc.localOf(ref);
      if (local === undefined || doc.locals.get(local)?.cyclic) return undefined;
      return doc.resolve(ref);
    },
  };
  return layout(printDeclaration(convertSchema(schema, ctx.pointer ?? ROOT, convertCtx)));
}

/** A doc comment from untrusted text: `*\/` cannot end it early. */
function docComment(text: string): string {
  const lines = text.replace(/\*\//g, '*\\/').split(/\r?\n/);
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n');
}

function hasDefault(node: ZodNode): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (n.kind === 'object' && n.properties.some((p) => p.default !== undefined)) found = true;
  });
  return found;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
