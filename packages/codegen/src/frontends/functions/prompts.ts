/**
 * `@prompt [name]` functions → `IrPrompt`.
 *
 * MCP prompt arguments are strings, so every parameter must be a `string`
 * (optional ones become optional arguments): positional `(code: string,
 * language?: string)`, or one object parameter whose properties are all
 * strings. `@param` text (or the property's JSDoc) describes each argument.
 * The function returns a string (one user message), `PromptMessage[]` or a
 * full `GetPromptResult`.
 */
import { ts } from 'ts-morph';
import type { IrPrompt, IrPromptArgument } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code } from './diagnostics.js';
import type { ExportedFunction } from './functions.js';
import type { FunctionDoc } from './jsdoc.js';
import { snakeCase, TOOL_NAME } from './names.js';
import { isStringType, readParameters } from './parameters.js';
import { resultType } from './returns.js';
import { sourceOf } from './tools.js';

export function toPrompt(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): IrPrompt | undefined {
  const { checker } = ctx;
  const name = doc.prompt?.name ?? snakeCase(fn.name);
  let ok = true;
  if (!TOOL_NAME.test(name)) {
    ok = false;
    ctx.diagnostics.error({
      code: Code.InvalidName,
      node: doc.prompt!.tag.compilerNode,
      subject: fn.name,
      message: `@prompt "${name}" on ${fn.name} is not a valid prompt name.`,
      hint: 'Prompt names are 1–128 letters, digits, "_", "-" or ".": @prompt review_code.',
    });
  }
  const list = readParameters(fn, doc, ctx, { allowObject: true });
  if (!list) return undefined;

  const args: IrPromptArgument[] = [];
  const notString = (argument: string, type: ts.Type, node: ts.Node) => {
    ok = false;
    ctx.diagnostics.error({
      code: Code.InvalidPrompt,
      node,
      subject: fn.name,
      message: `In ${fn.name}, prompt argument "${argument}" is ${checker.typeToString(type)}, but MCP prompt arguments are strings.`,
      hint: `Declare ${argument}: string (optional: ${argument}?: string) and parse it inside the function.`,
    });
  };
  if (list.style === 'positional') {
    for (const param of list.params) {
      if (!isStringType(param.type)) notString(param.name, param.type, param.node.compilerNode);
      args.push({ name: param.name, ...(param.doc?.description ? { description: param.doc.description } : {}), required: !param.omittable });
    }
  } else if (list.style === 'object') {
    const typeNode = list.param.node.getTypeNode();
    const type = typeNode ? checker.getTypeFromTypeNode(typeNode.compilerNode) : list.param.type;
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbol(property);
      const declaration = property.valueDeclaration ?? property.declarations?.[0] ?? list.param.node.compilerNode;
      if (!isStringType(propertyType)) notString(property.getName(), propertyType, declaration);
      const description =
        ts.displayPartsToString(property.getDocumentationComment(checker)).trim() || doc.params.get(`${list.param.name}.${property.getName()}`)?.description;
      args.push({ name: property.getName(), ...(description ? { description } : {}), required: !(property.flags & ts.SymbolFlags.Optional) });
    }
  }
  if (!ok) return undefined;
  const source = sourceOf(fn, ctx);
  return {
    name,
    ...(doc.title ? { title: doc.title } : {}),
    ...(doc.description ? { description: doc.description } : {}),
    arguments: args,
    source,
    binding: {
      kind: 'function',
      module: source.file,
      exportName: fn.exportName,
      params:
        list.style === 'positional' ? { style: 'positional', names: list.params.map((p) => p.name), ...optionalNames(list.params) } : { style: list.style },
      async: resultType(fn, checker).async,
      returns: 'text',
    },
  };
}

function optionalNames(params: { name: string; optional: boolean }[]): { optional?: string[] } {
  const optional = params.filter((p) => p.optional).map((p) => p.name);
  return optional.length ? { optional } : {};
}
