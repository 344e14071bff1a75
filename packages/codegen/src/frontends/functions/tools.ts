/** An exported function → an `IrTool`. */
import type { IrAnnotations, IrSource, IrTool } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code, locate } from './diagnostics.js';
import type { ExportedFunction } from './functions.js';
import type { FunctionDoc } from './jsdoc.js';
import { snakeCase, TOOL_NAME } from './names.js';
import { buildInput, readParameters } from './parameters.js';
import { buildOutput } from './returns.js';

/** Builds the tool, or reports why it cannot and returns undefined. */
export function toTool(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): IrTool | undefined {
  const name = toolName(fn, doc, ctx);
  const list = readParameters(fn, doc, ctx, { allowObject: true });
  const result = buildOutput(fn, doc, ctx, { schema: true });
  if (!name || !list || !result) return undefined;
  const input = buildInput(fn, list, doc, ctx);
  if (!input) return undefined;

  if (!doc.description) {
    ctx.diagnostics.warning({
      code: Code.MissingDescription,
      node: fn.nameNode.compilerNode,
      subject: fn.name,
      message: `${fn.name} has no JSDoc description, so the model is not told what the tool ${name} does or when to use it.`,
      hint: `Add /** What it does. When to use it. */ above ${fn.name}.`,
    });
  }
  const annotations = readAnnotations(fn, doc, ctx);
  const source = sourceOf(fn, ctx);
  return {
    name,
    ...(doc.title ? { title: doc.title } : {}),
    description: doc.description,
    input: input.input,
    ...(result.output ? { output: result.output } : {}),
    annotations,
    ...(doc.deprecated ? { deprecated: doc.deprecated } : {}),
    examples: doc.examples,
    source,
    binding: {
      kind: 'function',
      module: source.file,
      exportName: fn.exportName,
      params: input.params,
      ...(list.context ? { context: true } : {}),
      async: result.async,
      returns: result.returns,
    },
  };
}

function toolName(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): string | undefined {
  const name = doc.toolName ? doc.toolName.value : snakeCase(fn.name);
  if (TOOL_NAME.test(name)) return name;
  ctx.diagnostics.error({
    code: Code.InvalidName,
    node: doc.toolName ? doc.toolName.tag.compilerNode : fn.nameNode.compilerNode,
    subject: fn.name,
    message: doc.toolName ? `@toolName "${name}" on ${fn.name} is not a valid tool name.` : `${fn.name} makes the tool name "${name}", which is not valid.`,
    hint: 'Tool names are 1–128 letters, digits, "_", "-" or ".": @toolName list_issues.',
  });
  return undefined;
}

function readAnnotations(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext): IrAnnotations {
  const { readOnly, destructive, idempotent, openWorld } = doc.annotations;
  if (readOnly && destructive) {
    ctx.diagnostics.warning({
      code: Code.ConflictingAnnotations,
      node: fn.nameNode.compilerNode,
      subject: fn.name,
      message: `${fn.name} is marked both @readOnly and @destructive; clients ignore @destructive on a read-only tool.`,
      hint: 'Keep the one that is true.',
    });
  }
  // A fixed key order keeps the IR (and the manifest) stable.
  return {
    ...(readOnly !== undefined ? { readOnly } : {}),
    ...(destructive !== undefined ? { destructive } : {}),
    ...(idempotent !== undefined ? { idempotent } : {}),
    ...(openWorld !== undefined ? { openWorld } : {}),
  };
}

export function sourceOf(fn: ExportedFunction, ctx: FrontendContext): IrSource & { kind: 'function'; file: string } {
  const { file, line, column } = locate(fn.nameNode.compilerNode, ctx.root);
  return { kind: 'function', file, line, column, name: fn.name };
}
