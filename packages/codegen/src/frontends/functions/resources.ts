/**
 * `@resource <uri>` functions → `IrResource`.
 *
 * A fixed URI (`config://app/settings`) makes a resource; its function takes
 * no parameters. A URI template (RFC 6570, `repo://{owner}/{name}/readme`)
 * makes a resource template; its function takes one `string` parameter per
 * template variable, by name, in any order. The function returns what the
 * runtime accepts from a resource read: a string, bytes, `{ text | blob,
 * mimeType }` or a full `ReadResourceResult`.
 */
import type { ts } from 'ts-morph';
import type { IrResource } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code } from './diagnostics.js';
import type { ExportedFunction } from './functions.js';
import type { FunctionDoc } from './jsdoc.js';
import { snakeCase } from './names.js';
import { isStringType, readParameters } from './parameters.js';
import { resultType } from './returns.js';
import { sourceOf } from './tools.js';

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/;

export function toResource(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): IrResource | undefined {
  const tag = doc.resource!.tag;
  const uri = doc.resource!.uri;
  const fail = (message: string, hint: string, node: ts.Node = tag.compilerNode) => {
    ctx.diagnostics.error({ code: Code.InvalidResource, node, subject: fn.name, message: `In ${fn.name}: ${message}`, hint });
    return undefined;
  };
  if (!uri) return fail('@resource needs a URI.', 'Write @resource config://app/settings, or a template such as @resource repo://{owner}/{name}.');
  if (!ABSOLUTE_URI.test(uri)) return fail(`@resource "${uri}" is not an absolute URI.`, 'Start it with a scheme: docs://guides/intro, file:///{path}.');
  const variables = templateVariables(uri);
  if (!variables) return fail(`@resource "${uri}" has an unclosed "{".`, 'Write template variables as {name}.');

  const list = readParameters(fn, doc, ctx, { allowObject: false });
  if (!list) return undefined;
  const params = list.style === 'positional' ? list.params : [];
  let ok = true;
  for (const param of params) {
    if (!variables.includes(param.name)) {
      ok = false;
      fail(
        variables.length === 0
          ? `"${uri}" is a fixed URI, so the resource is read with no arguments, but ${fn.name} takes "${param.name}".`
          : `parameter "${param.name}" is not a variable of "${uri}" (${variables.map((v) => `{${v}}`).join(', ')}).`,
        variables.length === 0
          ? `Add {${param.name}} to the URI to make it a template, or remove the parameter.`
          : `Name the parameter after a template variable, or add {${param.name}} to the URI.`,
        param.node.compilerNode,
      );
    } else if (!isStringType(param.type)) {
      ok = false;
      fail(
        `parameter "${param.name}" is ${ctx.checker.typeToString(param.type)}, but template variables arrive as strings.`,
        `Declare ${param.name}: string and convert inside the function.`,
        param.node.compilerNode,
      );
    }
  }
  for (const variable of variables) {
    if (!params.some((p) => p.name === variable)) {
      ctx.diagnostics.warning({
        code: Code.InvalidResource,
        node: tag.compilerNode,
        subject: fn.name,
        message: `In ${fn.name}: template variable {${variable}} of "${uri}" is not a parameter, so the function never sees it.`,
        hint: `Add a parameter ${variable}: string.`,
      });
    }
  }
  if (!ok) return undefined;
  const source = sourceOf(fn, ctx);
  return {
    uri,
    template: variables.length > 0,
    name: snakeCase(fn.name),
    ...(doc.title ? { title: doc.title } : {}),
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.mimeType ? { mimeType: doc.mimeType } : {}),
    source,
    binding: {
      kind: 'function',
      module: source.file,
      exportName: fn.exportName,
      params: params.length ? { style: 'positional', names: params.map((p) => p.name) } : { style: 'none' },
      async: resultType(fn, ctx.checker).async,
      returns: 'text',
    },
  };
}

/** Variable names of an RFC 6570 template (`{owner}`, `{+path}`, `{?q,page}`, `{id:3}`, `{list*}`); undefined when a brace is unclosed. */
export function templateVariables(uri: string): string[] | undefined {
  const names: string[] = [];
  for (let i = uri.indexOf('{'); i >= 0; i = uri.indexOf('{', i + 1)) {
    const end = uri.indexOf('}', i);
    if (end < 0) return undefined;
    for (const spec of uri
      .slice(i + 1, end)
      .replace(/^[+#./;?&]/, '')
      .split(',')) {
      const name = spec.replace(/(\*|:\d+)$/, '').trim();
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}
