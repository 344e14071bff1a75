/**
 * zod nodes → TypeScript type, for schemas in a reference cycle.
 *
 * TypeScript cannot infer the type of a const whose initialiser refers to
 * itself, so such schemas are declared `z.ZodType<T, TInput>` with T and
 * TInput written out here. Both type parameters of z.ZodType are covariant,
 * so the annotation type-checks as long as the written type is a supertype
 * of what zod infers; every rule below is exact, and anything this printer
 * is unsure of would be written `unknown` (always a supertype).
 */
import { concat, type Doc, list } from './layout.js';
import { walkNodes, type ZodNode } from './nodes.js';
import { propertyKey } from './print.js';

export type TypeMode = 'output' | 'input';

export interface TypeContext {
  /**
   * The type of a module schema: its declared type name, or `z.output<typeof X>`.
   * `guarded`: the reference sits inside an object, array, tuple or record
   * type (TypeScript resolves a type alias cycle only through those).
   */
  typeOf(target: number, mode: TypeMode, guarded: boolean): string;
}

/** Precedence of the printed type: unions bind loosest. */
const Prec = { Union: 0, Intersection: 1, Primary: 2 } as const;
type Prec = (typeof Prec)[keyof typeof Prec];

interface Printed {
  doc: Doc;
  prec: Prec;
}

export function printType(node: ZodNode, mode: TypeMode, ctx: TypeContext): Doc {
  return type(node, mode, ctx, false).doc;
}

/** Module schemas `node` refers to outside any object, array, tuple or record. */
export function unguardedRefs(node: ZodNode): number[] {
  switch (node.kind) {
    case 'ref':
      return [node.target];
    case 'union':
      return node.options.flatMap(unguardedRefs);
    case 'intersection':
      return node.parts.flatMap(unguardedRefs);
    case 'nullable':
    case 'refine':
    case 'describe':
      return unguardedRefs(node.inner);
    default:
      return [];
  }
}

function primary(doc: Doc): Printed {
  return { doc, prec: Prec.Primary };
}

function wrap(printed: Printed, min: Prec): Doc {
  return printed.prec < min ? concat('(', printed.doc, ')') : printed.doc;
}

function union(members: Printed[]): Printed {
  if (members.length === 1) return members[0]!;
  const parts: Doc[] = [];
  for (const [i, m] of members.entries()) parts.push(...(i > 0 ? [' | '] : []), m.doc);
  return { doc: concat(...parts), prec: Prec.Union };
}

function type(node: ZodNode, mode: TypeMode, ctx: TypeContext, guarded: boolean): Printed {
  switch (node.kind) {
    case 'string':
      return primary('string');
    case 'number':
      return primary('number');
    case 'boolean':
      return primary('boolean');
    case 'null':
      return primary('null');
    case 'unknown':
      return primary('unknown');
    case 'never':
      return primary('never');
    case 'literal':
      return primary(JSON.stringify(node.value));
    case 'enum':
      return union(node.values.map((v) => primary(JSON.stringify(v))));
    case 'array':
      return primary(concat(wrap(type(node.items, mode, ctx, true), Prec.Primary), '[]'));
    case 'tuple': {
      if (node.required < node.items.length && containsRef(node)) {
        // TypeScript reports some recursive aliases through optional tuple
        // elements as circular (e.g. `type T = [[T?]?] | string`); the array
        // of all element types is a supertype that always resolves.
        const elements = [...node.items, ...(node.rest ? [node.rest] : [])].map((item) => type(item, mode, ctx, true));
        return primary(concat('(', union([...elements, primary('undefined')]).doc, ')[]'));
      }
      const items: Doc[] = node.items.map((item, i) => {
        const printed = type(item, mode, ctx, true);
        return i >= node.required ? concat('(', printed.doc, ' | undefined)?') : printed.doc;
      });
      if (node.rest) items.push(concat('...', wrap(type(node.rest, mode, ctx, true), Prec.Primary), '[]'));
      return primary(list('[', ']', items));
    }
    case 'object': {
      const members: Doc[] = node.properties.map((prop) => {
        const value = type(prop.value, mode, ctx, true);
        const optional = prop.default !== undefined ? mode === 'input' : prop.optional;
        return optional ? concat(propertyKey(prop.key), '?: ', wrap(value, Prec.Union), ' | undefined') : concat(propertyKey(prop.key), ': ', value.doc);
      });
      if (node.catchall || node.mode === 'loose') members.push('[key: string]: unknown');
      return primary(list('{', '}', members, { pad: true, separator: ';', forceBreak: node.properties.length > 0 }));
    }
    case 'record':
      return primary(concat('{ [key: string]: ', type(node.values, mode, ctx, true).doc, ' }'));
    case 'union':
      return union(node.options.map((o) => type(o, mode, ctx, guarded)));
    case 'intersection': {
      const parts: Doc[] = [];
      for (const [i, p] of node.parts.entries()) parts.push(...(i > 0 ? [' & '] : []), wrap(type(p, mode, ctx, guarded), Prec.Intersection));
      return { doc: concat(...parts), prec: Prec.Intersection };
    }
    case 'ref':
      return primary(ctx.typeOf(node.target, mode, guarded));
    case 'identifier':
      return primary(`z.${mode}<typeof ${node.name}>`);
    case 'nullable':
      return union([type(node.inner, mode, ctx, guarded), primary('null')]);
    case 'refine':
    case 'describe':
      return type(node.inner, mode, ctx, guarded);
  }
}

function containsRef(node: ZodNode): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (n.kind === 'ref') found = true;
  });
  return found;
}
