/**
 * The zod schema tree: what the emitter means to write, before it is printed.
 *
 * JSON Schema keywords are read once (convert.ts) into these nodes; two
 * printers then read the nodes: one writes the zod expression (print.ts),
 * the other the matching TypeScript type for recursive schemas (typescript.ts).
 * Keeping both printers on one tree is what keeps the annotation
 * `z.ZodType<Node, NodeInput>` true to the expression it annotates.
 */

/** What a z.object does with keys it does not declare: reject, drop, or keep. */
export type ObjectMode = 'strict' | 'strip' | 'loose';

/** String formats with a dedicated zod 4 schema. */
export type StringFormat = 'date-time' | 'date' | 'email' | 'url' | 'uuid' | 'ipv4' | 'ipv6';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

export type StringCheck = { check: 'min' | 'max' | 'length'; value: number } | { check: 'regex'; source: string; flags: string };

export interface NumberCheck {
  check: 'min' | 'max' | 'gt' | 'lt' | 'multipleOf';
  value: number;
}

export interface ZodProperty {
  key: string;
  value: ZodNode;
  /** Not in `required`: the key may be absent. */
  optional: boolean;
  /** `default` of an optional property: absent input becomes this value (checked to fit the schema). */
  default?: JsonValue;
  /**
   * The default is a valid input but not yet a valid output (e.g. `{}` for an
   * object whose properties have defaults of their own): printed as
   * `.prefault()`, which parses it, instead of `.default()`, which does not.
   */
  prefault?: boolean;
}

/** A refinement zod has no built-in check for; printed as `.refine(...)`. */
export type Refinement = { refine: 'uniqueItems' } | { refine: 'minProperties' | 'maxProperties'; value: number };

export type ZodNode =
  /** `toDate`: a `date-time` string handed on as a `Date` (see ZodSchemaInput.dates). */
  | { kind: 'string'; format?: StringFormat; checks: StringCheck[]; toDate?: true }
  | { kind: 'number'; integer: boolean; checks: NumberCheck[] }
  | { kind: 'boolean' }
  | { kind: 'null' }
  | { kind: 'unknown' }
  | { kind: 'never' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; items: ZodNode; minItems?: number; maxItems?: number }
  /** Items from `required` index on are optional; `rest` absent means no further items. */
  | { kind: 'tuple'; items: ZodNode[]; required: number; rest?: ZodNode; minItems?: number; maxItems?: number }
  | { kind: 'object'; properties: ZodProperty[]; mode: ObjectMode; catchall?: ZodNode }
  | { kind: 'record'; values: ZodNode }
  | { kind: 'union'; options: ZodNode[]; discriminator?: string }
  | { kind: 'intersection'; parts: ZodNode[] }
  /** Another schema of the module, by node id (see zod.ts). */
  | { kind: 'ref'; target: number }
  /** An identifier the caller of jsonSchemaToZodExpression resolved a `$ref` to. */
  | { kind: 'identifier'; name: string }
  | { kind: 'nullable'; inner: ZodNode }
  | { kind: 'refine'; inner: ZodNode; refinement: Refinement }
  | { kind: 'describe'; inner: ZodNode; description?: string; deprecated?: boolean };

export const UNKNOWN: ZodNode = { kind: 'unknown' };
export const NEVER: ZodNode = { kind: 'never' };

/** Calls `visit` on every node of the tree, parents first. */
export function walkNodes(node: ZodNode, visit: (node: ZodNode) => void): void {
  visit(node);
  for (const child of children(node)) walkNodes(child, visit);
}

export function children(node: ZodNode): ZodNode[] {
  switch (node.kind) {
    case 'array':
      return [node.items];
    case 'tuple':
      return node.rest ? [...node.items, node.rest] : node.items;
    case 'object':
      return node.catchall ? [...node.properties.map((p) => p.value), node.catchall] : node.properties.map((p) => p.value);
    case 'record':
      return [node.values];
    case 'union':
      return node.options;
    case 'intersection':
      return node.parts;
    case 'nullable':
    case 'refine':
    case 'describe':
      return [node.inner];
    default:
      return [];
  }
}
