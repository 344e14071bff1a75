/**
 * Finding the functions a module exports: `export function f`, `export async
 * function f`, `export const f = (…) => …` / `= function (…) {…}`, named
 * default exports, and `export { f as g }`. Each comes back with the node that
 * holds its parameters, the JSDoc that describes it and where it is.
 */
import { type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type JSDoc, Node, type SourceFile, type ts } from 'ts-morph';
import { Code, type DiagnosticCollector } from './diagnostics.js';

export interface ExportedFunction {
  /** The name it is known by: its export name, or for a default export its own name (tool names and messages use it). */
  name: string;
  /** The name it is exported under (`default` for a default export). */
  exportName: string;
  /** The node with the parameters and return type. */
  node: FunctionDeclaration | ArrowFunction | FunctionExpression;
  /** The JSDoc blocks describing it (on the function, or on its `const` statement). */
  docs: JSDoc[];
  /** Where it is: its name. */
  nameNode: Node;
  file: SourceFile;
}

export function findExportedFunctions(file: SourceFile, checker: ts.TypeChecker, diagnostics: DiagnosticCollector): ExportedFunction[] {
  const found = new Map<Node, ExportedFunction>();
  for (const [exportName, declarations] of file.getExportedDeclarations()) {
    for (const declaration of declarations) {
      // Re-exports are read where they are declared (when that file is included too).
      if (declaration.getSourceFile() !== file) continue;
      const fn = readDeclaration(declaration, exportName, checker, diagnostics);
      if (!fn) continue;
      // The same function exported twice (`export function f` + `export default f`): the named export wins.
      const previous = found.get(fn.node);
      if (!previous || (previous.exportName === 'default' && fn.exportName !== 'default')) found.set(fn.node, fn);
    }
  }
  return [...found.values()].sort((a, b) => a.node.getStart() - b.node.getStart());
}

function readDeclaration(declaration: Node, exportName: string, checker: ts.TypeChecker, diagnostics: DiagnosticCollector): ExportedFunction | undefined {
  const file = declaration.getSourceFile();
  if (Node.isFunctionDeclaration(declaration)) {
    if (declaration.hasDeclareKeyword() || isHidden(declaration.getJsDocs())) return undefined;
    const implementation = declaration.isOverload() ? declaration.getImplementation() : declaration;
    if (!implementation) return undefined;
    if (implementation.getOverloads().length > 0) {
      // Reported once, from the implementation.
      if (declaration === implementation) {
        diagnostics.error({
          code: Code.Overloaded,
          node: implementation.getNameNode()?.compilerNode ?? implementation.compilerNode,
          subject: implementation.getName() ?? exportName,
          message: `${implementation.getName() ?? exportName} is overloaded; a tool has one signature.`,
          hint: 'Export one non-overloaded function per tool (a wrapper that calls the overloaded one).',
        });
      }
      return undefined;
    }
    const name = exportName === 'default' ? declaration.getName() : exportName;
    if (!name) return anonymous(declaration, diagnostics);
    return { name, exportName, node: declaration, docs: declaration.getJsDocs(), nameNode: declaration.getNameNode() ?? declaration, file };
  }
  if (Node.isVariableDeclaration(declaration)) {
    const statement = declaration.getVariableStatement();
    const docs = statement?.getJsDocs() ?? [];
    if (isHidden(docs)) return undefined;
    const fn = functionLiteral(declaration.getInitializer());
    if (!fn) {
      const type = checker.getTypeAtLocation(declaration.compilerNode);
      if (type.getCallSignatures().length > 0) {
        diagnostics.warning({
          code: Code.NotAFunction,
          node: declaration.getNameNode().compilerNode,
          subject: declaration.getName(),
          message: `${declaration.getName()} is callable but not a function literal, so it is not a tool.`,
          hint: `Write export function ${declaration.getName()}(…) { … } (or = (…) => …) to make it a tool, or mark it /** @internal */.`,
        });
      }
      return undefined;
    }
    return { name: exportName === 'default' ? declaration.getName() : exportName, exportName, node: fn, docs, nameNode: declaration.getNameNode(), file };
  }
  if (Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration)) {
    // `export default () => …` / `export default function () {}` as an expression.
    const assignment = declaration.getParentIf(Node.isExportAssignment);
    const docs = assignment?.getJsDocs?.() ?? [];
    if (isHidden(docs)) return undefined;
    const nameNode = Node.isFunctionExpression(declaration) ? declaration.getNameNode() : undefined;
    if (!nameNode) return anonymous(declaration, diagnostics);
    return { name: nameNode.getText(), exportName, node: declaration, docs, nameNode, file };
  }
  return undefined;
}

function anonymous(node: Node, diagnostics: DiagnosticCollector): undefined {
  diagnostics.error({
    code: Code.AnonymousFunction,
    node: node.compilerNode,
    subject: 'default',
    message: 'The default export is an anonymous function, so it has no name to give a tool.',
    hint: 'Name it (export default function listIssues(…)) or use a named export (export function listIssues(…)).',
  });
  return undefined;
}

function functionLiteral(node: Node | undefined): ArrowFunction | FunctionExpression | undefined {
  let current = node;
  while (
    current &&
    (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isTypeAssertion(current))
  ) {
    current = current.getExpression();
  }
  return current && (Node.isArrowFunction(current) || Node.isFunctionExpression(current)) ? current : undefined;
}

/** `@internal` or `@hidden`: not part of the server, and not checked. */
export function isHidden(docs: readonly JSDoc[]): boolean {
  return (
    docs
      .at(-1)
      ?.getTags()
      .some((tag) => ['internal', 'hidden'].includes(tag.getTagName().toLowerCase())) ?? false
  );
}
