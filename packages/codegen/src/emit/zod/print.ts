/**
 * zod nodes → zod 4 expression (as a layout document).
 *
 * Every piece of schema text (descriptions, patterns, enum values, keys,
 * defaults) reaches the output through JSON.stringify or `propertyKey`; the
 * rest is fixed zod API text and identifiers handed out by the module
 * emitter.
 */
import { chain, concat, type Doc, getter, list } from './layout.js';
import type { JsonValue, NumberCheck, StringCheck, StringFormat, ZodNode, ZodProperty } from './nodes.js';

export interface PrintContext {
  /** Identifier of a module schema. */
  name(target: number): string;
  /**
   * Whether a reference must not be evaluated while the current declaration
   * initialises (the target is this declaration or declared after it, in
   * the same reference cycle). Such a reference is read in a getter inside
   * z.object, or the declaration is wrapped in z.lazy.
   */
  deferred(target: number): boolean;
}

const NO_REFS: PrintContext = {
  name: (target) => {
    throw new Error(`print: no name for schema #${target}`);
  },
  deferred: () => false,
};

/** The expression of one declaration: z.lazy around it when a deferred reference could not go into a getter. */
export function printDeclaration(node: ZodNode, ctx: PrintContext = NO_REFS): Doc {
  const { doc, eager } = expression(node, ctx);
  return eager ? concat('z.lazy(() => ', doc, ')') : doc;
}

interface Printed {
  doc: Doc;
  /** Evaluates a deferred reference on construction. */
  eager: boolean;
}

