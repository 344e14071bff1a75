/**
 * A small layout printer for the emitted expressions.
 *
 * Why not ts.factory + ts.Printer: the printer puts a chain like
 * `z.string().min(1).describe("…")` and every call's arguments on one line
 * and offers no width-aware breaking, so big schemas print as unreadable
 * lines; and the emitter would need the TypeScript compiler at runtime for
 * what is a fixed, tiny grammar (calls, member chains, array and object
 * literals, getters, one arrow function). Instead the zod printer builds
 * this document tree, whose leaves are identifiers, fixed zod API text and
 * literals produced only by JSON.stringify (schema text is untrusted and is
 * never spliced in any other way), and this module lays it out: a group
 * stays on one line when it fits in WIDTH columns, else it breaks one item
 * per line with two-space indentation (the layout Prettier and Biome use).
 */

export const WIDTH = 120;

export type Doc =
  | string
  | { kind: 'concat'; parts: Doc[] }
  /** `open item, item close`, or one item per line, each followed by the separator. */
  | { kind: 'list'; open: string; close: string; items: Doc[]; pad: boolean; forceBreak: boolean; separator: ',' | ';' }
  /** A receiver followed by `.call(...)`s, which move to their own lines when the whole does not fit. */
  | { kind: 'chain'; head: Doc; calls: Doc[] }
  /** `head {` + `return body;` + `}`: a getter; always on several lines. */
  | { kind: 'getter'; head: string; body: Doc };

export const concat = (...parts: Doc[]): Doc => ({ kind: 'concat', parts });
export const list = (open: string, close: string, items: Doc[], options: { pad?: boolean; forceBreak?: boolean; separator?: ',' | ';' } = {}): Doc => ({
  kind: 'list',
  open,
  close,
  items,
  pad: options.pad ?? false,
  forceBreak: options.forceBreak ?? false,
  separator: options.separator ?? ',',
});
export const getter = (head: string, body: Doc): Doc => ({ kind: 'getter', head, body });

/** `head.call1().call2()`: appends to an existing chain rather than nesting chains. */
export function chain(head: Doc, ...calls: Doc[]): Doc {
  if (calls.length === 0) return head;
  if (typeof head !== 'string' && head.kind === 'chain') return { kind: 'chain', head: head.head, calls: [...head.calls, ...calls] };
  return { kind: 'chain', head, calls };
}

const flatWidths = new WeakMap<object, number>();

/** Length of the doc on one line; Infinity when it cannot be on one line. */
function flatWidth(doc: Doc): number {
  if (typeof doc === 'string') return doc.length;
  const cached = flatWidths.get(doc);
  if (cached !== undefined) return cached;
  let width: number;
  switch (doc.kind) {
    case 'concat':
      width = doc.parts.reduce((sum, part) => sum + flatWidth(part), 0);
      break;
    case 'list':
      if (doc.forceBreak) width = Number.POSITIVE_INFINITY;
      else if (doc.items.length === 0) width = doc.open.length + doc.close.length;
      else
        width = doc.open.length + doc.close.length + (doc.pad ? 2 : 0) + 2 * (doc.items.length - 1) + doc.items.reduce((sum, item) => sum + flatWidth(item), 0);
      break;
    case 'chain':
      width = flatWidth(doc.head) + doc.calls.reduce((sum, call) => sum + flatWidth(call), 0);
      break;
    case 'getter':
      width = Number.POSITIVE_INFINITY;
      break;
  }
  flatWidths.set(doc, width);
  return width;
}

/** Prints `doc` starting at column `column` of a line indented by `indent` spaces. */
export function layout(doc: Doc, indent = 0, column = indent): string {
  const printer = new Printer(column);
  printer.print(doc, indent);
  return printer.out.join('');
}

class Printer {
  readonly out: string[] = [];
  constructor(private column: number) {}

  private text(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }

  private newline(indent: number): void {
    this.out.push('\n', ' '.repeat(indent));
    this.column = indent;
  }

  private fits(doc: Doc): boolean {
    return this.column + flatWidth(doc) <= WIDTH;
  }

  print(doc: Doc, indent: number): void {
    if (typeof doc === 'string') {
      this.text(doc);
      return;
    }
    switch (doc.kind) {
      case 'concat':
        for (const part of doc.parts) this.print(part, indent);
        return;
      case 'list': {
        if (doc.items.length === 0) {
          this.text(doc.open + doc.close);
          return;
        }
        if (this.fits(doc)) {
          this.text(doc.open + (doc.pad ? ' ' : ''));
          doc.items.forEach((item, i) => {
            if (i > 0) this.text(`${doc.separator} `);
            this.print(item, indent);
          });
          this.text((doc.pad ? ' ' : '') + doc.close);
          return;
        }
        this.text(doc.open);
        for (const item of doc.items) {
          this.newline(indent + 2);
          this.print(item, indent + 2);
          this.text(doc.separator);
        }
        this.newline(indent);
        this.text(doc.close);
        return;
      }
      case 'chain': {
        if (this.fits(doc)) {
          this.print(doc.head, indent);
          for (const call of doc.calls) this.print(call, indent);
          return;
        }
        if (this.fits(doc.head)) {
          // The receiver fits on the line: one call per line below it.
          this.print(doc.head, indent);
          for (const call of doc.calls) {
            this.newline(indent + 2);
            this.print(call, indent + 2);
          }
          return;
        }
        // The receiver breaks (e.g. a z.object shape): calls follow its last line while they fit.
        this.print(doc.head, indent);
        let callIndent = indent;
        for (const call of doc.calls) {
          if (!this.fits(call) && this.column > indent + 2) {
            callIndent = indent + 2;
            this.newline(callIndent);
          }
          this.print(call, callIndent);
        }
        return;
      }
      case 'getter':
        this.text(`${doc.head} {`);
        this.newline(indent + 2);
        this.text('return ');
        this.print(doc.body, indent + 2);
        this.text(';');
        this.newline(indent);
        this.text('}');
        return;
    }
  }
}
