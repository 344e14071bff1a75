/**
 * Types a tool cannot take or return: what JSON (and so JSON Schema) cannot
 * carry. typescript-json-schema turns many of them into `{}` or drops them
 * without a word (a function-typed property, a Map, `any`); this walk finds
 * them first so each becomes an error that names the place and says what to
 * write instead.
 */
import { ts } from 'ts-morph';
import { Code, type FunctionsCode } from './diagnostics.js';

export interface TypeProblem {
  code: FunctionsCode;
  /** What is wrong, starting with the path: "`filter.meta` is `any`". */
  detail: string;
  hint: string;
  /** Where to point: the property's declaration when it is in the project, else the parameter or return type. */
  node: ts.Node;
}

export interface WalkOptions {
  checker: ts.TypeChecker;
  /** Path of the value for messages, e.g. `filter` or `result`. */
  path: string;
  /** Default location of problems. */
  node: ts.Node;
}

/** Nesting beyond this many distinct object types means a type that keeps expanding (`Box<T> { inner: Box<Box<T>> }`). */
const MAX_DEPTH = 40;

const METHOD_HINTS: Record<string, string> = {
  Map: 'Use Record<string, V> (a JSON object) or an array of { key, value } objects.',
  ReadonlyMap: 'Use Record<string, V> (a JSON object) or an array of { key, value } objects.',
  Set: 'Use an array (add {@uniqueItems} to say the items are distinct).',
  ReadonlySet: 'Use an array (add {@uniqueItems} to say the items are distinct).',
  Promise: 'Await it: take or return the value itself.',
  Uint8Array: 'Use a base64 string ({@contentEncoding base64}) for bytes.',
  Buffer: 'Use a base64 string ({@contentEncoding base64}) for bytes.',
  ArrayBuffer: 'Use a base64 string ({@contentEncoding base64}) for bytes.',
  RegExp: 'Use a string holding the pattern.',
  URL: 'Use a string with {@format uri}.',
  Error: 'Throw errors; return plain data.',
};

