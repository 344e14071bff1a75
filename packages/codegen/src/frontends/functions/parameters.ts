/**
 * A function's parameters → the tool's input schema and how to call it.
 *
 * Two styles:
 * - positional, `(owner: string, repo: string, limit = 10)`: each parameter
 *   is an argument named after it; `?` or a default value makes it optional,
 *   and a literal default becomes the schema's `default`;
 * - object, `(input: CreateIssueInput)`: a function whose ONLY parameter is
 *   an object type (interface, type literal, alias, intersection — not an
 *   array, Date or union) receives the whole argument object, whose fields
 *   are that type's properties. `({ title, limit = 5 }: Options)` counts too,
 *   and its defaults become the fields' `default`.
 * No parameters: style `none`, input `{ type: 'object', properties: {} }`.
 */
import { Node, type ParameterDeclaration, ts } from 'ts-morph';
import type { IrFunctionBinding, JsonSchema } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code } from './diagnostics.js';
import type { ExportedFunction } from './functions.js';
import type { FunctionDoc, ParamDoc } from './jsdoc.js';
import { inlineRef, mergeAllOf, withDefs } from './schema.js';
import { findUnsupportedTypes, isDate } from './unsupported.js';

export interface Parameter {
  name: string;
  node: ParameterDeclaration;
  type: ts.Type;
  /** `?` or a default value: the call may leave it out. */
  optional: boolean;
  /** The argument may be missing from the input: optional, or typed `| undefined`. */
  omittable: boolean;
  default?: { value: unknown };
  doc?: ParamDoc;
}

export type ParameterList = ({ style: 'none' } | { style: 'positional'; params: Parameter[] } | { style: 'object'; param: Parameter }) & {
  /** The last parameter is the runtime's `ToolContext`: passed by the runtime, not an argument. */
  context?: boolean;
};

/**
 * Reads and checks the parameters. Returns undefined, having reported why,
 * when they cannot become tool arguments.
 */
