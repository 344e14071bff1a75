/**
 * A function's return type → the tool's output schema and how its value is
 * sent (`binding.returns`). `Promise<T>` is unwrapped to `T` first.
 *
 *   void, undefined, never          → `void`: a short confirmation, no output schema
 *   string (or string literals)     → `text`: the string itself as text content, no output schema
 *                                     (a model reads a string best as text, not as `{ "result": "…" }`)
 *   one object type                 → `object`: structuredContent, output schema = that type
 *   anything else (number, boolean, → `wrapped`: sent as `{ result: value }`, output schema
 *   arrays, tuples, Date, unions,     `{ type: 'object', properties: { result }, required: ['result'] }`
 *   `T | null`)                       (`result` is optional when the type includes undefined)
 *   ToolResult / CallToolResult     → `text`: the runtime sends the full result as is
 *   any, unknown                    → `text` with a warning: nothing says what the result is
 */
import { ts } from 'ts-morph';
import type { IrFunctionBinding, JsonSchema } from '../../ir/types.js';
import type { FrontendContext } from './context.js';
import { Code } from './diagnostics.js';
import type { ExportedFunction } from './functions.js';
import type { FunctionDoc } from './jsdoc.js';
import { generate, includesUndefined, isObjectType, reportUnsupported } from './parameters.js';
import { inlineRef, mergeAllOf, withDefs } from './schema.js';

export interface ResultShape {
  output?: JsonSchema;
  returns: IrFunctionBinding['returns'];
  async: boolean;
}

/** Reads the result type. Undefined, having reported why, when it cannot be sent. */
export function buildOutput(fn: ExportedFunction, doc: FunctionDoc, ctx: FrontendContext, options: { schema: boolean }): ResultShape | undefined {
  const { checker } = ctx;
  const { async, type } = resultType(fn, checker);
  const node = fn.node.getReturnTypeNode()?.compilerNode ?? fn.nameNode.compilerNode;

  if (every(type, (t) => (t.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Never)) !== 0)) return { returns: 'void', async };
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
    if (options.schema) {
      ctx.diagnostics.warning({
        code: Code.UntypedResult,
        node,
        subject: fn.name,
        message: `In ${fn.name}, the result is \`${checker.typeToString(type)}\`, so the tool has no output schema and the model is not told what it returns.`,
        hint: 'Declare the return type: an interface for structured results, string for text.',
      });
    }
    return { returns: 'text', async };
  }
  if (isToolResult(type)) return { returns: 'text', async };
  if (every(type, (t) => (t.flags & ts.TypeFlags.StringLike) !== 0)) return { returns: 'text', async };
  if (!options.schema) return { returns: 'text', async };

  if (!reportUnsupported(ctx, fn, type, { path: 'result', node, label: 'the result' })) return undefined;
  const generated = generate(fn, [type], ctx, node);
  if (!generated) return undefined;
  const root = generated.roots[0]!;
  if (isObjectType(type, checker)) {
    const output = mergeAllOf(inlineRef(root, generated.defs), generated.defs);
    if (doc.returns) output.description = doc.returns;
    if (output.type === undefined) output.type = 'object';
    return { output: withDefs(output, generated.defs), returns: 'object', async };
  }
  const result: JsonSchema = { ...(doc.returns ? { description: doc.returns } : {}), ...root };
  const output: JsonSchema = { type: 'object', properties: { result }, ...(includesUndefined(type) ? {} : { required: ['result'] }) };
  return { output: withDefs(output, generated.defs), returns: 'wrapped', async };
}

/** The awaited return type, and whether the function returns a promise. */
export function resultType(fn: ExportedFunction, checker: ts.TypeChecker): { type: ts.Type; async: boolean } {
  const signature = checker.getSignatureFromDeclaration(fn.node.compilerNode);
  const returned = signature ? checker.getReturnTypeOfSignature(signature) : checker.getAnyType();
  const type = checker.getAwaitedType(returned) ?? returned;
  return { type, async: fn.node.isAsync() || type !== returned };
}

function every(type: ts.Type, test: (t: ts.Type) => boolean): boolean {
  return type.isUnion() ? type.types.every(test) : test(type);
}

/** The runtime's `ToolResult` (from `toolResult()`) or the SDK's `CallToolResult`: sent unchanged. */
function isToolResult(type: ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol || !['ToolResult', 'CallToolResult'].includes(symbol.getName())) return false;
  return (symbol.declarations ?? []).some((d) => /[/\\](runtime|@toolwright[/\\]runtime|@modelcontextprotocol[/\\]sdk)[/\\]/.test(d.getSourceFile().fileName));
}