const STRING_HEADS: Record<StringFormat, string> = {
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  email: 'z.email()',
  url: 'z.url()',
  uuid: 'z.uuid()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

const num = (value: number): string => JSON.stringify(value);
const str = (value: string): string => JSON.stringify(value);

function expression(node: ZodNode, ctx: PrintContext): Printed {
  const plain = (doc: Doc): Printed => ({ doc, eager: false });
  switch (node.kind) {
    case 'string':
      return plain(
        chain(
          node.format ? STRING_HEADS[node.format] : 'z.string()',
          ...node.checks.map(stringCheck),
          ...(node.toDate ? ['.transform((value) => new Date(value))'] : []),
        ),
      );
    case 'number':
      return plain(chain(node.integer ? 'z.int()' : 'z.number()', ...node.checks.map(numberCheck)));
    case 'boolean':
      return plain('z.boolean()');
    case 'null':
      return plain('z.null()');
    case 'unknown':
      return plain('z.unknown()');
    case 'never':
      return plain('z.never()');
    case 'literal':
      return plain(`z.literal(${JSON.stringify(node.value)})`);
    case 'enum':
      return plain(concat('z.enum(', list('[', ']', node.values.map(str)), ')'));
    case 'array': {
      const items = expression(node.items, ctx);
      const calls: Doc[] = [];
      if (node.minItems !== undefined) calls.push(`.min(${num(node.minItems)})`);
      if (node.maxItems !== undefined) calls.push(`.max(${num(node.maxItems)})`);
      return { doc: chain(concat('z.array(', items.doc, ')'), ...calls), eager: items.eager };
    }
    case 'tuple': {
      const items = node.items.map((item, i) => {
        const printed = expression(item, ctx);
        return i >= node.required ? { doc: chain(printed.doc, '.optional()'), eager: printed.eager } : printed;
      });
      const rest = node.rest ? expression(node.rest, ctx) : undefined;
      const itemList = list(
        '[',
        ']',
        items.map((i) => i.doc),
      );
      const head = rest ? concat('z.tuple', list('(', ')', [itemList, rest.doc])) : concat('z.tuple(', itemList, ')');
      const calls: Doc[] = [];
      if (node.minItems !== undefined) calls.push(`.check(z.minLength(${num(node.minItems)}))`);
      if (node.maxItems !== undefined) calls.push(`.check(z.maxLength(${num(node.maxItems)}))`);
      return { doc: chain(head, ...calls), eager: items.some((i) => i.eager) || (rest?.eager ?? false) };
    }
    case 'object': {
      const head = node.mode === 'strict' ? 'z.strictObject(' : node.mode === 'loose' ? 'z.looseObject(' : 'z.object(';
      const shape = list(
        '{',
        '}',
        node.properties.map((p) => property(p, ctx)),
        { pad: true, forceBreak: node.properties.length > 0 },
      );
      const catchall = node.catchall ? expression(node.catchall, ctx) : undefined;
      const doc = concat(head, shape, ')');
      return catchall ? { doc: chain(doc, concat('.catchall(', catchall.doc, ')')), eager: catchall.eager } : plain(doc);
    }
    case 'record': {
      const values = expression(node.values, ctx);
      return { doc: concat('z.record(z.string(), ', values.doc, ')'), eager: values.eager };
    }
    case 'union': {
      const options = node.options.map((o) => expression(o, ctx));
      const items = list(
        '[',
        ']',
        options.map((o) => o.doc),
      );
      const doc = node.discriminator !== undefined ? concat(`z.discriminatedUnion(${str(node.discriminator)}, `, items, ')') : concat('z.union(', items, ')');
      return { doc, eager: options.some((o) => o.eager) };
    }
    case 'intersection': {
      const parts = node.parts.map((p) => expression(p, ctx));
      let doc = parts[0]!.doc;
      for (const part of parts.slice(1)) doc = concat('z.intersection', list('(', ')', [doc, part.doc]));
      return { doc, eager: parts.some((p) => p.eager) };
    }
    case 'ref':
      return { doc: ctx.name(node.target), eager: ctx.deferred(node.target) };
    case 'identifier':
      return plain(node.name);
    case 'nullable': {
      const inner = expression(node.inner, ctx);
      return { doc: chain(inner.doc, '.nullable()'), eager: inner.eager };
    }
    case 'refine': {
      const inner = expression(node.inner, ctx);
      return { doc: chain(inner.doc, refinement(node)), eager: inner.eager };
    }
    case 'describe': {
      const inner = expression(node.inner, ctx);
      return { doc: chain(inner.doc, ...describeCall(node)), eager: inner.eager };
    }
  }
}

function stringCheck(check: StringCheck): string {
  if (check.check === 'regex') return `.regex(new RegExp(${str(check.source)}${check.flags ? `, ${str(check.flags)}` : ''}))`;
  return `.${check.check}(${num(check.value)})`;
}

function numberCheck(check: NumberCheck): string {
  return `.${check.check}(${num(check.value)})`;
}

function refinement(node: Extract<ZodNode, { kind: 'refine' }>): string {
  const r = node.refinement;
  switch (r.refine) {
    case 'uniqueItems':
      // JSON text as the identity of an item: equal primitives collide; objects compare by content in key order.
      return `.refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, ${str('Items must be unique')})`;
    case 'minProperties':
      return `.refine((value) => Object.keys(value).length >= ${num(r.value)}, ${str(`Expected at least ${r.value} ${r.value === 1 ? 'property' : 'properties'}`)})`;
    case 'maxProperties':
      return `.refine((value) => Object.keys(value).length <= ${num(r.value)}, ${str(`Expected at most ${r.value} ${r.value === 1 ? 'property' : 'properties'}`)})`;
  }
}

function describeCall(node: Extract<ZodNode, { kind: 'describe' }>): Doc[] {
  if (node.deprecated) {
    const fields = node.description !== undefined ? `description: ${str(node.description)}, deprecated: true` : 'deprecated: true';
    return [`.meta({ ${fields} })`];
  }
  return node.description !== undefined ? [`.describe(${str(node.description)})`] : [];
}

/** A shape entry: `key: schema`, with `.optional()`/`.default()` before the description; a getter when it holds a deferred reference. */
function property(prop: ZodProperty, ctx: PrintContext): Doc {
  const described = prop.value.kind === 'describe' ? prop.value : undefined;
  const printed = expression(described ? described.inner : prop.value, ctx);
  const calls: Doc[] = [];
  if (prop.default !== undefined) calls.push(concat(prop.prefault ? '.prefault(' : '.default(', literal(prop.default), ')'));
  else if (prop.optional) calls.push('.optional()');
  if (described) calls.push(...describeCall(described));
  const value = chain(printed.doc, ...calls);
  const key = propertyKey(prop.key);
  return printed.eager ? getter(`get ${key}()`, value) : concat(key, ': ', value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * An object-literal key. `__proto__` is written computed: as a plain key in
 * an object literal it would set the prototype instead of a property.
 */
export function propertyKey(key: string): string {
  if (key === '__proto__') return `[${str(key)}]`;
  return IDENTIFIER.test(key) ? key : str(key);
}

/** A JSON value as a JavaScript literal. */
export function literal(value: JsonValue): Doc {
  if (Array.isArray(value)) return list('[', ']', value.map(literal));
  if (value !== null && typeof value === 'object') {
    return list(
      '{',
      '}',
      Object.entries(value).map(([k, v]) => concat(propertyKey(k), ': ', literal(v))),
      { pad: true },
    );
  }
  return JSON.stringify(value);
}