export function readParameters(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext, options: { allowObject: boolean }): ParameterList | undefined {
  const { checker } = ctx;
  const declarations = fn.node.getParameters().filter((p) => p.getName() !== 'this');
  const last = declarations.at(-1);
  const context = last !== undefined && isToolContext(checker.getTypeAtLocation(last.compilerNode));
  if (context) declarations.pop();
  let ok = true;
  const params: Parameter[] = [];
  for (const node of declarations) {
    const name = node.getName();
    if (node.isRestParameter()) {
      ok = false;
      ctx.diagnostics.error({
        code: Code.RestParameter,
        node: node.compilerNode,
        subject: fn.name,
        message: `In ${fn.name}, parameter "${name}" is a rest parameter; tool arguments are named, so "...${name}" has no name for each value.`,
        hint: `Take an array instead: ${name}: ${node.getTypeNode()?.getText() ?? 'string[]'}.`,
      });
      continue;
    }
    const destructured = Node.isObjectBindingPattern(node.getNameNode()) || Node.isArrayBindingPattern(node.getNameNode());
    if (destructured && !node.getTypeNode()) {
      ok = false;
      ctx.diagnostics.error({
        code: Code.DestructuredParameter,
        node: node.compilerNode,
        subject: fn.name,
        message: `In ${fn.name}, the destructured parameter ${name} has no type, so its fields have no schema.`,
        hint: `Annotate it with an interface: ${name}: CreateIssueInput (or an inline type such as { owner: string; repo: string }).`,
      });
      continue;
    }
    if (destructured && declarations.length > 1) {
      ok = false;
      ctx.diagnostics.error({
        code: Code.DestructuredParameter,
        node: node.compilerNode,
        subject: fn.name,
        message: `In ${fn.name}, the destructured parameter ${name} is one of several, so it has no name among the tool's arguments.`,
        hint: 'Give it a name (options: Options) and destructure inside the function, or make it the only parameter.',
      });
      continue;
    }
    const typeNode = node.getTypeNode();
    const initializer = node.getInitializer();
    const paramDoc = doc.params.get(name);
    if (!typeNode && !initializer && !paramDoc?.keywords.schema) {
      ok = false;
      ctx.diagnostics.error({
        code: Code.AnyType,
        node: node.compilerNode,
        subject: fn.name,
        message: `In ${fn.name}, parameter "${name}" has no type, so it is \`any\` and has no schema.`,
        hint: `Annotate it: ${name}: string (or whatever it takes).`,
      });
      continue;
    }
    const type = checker.getTypeAtLocation(node.compilerNode);
    const optional = node.hasQuestionToken() || initializer !== undefined;
    const parameter: Parameter = { name, node, type, optional, omittable: optional || includesUndefined(type), ...(paramDoc ? { doc: paramDoc } : {}) };
    if (initializer) {
      const value = literalValue(initializer.compilerNode, checker);
      if (value) parameter.default = value;
      else {
        ctx.diagnostics.warning({
          code: Code.NonLiteralDefault,
          node: initializer.compilerNode,
          subject: fn.name,
          message: `In ${fn.name}, the default of "${name}" (${initializer.getText()}) is not a literal, so the schema marks the argument optional without showing its default.`,
          hint: `Use a literal default, or say it in the @param text, e.g. @param ${name} … {@default 10}.`,
        });
      }
    }
    if (
      !paramDoc?.keywords.schema &&
      !reportUnsupported(ctx, fn, type, { path: destructured ? 'input' : name, node: node.compilerNode, label: `parameter "${name}"` })
    ) {
      ok = false;
      continue;
    }
    params.push(parameter);
  }
  if (!ok) return undefined;

  const list: ParameterList =
    params.length === 0
      ? { style: 'none' }
      : options.allowObject && params.length === 1 && isObjectType(objectCandidate(params[0]!, checker), checker)
        ? { style: 'object', param: params[0]! }
        : { style: 'positional', params };
  if (context) list.context = true;
  checkParamTags(fn, doc, list, ctx);
  return list;
}

/** Reports a type's unsupported parts; true when there are none. */
export function reportUnsupported(ctx: FrontendContext, fn: ExportedFunction, type: ts.Type, where: { path: string; node: ts.Node; label: string }): boolean {
  const problems = findUnsupportedTypes(type, { checker: ctx.checker, path: where.path, node: where.node });
  for (const problem of problems) {
    ctx.diagnostics.error({
      code: problem.code,
      node: problem.node,
      subject: fn.name,
      message: `In ${fn.name}, ${where.label}: ${problem.detail}.`,
      hint: problem.hint,
    });
  }
  return problems.length === 0;
}

/** The input schema and the binding's `params` for a parameter list. Undefined, having reported why, when the schema cannot be made. */
export function buildInput(
  fn: ExportedFunction,
  list: ParameterList,
  doc: FunctionDoc,
  ctx: FrontendContext,
): { input: JsonSchema; params: IrFunctionBinding['params'] } | undefined {
  if (list.style === 'none') return { input: { type: 'object', properties: {} }, params: { style: 'none' } };
  if (list.style === 'object') {
    const generated = generate(fn, [objectCandidate(list.param, ctx.checker)], ctx, list.param.node.compilerNode);
    if (!generated) return undefined;
    const root = mergeAllOf(inlineRef(generated.roots[0]!, generated.defs), generated.defs);
    const { description: _description, title: _title, ...input } = root; // the tool's description says it; no need to repeat the interface's
    if (input.type === undefined) input.type = 'object';
    applyFieldDocs(input, list.param, fn, doc, ctx);
    return { input: withDefs(input, generated.defs), params: list.param.omittable ? { style: 'object', optional: true } : { style: 'object' } };
  }
  const typed = list.params.filter((p) => !p.doc?.keywords.schema);
  const generated = generate(
    fn,
    typed.map((p) => p.type),
    ctx,
    fn.nameNode.compilerNode,
  );
  if (!generated) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const param of list.params) {
    const { schema, ...keywords } = param.doc?.keywords ?? {};
    const base = schema ? (schema as JsonSchema) : generated.roots[typed.indexOf(param)]!;
    properties[param.name] = {
      ...(param.doc?.description ? { description: param.doc.description } : {}),
      ...base,
      ...keywords,
      ...(param.default && param.default.value !== undefined ? { default: param.default.value } : {}),
    };
  }
  const required = list.params.filter((p) => !p.omittable).map((p) => p.name);
  const input: JsonSchema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  const optional = list.params.filter((p) => p.optional).map((p) => p.name);
  return {
    input: withDefs(input, generated.defs),
    params: { style: 'positional', names: list.params.map((p) => p.name), ...(optional.length ? { optional } : {}) },
  };
}