export function findUnsupportedTypes(type: ts.Type, options: WalkOptions): TypeProblem[] {
  const { checker } = options;
  const problems: TypeProblem[] = [];
  const seen = new Set<ts.Type>();
  const stack: ts.Type[] = [];
  const report = (code: FunctionsCode, path: string, what: string, hint: string, node: ts.Node) =>
    problems.push({ code, detail: `\`${shorten(path)}\` ${what}`, hint, node });

  const walk = (t: ts.Type, path: string, node: ts.Node, inContainer: boolean): void => {
    const flags = t.flags;
    if (flags & ts.TypeFlags.Any) {
      if ((t as { intrinsicName?: string }).intrinsicName === 'error') {
        report(
          Code.UnresolvedType,
          path,
          'has a type TypeScript could not resolve',
          'Check that the type is imported and spelled right (run tsc to see the error).',
          node,
        );
      } else {
        report(Code.AnyType, path, 'is `any`, which JSON Schema cannot describe', anyHint(path), node);
      }
      return;
    }
    if (flags & ts.TypeFlags.Unknown) {
      // `unknown[]` and `Record<string, unknown>` say "any JSON value" on purpose; a bare `unknown` field says nothing.
      if (!inContainer) report(Code.AnyType, path, 'is `unknown`, which tells the model nothing about what to send', anyHint(path), node);
      return;
    }
    if (flags & ts.TypeFlags.TypeParameter) {
      report(
        Code.UnboundGeneric,
        path,
        `is the type parameter ${checker.typeToString(t)}, which has no schema until a caller picks a type`,
        'Use the concrete type the tool works with, or export a non-generic wrapper: export const listIssues = (q: Query) => list<Issue>(q).',
        node,
      );
      return;
    }
    if (flags & (ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution)) {
      report(Code.UnboundGeneric, path, `has the type ${checker.typeToString(t)}, which depends on a type parameter`, 'Use a concrete type.', node);
      return;
    }
    if (flags & ts.TypeFlags.ESSymbolLike) {
      report(Code.SymbolKey, path, 'is a symbol, which JSON cannot carry', 'Use a string.', node);
      return;
    }
    if (flags & ts.TypeFlags.BigIntLike) {
      report(Code.BigInt, path, 'is a bigint, which JSON cannot carry', 'Use number, or a string of digits: {@pattern ^-?[0-9]+$}.', node);
      return;
    }
    if (flags & ts.TypeFlags.UnionOrIntersection) {
      // A union can be where a recursion closes (`type Json = … | Json[]`): walk each one once.
      if (stack.includes(t) || seen.has(t)) return;
      seen.add(t);
      stack.push(t);
      for (const member of (t as ts.UnionOrIntersectionType).types) walk(member, path, node, inContainer);
      stack.pop();
      return;
    }
    if (flags & ts.TypeFlags.Object) walkObject(t as ts.ObjectType, path, node);
  };

  const walkObject = (t: ts.ObjectType, path: string, node: ts.Node): void => {
    if (isDate(t)) return;
    if (checker.isArrayType(t) || checker.isTupleType(t)) {
      if (stack.includes(t) || seen.has(t)) return;
      seen.add(t);
      stack.push(t);
      const elements = checker.getTypeArguments(t as ts.TypeReference);
      if (checker.isArrayType(t)) walk(elements[0]!, `${path}[]`, node, true);
      else
        elements.forEach((element, i) => {
          walk(element, `${path}[${i}]`, node, true);
        });
      stack.pop();
      return;
    }
    if (t.getCallSignatures().length > 0) {
      report(
        Code.FunctionType,
        path,
        'is a function, which JSON cannot carry',
        'A tool receives and returns JSON data: take the data the callback would compute, or keep the callback in your own code and remove it from the signature.',
        node,
      );
      return;
    }
    if (t.getConstructSignatures().length > 0) {
      report(Code.FunctionType, path, 'is a class constructor, which JSON cannot carry', 'Take plain data and construct the object inside the function.', node);
      return;
    }
    if (stack.includes(t)) {
      if (!hasName(t)) {
        report(
          Code.AnonymousRecursion,
          path,
          'refers back to itself through a type with no name',
          'Give the recursive type a name (an interface or a type alias) so the schema can refer to it.',
          node,
        );
      }
      return;
    }
    if (stack.filter((entry) => entry.flags & ts.TypeFlags.Object).length >= MAX_DEPTH) {
      report(
        Code.AnonymousRecursion,
        path,
        `nests ${MAX_DEPTH} object types deep (${t.getSymbol()?.getName() ?? 'an object'} inside ${t.getSymbol()?.getName() ?? 'an object'} inside …); the type keeps expanding and has no finite schema`,
        'Make the recursion refer to the same type (interface Tree { children: Tree[] }), not a bigger one each level.',
        node,
      );
      return;
    }
    if (seen.has(t)) return;
    seen.add(t);

    const properties = checker.getPropertiesOfType(t);
    const methods = properties.filter((p) => p.flags & ts.SymbolFlags.Method);
    if (methods.length > 0) {
      const name = t.getSymbol()?.getName() ?? checker.typeToString(t);
      const listed = methods
        .slice(0, 3)
        .map((m) => `${m.getName()}()`)
        .join(', ');
      report(
        Code.HasMethods,
        path,
        `is ${name === '__type' || name === '__object' ? 'an object' : `an object of type ${name}`} with methods (${listed}${methods.length > 3 ? ', …' : ''}); JSON carries data only, so they would be lost`,
        METHOD_HINTS[name] ?? 'Use an interface that lists only the data fields; build the class instance inside the function.',
        node,
      );
      return;
    }
    stack.push(t);
    for (const property of properties) {
      const name = property.getName();
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const at = declaration && isProjectNode(declaration) ? declaration : node;
      if (name.startsWith('__@')) {
        report(Code.SymbolKey, path, `has a symbol-keyed property [${name.replace(/^__@|@\d+$/g, '')}], which JSON cannot carry`, 'Use string keys.', at);
        continue;
      }
      if (name.startsWith('__#')) continue; // an ES private field (#x): never serialised
      if (hasSchemaTag(property)) continue;
      walk(checker.getTypeOfSymbol(property), `${path}.${name}`, at, false);
    }
    for (const info of checker.getIndexInfosOfType(t)) {
      const at = info.declaration && isProjectNode(info.declaration) ? info.declaration : node;
      if (info.keyType.flags & ts.TypeFlags.ESSymbolLike) {
        report(Code.SymbolKey, path, 'has a symbol index signature, which JSON cannot carry', 'Use string keys.', at);
        continue;
      }
      walk(info.type, `${path}[key]`, at, true);
    }
    stack.pop();
  };

  walk(type, options.path, options.node, false);
  return problems;
}

/** `b.inner.inner.inner.inner.inner.inner` → `b.inner.inner.….inner`. */
function shorten(path: string): string {
  const parts = path.split('.');
  return parts.length > 6 ? [...parts.slice(0, 3), '…', parts.at(-1)].join('.') : path;
}

function anyHint(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return `Give \`${last}\` a concrete type (Record<string, unknown> for any JSON object, unknown[] for any list), or state its schema: {@schema {"type":"object"}} in its @param text, or @schema {"type":"object"} on an interface property.`;
}

export function isDate(t: ts.Type): boolean {
  const symbol = t.getSymbol();
  return symbol?.getName() === 'Date' && (symbol.declarations ?? []).some((d) => d.getSourceFile().hasNoDefaultLib);
}

/** A named type: an interface, class, enum or type alias (what tjs can put in `$defs` and refer to). */
export function hasName(t: ts.Type): boolean {
  if (t.aliasSymbol) return true;
  const symbol = t.getSymbol();
  if (!symbol || symbol.getName() === '__type' || symbol.getName() === '__object') return false;
  return !((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Anonymous);
}

/** A property with a JSDoc `@schema` tag: its schema is written out, so its type does not matter. */
export function hasSchemaTag(symbol: ts.Symbol): boolean {
  return symbol.getJsDocTags().some((tag) => tag.name === 'schema');
}

function isProjectNode(node: ts.Node): boolean {
  const file = node.getSourceFile();
  return !file.isDeclarationFile && !file.fileName.includes('/node_modules/');
}