/** Runs the schema generator, reporting its failures and warnings against the function. */
export function generate(fn: ExportedFunction, types: ts.Type[], ctx: FrontendContext, node: ts.Node) {
  try {
    const generated = ctx.schemas.generate(types);
    for (const warning of generated.warnings) {
      ctx.diagnostics.warning({ code: Code.SchemaWarning, node, subject: fn.name, message: `In ${fn.name}: typescript-json-schema: ${warning}` });
    }
    return generated;
  } catch (error) {
    ctx.diagnostics.error({
      code: Code.SchemaFailed,
      node,
      subject: fn.name,
      message: `In ${fn.name}: no JSON Schema could be made: ${error instanceof Error ? error.message : String(error)}.`,
      hint: 'Simplify the type (an interface of plain data fields), or state the schema with {@schema …} / @schema.',
    });
    return undefined;
  }
}

/** Object style: descriptions from `@param input.field` where the interface has none, and destructuring defaults. */
function applyFieldDocs(input: JsonSchema, param: Parameter, fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): void {
  const properties = input.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return;
  for (const [key, paramDoc] of doc.params) {
    const field = key.includes('.') ? key.slice(key.indexOf('.') + 1) : undefined;
    const target = field ? properties[field] : undefined;
    if (!target) continue;
    if (paramDoc.description && target.description === undefined) target.description = paramDoc.description;
    const { schema, ...keywords } = paramDoc.keywords;
    Object.assign(target, keywords);
    if (schema) {
      ctx.diagnostics.warning({
        code: Code.UnknownTag,
        node: paramDoc.tag.compilerNode,
        subject: fn.name,
        message: `@param ${key}: {@schema} is read for positional parameters only.`,
        hint: `Put @schema {…} in the JSDoc of the interface property "${field}".`,
      });
    }
  }
  const pattern = param.node.getNameNode();
  if (Node.isObjectBindingPattern(pattern)) {
    for (const element of pattern.getElements()) {
      const initializer = element.getInitializer();
      const field = element.getPropertyNameNode()?.getText() ?? element.getName();
      const target = properties[field];
      if (!initializer || !target || target.default !== undefined) continue;
      const value = literalValue(initializer.compilerNode, undefined);
      if (value && value.value !== undefined) target.default = value.value;
    }
  }
}

/** Warns about `@param` tags that name no parameter. */
function checkParamTags(fn: ExportedFunction, doc: FunctionDoc, list: ParameterList, ctx: FrontendContext): void {
  const names = list.style === 'positional' ? list.params.map((p) => p.name) : list.style === 'object' ? [list.param.name] : [];
  for (const [key, paramDoc] of doc.params) {
    const base = key.split('.')[0]!;
    const dotted = key.includes('.');
    const destructuredObject = list.style === 'object' && !/^[A-Za-z_$][\w$]*$/.test(list.param.name);
    if ((dotted && list.style === 'object' && (destructuredObject || names.includes(base))) || (!dotted && names.includes(key))) continue;
    ctx.diagnostics.warning({
      code: Code.UnknownTag,
      node: paramDoc.tag.compilerNode,
      subject: fn.name,
      message:
        dotted && list.style !== 'object'
          ? `@param ${key}: field descriptions are read for an object parameter only.`
          : `@param ${key}: ${fn.name} has no parameter "${base}".`,
      hint: dotted && list.style !== 'object' ? 'Describe the field with JSDoc on its interface property.' : `Parameters: ${names.join(', ') || '(none)'}.`,
    });
  }
}

/** The type an object-style parameter contributes: its annotation, without the `| undefined` of `?`. */
function objectCandidate(param: Parameter, checker: ts.TypeChecker): ts.Type {
  const typeNode = param.node.getTypeNode();
  return typeNode ? checker.getTypeFromTypeNode(typeNode.compilerNode) : param.type;
}

/**
 * The runtime's `ToolContext` (declared in @toolwright/runtime), possibly
 * `| undefined`: a handler's last parameter that receives the call context.
 */
export function isToolContext(type: ts.Type): boolean {
  const members = type.isUnion() ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : [type];
  if (members.length !== 1) return false;
  const symbol = members[0]!.aliasSymbol ?? members[0]!.getSymbol();
  if (symbol?.getName() !== 'ToolContext') return false;
  return (symbol.declarations ?? []).some((d) => /[/\\](runtime|@toolwright[/\\]runtime)[/\\]/.test(d.getSourceFile().fileName));
}

/** A plain object type: properties (or an index signature), no call signatures; not an array, tuple, Date or union. */
export function isObjectType(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (type.flags & ts.TypeFlags.NonPrimitive) return true;
  if (type.flags & ts.TypeFlags.Intersection) return (type as ts.IntersectionType).types.every((member) => isObjectType(member, checker));
  if (!(type.flags & ts.TypeFlags.Object)) return false;
  if (checker.isArrayType(type) || checker.isTupleType(type) || isDate(type)) return false;
  return type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0;
}

/** `string`, string literals, string enums, template literals; `undefined` allowed (optional). */
export function isStringType(type: ts.Type): boolean {
  const members = type.isUnion() ? type.types : [type];
  return members.every((t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Undefined));
}

export function includesUndefined(type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return true;
  return type.isUnion() && type.types.some((member) => member.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void));
}

/**
 * The value of a default written as a literal (`10`, `'open'`, `-1`, `[]`,
 * `{ a: 1 }`, `null`), or of a constant whose type is a literal
 * (`DEFAULT_LIMIT`, `Sort.Newest`). Undefined when it is computed.
 */
export function literalValue(node: ts.Expression, checker: ts.TypeChecker | undefined): { value: unknown } | undefined {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalValue(node.expression, checker);
  if (ts.isNumericLiteral(node)) return { value: Number(node.text) };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isIdentifier(node) && node.text === 'undefined') return { value: undefined };
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
    if (node.operator === ts.SyntaxKind.MinusToken) return { value: -Number(node.operand.text) };
    if (node.operator === ts.SyntaxKind.PlusToken) return { value: Number(node.operand.text) };
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items: unknown[] = [];
    for (const element of node.elements) {
      const item = ts.isSpreadElement(element) ? undefined : literalValue(element, checker);
      if (!item) return undefined;
      items.push(item.value);
    }
    return { value: items };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const object: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name)))
        return undefined;
      const item = literalValue(property.initializer, checker);
      if (!item) return undefined;
      object[property.name.text] = item.value;
    }
    return { value: object };
  }
  if (!checker) return undefined;
  const type = checker.getTypeAtLocation(node);
  if (type.isStringLiteral() || type.isNumberLiteral()) return { value: type.value };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { value: (type as { intrinsicName?: string }).intrinsicName === 'true' };
  return undefined;
}
