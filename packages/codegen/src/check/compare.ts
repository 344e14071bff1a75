/**
 * The breaking-change check: compares two manifests (`tools.json`) of one
 * server and lists every change to its surface (tools, their input and output
 * schemas, resources, prompts, toolsets) as breaking, additive or
 * description-only, so a release can carry the right semver bump.
 *
 * Schemas are compared keyword by keyword, with `$ref`s into `$defs` /
 * `definitions` resolved inside each schema. Each keyword change either
 * narrows the set of valid values, widens it, or changes it in a way that is
 * neither; the direction decides what that means: a narrower input rejects
 * calls that used to work (breaking), a wider output hands clients values
 * they have not seen (breaking), and the opposite is additive. Within one
 * parameter (or result field) each definition is walked once: recursive
 * schemas end, and a change in a shared definition is reported at the first
 * place that uses it.
 *
 * Hand-written: json-schema-diff reports added/removed value sets (draft-07
 * only, no `$defs`/`prefixItems`) and json-schema-diff-validator reports JSON
 * patches; neither names the parameter or says what a caller has to change.
 */
import { canonicalJson } from '../emit/header.js';
import type { Manifest } from '../emit/manifest.js';
import type { IrPrompt, IrResource, IrTool, IrToolset, JsonSchema } from '../ir/types.js';

export type SurfaceChangeKind = 'breaking' | 'additive' | 'description';

/** One change to a server's surface. */
export interface SurfaceChange {
  kind: SurfaceChangeKind;
  /** What changed, e.g. `tool create_issue` or `tool create_issue › parameter labels`. */
  subject: string;
  /** What changed and, for breaking changes, what it does to existing callers. */
  message: string;
}

/** The semver bump a set of changes needs. */
export type ReleaseLevel = 'major' | 'minor' | 'patch' | 'none';

export interface SurfaceSummary {
  breaking: number;
  additive: number;
  description: number;
  level: ReleaseLevel;
}

/**
 * Lists every change from `before` to `after`, tools first (by name), then
 * resources, prompts and toolsets.
 *
 * @example
 * const changes = compareManifests(JSON.parse(oldJson), JSON.parse(newJson));
 * if (summarize(changes).level === 'major') console.log('needs a major release');
 */
export function compareManifests(before: Manifest, after: Manifest): SurfaceChange[] {
  const changes: SurfaceChange[] = [];
  compareTools(before.tools ?? [], after.tools ?? [], changes);
  compareResources(before.resources ?? [], after.resources ?? [], changes);
  comparePrompts(before.prompts ?? [], after.prompts ?? [], changes);
  compareToolsets(before.toolsets ?? [], after.toolsets ?? [], changes);
  return changes;
}

/** Counts changes by kind and gives the bump they need: any breaking → major, any additive → minor, any description → patch. */
export function summarize(changes: readonly SurfaceChange[]): SurfaceSummary {
  const count = (kind: SurfaceChangeKind) => changes.filter((c) => c.kind === kind).length;
  const summary = { breaking: count('breaking'), additive: count('additive'), description: count('description') };
  const level: ReleaseLevel = summary.breaking > 0 ? 'major' : summary.additive > 0 ? 'minor' : summary.description > 0 ? 'patch' : 'none';
  return { ...summary, level };
}

// ---------------------------------------------------------------------------
// Tools, resources, prompts, toolsets

function compareTools(before: readonly IrTool[], after: readonly IrTool[], out: SurfaceChange[]): void {
  const old = byKey(before, (t) => t.name);
  const now = byKey(after, (t) => t.name);
  const added = [...now.values()].filter((t) => !old.has(t.name));
  for (const tool of old.values()) {
    const next = now.get(tool.name);
    if (!next) {
      const shape = shapeOf(tool.input);
      const candidates = added.filter((t) => shapeOf(t.input) === shape).map((t) => t.name);
      const renamed = candidates.length > 0 ? ` It looks renamed to ${list(candidates, 'or')} (same input schema).` : '';
      out.push({
        kind: 'breaking',
        subject: `tool ${tool.name}`,
        message: `Tool ${tool.name} was removed: clients that call it get "unknown tool".${renamed} Keep it (deprecated) until a major release, or release this as a major version.`,
      });
      continue;
    }
    compareTool(tool, next, out);
  }
  for (const tool of added) out.push({ kind: 'additive', subject: `tool ${tool.name}`, message: `New tool ${tool.name}.` });
}

function compareTool(before: IrTool, after: IrTool, out: SurfaceChange[]): void {
  const subject = `tool ${before.name}`;
  describeText(out, subject, 'title', before.title, after.title);
  describeText(out, subject, 'description', before.description, after.description);
  if (canonicalJson(before.examples ?? []) !== canonicalJson(after.examples ?? [])) {
    out.push({ kind: 'description', subject, message: 'Examples changed.' });
  }
  if (before.deprecated !== after.deprecated) {
    if (!before.deprecated)
      out.push({ kind: 'additive', subject, message: `Now deprecated${typeof after.deprecated === 'string' ? `: ${after.deprecated}` : '.'}` });
    else if (!after.deprecated) out.push({ kind: 'additive', subject, message: 'No longer deprecated.' });
    else out.push({ kind: 'description', subject, message: 'Deprecation note changed.' });
  }
  compareAnnotations(subject, before, after, out);
  if (before.toolset !== undefined && before.toolset !== after.toolset) {
    const to = after.toolset === undefined ? 'out of any toolset' : `to toolset ${after.toolset}`;
    out.push({
      kind: 'breaking',
      subject,
      message: `Moved from toolset ${before.toolset} ${to}: servers started with --toolsets ${before.toolset} no longer offer it.`,
    });
  } else if (before.toolset === undefined && after.toolset !== undefined) {
    out.push({ kind: 'additive', subject, message: `Now part of toolset ${after.toolset}.` });
  }
  new SchemaComparison(out, 'input', subject, before.input, after.input).run();
  if (before.output && after.output) {
    new SchemaComparison(out, 'output', subject, before.output, after.output).run();
  } else if (before.output) {
    out.push({
      kind: 'breaking',
      subject: `${subject} › output`,
      message: 'No longer declares an output schema or returns structured content: clients that read structuredContent get nothing.',
    });
  } else if (after.output) {
    out.push({ kind: 'additive', subject: `${subject} › output`, message: 'Now declares an output schema and returns structured content.' });
  }
}

const ANNOTATION_NAMES = { readOnly: 'read-only', destructive: 'destructive', idempotent: 'idempotent', openWorld: 'open-world' } as const;

function compareAnnotations(subject: string, before: IrTool, after: IrTool, out: SurfaceChange[]): void {
  for (const key of Object.keys(ANNOTATION_NAMES) as (keyof typeof ANNOTATION_NAMES)[]) {
    const was = before.annotations?.[key] ?? false;
    const is = after.annotations?.[key] ?? false;
    if (was === is) continue;
    const name = ANNOTATION_NAMES[key];
    // Read-only servers (serve --read-only) list only read-only tools: losing the hint removes the tool there.
    if (key === 'readOnly' && was) {
      out.push({ kind: 'breaking', subject, message: 'No longer read-only: servers started with --read-only stop offering it.' });
    } else {
      out.push({ kind: 'additive', subject, message: is ? `Now marked ${name}.` : `No longer marked ${name}.` });
    }
  }
}

function compareResources(before: readonly IrResource[], after: readonly IrResource[], out: SurfaceChange[]): void {
  const old = byKey(before, (r) => r.uri);
  const now = byKey(after, (r) => r.uri);
  const added = [...now.values()].filter((r) => !old.has(r.uri));
  for (const resource of old.values()) {
    const subject = `resource ${resource.uri}`;
    const next = now.get(resource.uri);
    if (!next) {
      const moved = added.filter((r) => r.name === resource.name).map((r) => r.uri);
      const hint = moved.length > 0 ? ` It looks moved to ${list(moved, 'or')} (same name).` : '';
      out.push({ kind: 'breaking', subject, message: `Resource ${resource.uri} was removed: clients that read it get "resource not found".${hint}` });
      continue;
    }
    if (resource.template !== next.template) {
      out.push({
        kind: 'breaking',
        subject,
        message: next.template ? 'Is now a URI template, not a fixed resource.' : 'Is now a fixed resource, not a URI template.',
      });
    }
    if ((resource.mimeType ?? '') !== (next.mimeType ?? '')) {
      out.push({
        kind: 'breaking',
        subject,
        message: `MIME type changed from ${resource.mimeType ?? '(none)'} to ${next.mimeType ?? '(none)'}: clients that parse the content may misread it.`,
      });
    }
    describeText(out, subject, 'name', resource.name, next.name);
    describeText(out, subject, 'title', resource.title, next.title);
    describeText(out, subject, 'description', resource.description, next.description);
  }
  for (const resource of added) out.push({ kind: 'additive', subject: `resource ${resource.uri}`, message: `New resource ${resource.uri}.` });
}

function comparePrompts(before: readonly IrPrompt[], after: readonly IrPrompt[], out: SurfaceChange[]): void {
  const old = byKey(before, (p) => p.name);
  const now = byKey(after, (p) => p.name);
  const added = [...now.values()].filter((p) => !old.has(p.name));
  const argShape = (p: IrPrompt) => canonicalJson((p.arguments ?? []).map((a) => [a.name, a.required]));
  for (const prompt of old.values()) {
    const subject = `prompt ${prompt.name}`;
    const next = now.get(prompt.name);
    if (!next) {
      const candidates = added.filter((p) => argShape(p) === argShape(prompt)).map((p) => p.name);
      const renamed = candidates.length > 0 ? ` It looks renamed to ${list(candidates, 'or')} (same arguments).` : '';
      out.push({ kind: 'breaking', subject, message: `Prompt ${prompt.name} was removed: clients that get it fail.${renamed}` });
      continue;
    }
    describeText(out, subject, 'title', prompt.title, next.title);
    describeText(out, subject, 'description', prompt.description, next.description);
    const oldArgs = byKey(prompt.arguments ?? [], (a) => a.name);
    const newArgs = byKey(next.arguments ?? [], (a) => a.name);
    for (const arg of oldArgs.values()) {
      const argSubject = `${subject} › argument ${arg.name}`;
      const nextArg = newArgs.get(arg.name);
      if (!nextArg) {
        out.push({ kind: 'breaking', subject: argSubject, message: `Argument ${arg.name} was removed: clients that still pass it fail.` });
        continue;
      }
      if (!arg.required && nextArg.required) {
        out.push({ kind: 'breaking', subject: argSubject, message: `Argument ${arg.name} is now required: clients that leave it out fail.` });
      } else if (arg.required && !nextArg.required) {
        out.push({ kind: 'additive', subject: argSubject, message: `Argument ${arg.name} is now optional.` });
      }
      describeText(out, argSubject, 'description', arg.description, nextArg.description);
    }
    for (const arg of newArgs.values()) {
      if (oldArgs.has(arg.name)) continue;
      out.push(
        arg.required
          ? { kind: 'breaking', subject: `${subject} › argument ${arg.name}`, message: `New required argument ${arg.name}: clients that do not pass it fail.` }
          : { kind: 'additive', subject: `${subject} › argument ${arg.name}`, message: `New optional argument ${arg.name}.` },
      );
    }
  }
  for (const prompt of added) out.push({ kind: 'additive', subject: `prompt ${prompt.name}`, message: `New prompt ${prompt.name}.` });
}

function compareToolsets(before: readonly IrToolset[], after: readonly IrToolset[], out: SurfaceChange[]): void {
  const old = byKey(before, (t) => t.name);
  const now = byKey(after, (t) => t.name);
  for (const toolset of old.values()) {
    const subject = `toolset ${toolset.name}`;
    const next = now.get(toolset.name);
    if (!next) {
      out.push({ kind: 'breaking', subject, message: `Toolset ${toolset.name} was removed: servers started with --toolsets ${toolset.name} fail to start.` });
      continue;
    }
    if (toolset.default && !next.default) {
      out.push({ kind: 'breaking', subject, message: 'No longer on by default: servers started without --toolsets stop offering its tools.' });
    } else if (!toolset.default && next.default) {
      out.push({ kind: 'additive', subject, message: 'Now on by default.' });
    }
    describeText(out, subject, 'description', toolset.description, next.description);
  }
  for (const toolset of now.values()) {
    if (!old.has(toolset.name)) out.push({ kind: 'additive', subject: `toolset ${toolset.name}`, message: `New toolset ${toolset.name}.` });
  }
}

// ---------------------------------------------------------------------------
// Schemas

type Direction = 'input' | 'output';
/** How a keyword change moves the set of valid values. */
type Effect = 'narrowed' | 'widened' | 'changed';
type Schema = Record<string, unknown>;

/** Path segments below the schema root: property names, `[]` for array items, `[n]` for tuple items, `*` for map values. */
type Path = readonly string[];

/** Keywords that only document: changes are description-only. */
const TEXT_KEYWORDS = new Set(['description', 'title', 'examples', 'example', '$comment', 'readOnly', 'writeOnly']);
/** Keywords that never change the surface. `x-*` vendor keywords are skipped too. */
const IGNORED_KEYWORDS = new Set(['$schema', '$id', '$anchor', '$dynamicAnchor', '$defs', 'definitions', '$ref']);
const LOWER_BOUNDS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum', 'minContains'] as const;
const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum', 'maxContains'] as const;
/** Keywords compared by their own rule below; anything else is compared as a whole (any difference is a change). */
const HANDLED_KEYWORDS = new Set([
  ...TEXT_KEYWORDS,
  ...IGNORED_KEYWORDS,
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'multipleOf',
  'uniqueItems',
  'deprecated',
  'default',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  'allOf',
]);

/** A schema node after `$ref` resolution, with the node it was reached through (its identity guards cycles). */
interface Resolved {
  schema: Schema | false;
  /**
   * The object that stands for this node when guarding cycles and skipping
   * pairs already compared: the `$defs` entry a bare `$ref` leads to (so
   * every use of a definition is one node), else the node itself.
   */
  identity?: object;
  /** The `$ref` that led here (for messages), when there was one. */
  ref?: string;
  /** Set when the node is a `$ref` this comparison cannot follow (another document, or nowhere). */
  opaqueRef?: string;
}

/** Compares one tool's input or output schema, walking nested objects, arrays and unions. */
class SchemaComparison {
  /**
   * Node pairs already compared (or being compared) within the current
   * parameter: each is walked once, which ends recursive schemas and keeps
   * shared definitions from multiplying the work. A change inside a
   * definition used twice within one parameter is reported at the first
   * place; each parameter gets a fresh set, so every affected parameter is named.
   */
  private visited = new Map<object, Set<object>>();

  constructor(
    private readonly out: SurfaceChange[],
    private readonly direction: Direction,
    private readonly tool: string,
    private readonly beforeRoot: JsonSchema,
    private readonly afterRoot: JsonSchema,
  ) {}

  run(): void {
    this.compare(this.beforeRoot, this.afterRoot, []);
  }

  private subject(path: Path): string {
    if (path.length === 0) return `${this.tool} › ${this.direction}`;
    // Deep paths through recursive definitions keep the parameter and the last few steps.
    const shown = path.length > 6 ? [path[0]!, '…', ...path.slice(-4)] : path;
    const rendered = shown.map((segment, i) => (segment.startsWith('[') || i === 0 ? segment : `.${segment}`)).join('');
    return `${this.tool} › ${this.direction === 'input' ? 'parameter' : 'output field'} ${rendered}`;
  }

  private push(kind: SurfaceChangeKind, path: Path, message: string): void {
    this.out.push({ kind, subject: this.subject(path), message });
  }

  /** Reports a keyword change: what it means depends on the direction (see the file comment). */
  private effect(effect: Effect, path: Path, what: string, options: { outputWideningIsAdditive?: boolean } = {}): void {
    let kind: SurfaceChangeKind;
    if (effect === 'changed') kind = 'breaking';
    else if (this.direction === 'input') kind = effect === 'narrowed' ? 'breaking' : 'additive';
    else kind = effect === 'widened' && !options.outputWideningIsAdditive ? 'breaking' : 'additive';
    let consequence = '';
    if (kind === 'breaking') {
      consequence =
        this.direction === 'input'
          ? ' Calls that were valid before may now fail validation.'
          : ' Clients may now receive values they do not expect; update them before upgrading.';
    }
    this.push(kind, path, `${what}${consequence}`);
  }

  private resolve(node: unknown, root: JsonSchema): Resolved {
    if (node === false) return { schema: false };
    if (node === true || node === null || typeof node !== 'object' || Array.isArray(node)) return { schema: {} };
    const original = node as Schema;
    let current = node as Schema;
    let siblings: Schema = {};
    let firstRef: string | undefined;
    const seen = new Set<string>();
    while (typeof current.$ref === 'string') {
      const ref = current.$ref;
      firstRef ??= ref;
      const { $ref: _, ...rest } = current;
      // Keywords beside a $ref apply too (2020-12); the nearer ones win.
      siblings = { ...rest, ...siblings };
      const target = seen.has(ref) ? undefined : lookupPointer(root, ref);
      seen.add(ref);
      if (target === false) return { schema: false, ref: firstRef };
      if (target === undefined || target === null || typeof target !== 'object' || Array.isArray(target)) {
        return { schema: siblings, ref: firstRef, opaqueRef: ref, identity: original };
      }
      current = target as Schema;
    }
    if (firstRef === undefined) return { schema: current, identity: current };
    if (Object.keys(siblings).length === 0) return { schema: current, ref: firstRef, identity: current };
    return { schema: { ...current, ...siblings }, ref: firstRef, identity: original };
  }

  private compare(beforeNode: unknown, afterNode: unknown, path: Path): void {
    const before = this.resolve(beforeNode, this.beforeRoot);
    const after = this.resolve(afterNode, this.afterRoot);
    const b = before.identity;
    const a = after.identity;
    if (b && a) {
      const partners = this.visited.get(b);
      if (partners?.has(a)) return;
      if (partners) partners.add(a);
      else this.visited.set(b, new Set([a]));
    }
    this.compareResolved(before, after, path);
  }

  /** Compares one top-level property (a parameter, or a result field) with a fresh visited set. */
  private compareTopLevel(before: unknown, after: unknown, path: Path): void {
    const outer = this.visited;
    this.visited = new Map();
    try {
      this.compare(before, after, path);
    } finally {
      this.visited = outer;
    }
  }

  private compareResolved(before: Resolved, after: Resolved, path: Path): void {
    if (before.schema === false || after.schema === false) {
      if (before.schema === false && after.schema !== false) this.effect('widened', path, 'Now accepts values where it accepted none.');
      else if (before.schema !== false && after.schema === false) this.effect('narrowed', path, 'Now accepts no value at all (schema false).');
      return;
    }
    if (before.opaqueRef !== undefined || after.opaqueRef !== undefined) {
      if (before.opaqueRef !== after.opaqueRef) {
        this.effect(
          'changed',
          path,
          `Reference changed from ${before.opaqueRef ?? before.ref ?? 'an inline schema'} to ${after.opaqueRef ?? after.ref ?? 'an inline schema'}.`,
        );
      }
      return;
    }
    const b = before.schema;
    const a = after.schema;
    this.compareText(b, a, path);
    if (isUnion(b) || isUnion(a)) {
      this.compareUnion(b, a, path);
      // Keywords beside the union (rare) are compared only when both sides have one; a plain side was compared as a variant.
      if (!isUnion(b) || !isUnion(a)) return;
    }
    this.compareType(b, a, path);
    this.compareEnum(b, a, path);
    this.compareFormat(b, a, path);
    this.compareBounds(b, a, path);
    this.compareObject(b, a, path);
    this.compareArray(b, a, path);
    this.compareAllOf(b, a, path);
    this.compareOthers(b, a, path);
  }

  private compareText(b: Schema, a: Schema, path: Path): void {
    for (const key of TEXT_KEYWORDS) {
      if (canonicalJson(b[key]) === canonicalJson(a[key])) continue;
      const where = this.subject(path);
      if (key === 'description' || key === 'title') describeText(this.out, where, key, asText(b[key]), asText(a[key]));
      else this.out.push({ kind: 'description', subject: where, message: `${key} changed.` });
    }
    if (Boolean(b.deprecated) !== Boolean(a.deprecated)) this.push('additive', path, a.deprecated ? 'Now deprecated.' : 'No longer deprecated.');
    if (canonicalJson(b.default) !== canonicalJson(a.default)) {
      // A new default changes what callers who leave the value out get, without making any call invalid.
      const from = b.default === undefined ? 'none' : JSON.stringify(b.default);
      const to = a.default === undefined ? 'none' : JSON.stringify(a.default);
      this.push('additive', path, `Default changed from ${from} to ${to}: callers that leave it out get the new behaviour.`);
    }
  }

  private compareType(b: Schema, a: Schema, path: Path): void {
    const was = typesOf(b);
    const is = typesOf(a);
    if (!was && !is) return;
    // An enum or const already pins the values down: a type that fits them all changes nothing.
    if (!was) {
      if (enumFits(b, is!)) return;
      this.effect('narrowed', path, `Now restricted to type ${list([...is!], 'or')} (any type before).`);
      return;
    }
    if (!is) {
      if (enumFits(a, was)) return;
      this.effect('widened', path, `Now accepts any type (was ${list([...was], 'or')}).`);
      return;
    }
    const lost = [...was].filter((t) => !coversType(is, t));
    const gained = [...is].filter((t) => !coversType(was, t));
    if (lost.length === 0 && gained.length === 0) return;
    const what = `Type changed from ${list([...was], 'or')} to ${list([...is], 'or')}.`;
    this.effect(lost.length > 0 && gained.length > 0 ? 'changed' : lost.length > 0 ? 'narrowed' : 'widened', path, what);
  }

  private compareEnum(b: Schema, a: Schema, path: Path): void {
    const was = enumOf(b);
    const is = enumOf(a);
    if (!was && !is) return;
    if (!was) {
      this.effect('narrowed', path, `Now limited to ${list(is!, 'or')}.`);
      return;
    }
    if (!is) {
      this.effect('widened', path, `No longer limited to ${list(was, 'or')}.`);
      return;
    }
    const lost = was.filter((v) => !is.includes(v));
    const gained = is.filter((v) => !was.includes(v));
    if (lost.length > 0) {
      this.effect('narrowed', path, this.direction === 'input' ? `No longer accepts ${list(lost, 'or')}.` : `No longer returns ${list(lost, 'or')}.`);
    }
    if (gained.length > 0) {
      this.effect('widened', path, this.direction === 'input' ? `Now also accepts ${list(gained, 'or')}.` : `May now also return ${list(gained, 'or')}.`);
    }
  }

  private compareFormat(b: Schema, a: Schema, path: Path): void {
    for (const key of ['format', 'pattern', 'multipleOf'] as const) {
      const was = b[key];
      const is = a[key];
      if (canonicalJson(was) === canonicalJson(is)) continue;
      const show = (v: unknown) => (key === 'pattern' ? `/${String(v)}/` : JSON.stringify(v));
      if (was === undefined) this.effect('narrowed', path, `Now requires ${key} ${show(is)}.`);
      else if (is === undefined) this.effect('widened', path, `No longer requires ${key} ${show(was)}.`, { outputWideningIsAdditive: key !== 'format' });
      else this.effect('changed', path, `${capitalize(key)} changed from ${show(was)} to ${show(is)}.`);
    }
  }

  private compareBounds(b: Schema, a: Schema, path: Path): void {
    // Constraints on results describe them; loosening one does not hand clients a new kind of value.
    const soft = { outputWideningIsAdditive: true };
    for (const key of LOWER_BOUNDS) this.compareBound(key, b[key], a[key], path, 1, soft);
    for (const key of UPPER_BOUNDS) this.compareBound(key, b[key], a[key], path, -1, soft);
    if (Boolean(b.uniqueItems) !== Boolean(a.uniqueItems)) {
      this.effect(a.uniqueItems ? 'narrowed' : 'widened', path, a.uniqueItems ? 'Items must now be unique.' : 'Items no longer need to be unique.', soft);
    }
  }

  /** `sign` 1: a larger value is stricter (a lower bound); -1: a smaller value is stricter. */
  private compareBound(key: string, was: unknown, is: unknown, path: Path, sign: 1 | -1, options: { outputWideningIsAdditive: boolean }): void {
    if (canonicalJson(was) === canonicalJson(is)) return;
    if (typeof was !== 'number' && typeof is !== 'number') return;
    if (typeof was !== 'number') {
      this.effect('narrowed', path, `New constraint ${key}: ${JSON.stringify(is)}.`);
      return;
    }
    if (typeof is !== 'number') {
      this.effect('widened', path, `Constraint ${key}: ${was} removed.`, options);
      return;
    }
    const stricter = (is - was) * sign > 0;
    this.effect(stricter ? 'narrowed' : 'widened', path, `${key} changed from ${was} to ${is} (${stricter ? 'stricter' : 'looser'}).`, options);
  }

  private compareObject(b: Schema, a: Schema, path: Path): void {
    const wasProps = propertiesOf(b);
    const isProps = propertiesOf(a);
    const wasRequired = new Set(stringsOf(b.required));
    const isRequired = new Set(stringsOf(a.required));
    // Object.hasOwn, not `in`: a property may be called toString or constructor.
    const added = Object.keys(isProps).filter((name) => !Object.hasOwn(wasProps, name));
    const input = this.direction === 'input';
    // Top-level input properties are the tool's parameters; deeper ones are properties of a parameter.
    const noun = path.length === 0 ? 'parameter' : 'property';
    for (const [name, schema] of Object.entries(wasProps)) {
      const at = [...path, name];
      if (!Object.hasOwn(isProps, name)) {
        if (input) {
          const shape = shapeOf(schema);
          const candidates = added.filter((other) => shapeOf(isProps[other]) === shape);
          const renamed = candidates.length > 0 ? ` It looks renamed to ${list(candidates, 'or')} (same schema).` : '';
          this.push('breaking', at, `${capitalize(noun)} ${name} was removed: calls that still pass it fail or have it ignored.${renamed}`);
        } else {
          this.push('breaking', at, `Field ${name} was removed from the result: clients that read it get nothing.`);
        }
        continue;
      }
      if (path.length === 0) this.compareTopLevel(schema, isProps[name], at);
      else this.compare(schema, isProps[name], at);
      if (!wasRequired.has(name) && isRequired.has(name)) {
        if (input) this.push('breaking', at, `${name} is now required: calls that leave it out fail validation. Give it a default, or keep it optional.`);
        else this.push('additive', at, `${name} is now always present.`);
      } else if (wasRequired.has(name) && !isRequired.has(name)) {
        if (input) this.push('additive', at, `${name} is now optional.`);
        else this.push('breaking', at, `${name} may now be missing from the result: clients that expect it must handle its absence.`);
      }
    }
    for (const name of added) {
      const at = [...path, name];
      if (!input) this.push('additive', at, `New result field ${name}.`);
      else if (isRequired.has(name))
        this.push('breaking', at, `New required ${noun} ${name}: calls that do not pass it fail validation. Make it optional with a default.`);
      else this.push('additive', at, `New optional ${noun} ${name}.`);
    }
    this.compareAdditional(b.additionalProperties, a.additionalProperties, path);
  }

  private compareAdditional(was: unknown, is: unknown, path: Path): void {
    // Extra fields in a result are like new fields: additive.
    const options = { outputWideningIsAdditive: true };
    const open = (v: unknown) => v === undefined || v === true;
    if (open(was) && open(is)) return;
    if (was === false && is === false) return;
    if (was === false) {
      this.effect('widened', path, 'Now allows properties beyond the listed ones.', options);
      return;
    }
    if (is === false) {
      this.effect('narrowed', path, 'No longer allows properties beyond the listed ones.', options);
      return;
    }
    if (open(was)) {
      this.effect('narrowed', path, 'Extra properties must now match a schema.', options);
      return;
    }
    if (open(is)) {
      this.effect('widened', path, 'Extra properties no longer need to match a schema.', options);
      return;
    }
    this.compare(was, is, [...path, '[*]']);
  }

  private compareArray(b: Schema, a: Schema, path: Path): void {
    const wasTuple = Array.isArray(b.prefixItems) ? (b.prefixItems as unknown[]) : undefined;
    const isTuple = Array.isArray(a.prefixItems) ? (a.prefixItems as unknown[]) : undefined;
    if (wasTuple || isTuple) {
      const shared = Math.min(wasTuple?.length ?? 0, isTuple?.length ?? 0);
      for (let i = 0; i < shared; i++) this.compare(wasTuple![i], isTuple![i], [...path, `[${i}]`]);
      if ((wasTuple?.length ?? 0) !== (isTuple?.length ?? 0)) {
        this.effect('changed', path, `Tuple changed from ${wasTuple?.length ?? 0} to ${isTuple?.length ?? 0} positional items.`);
      }
    }
    const was = b.items;
    const is = a.items;
    if (was === undefined && is === undefined) return;
    if (typeof was === 'object' && was !== null && typeof is === 'object' && is !== null) {
      this.compare(was, is, [...path, '[]']);
      return;
    }
    const open = (v: unknown) => v === undefined || v === true;
    if (open(was) && open(is)) return;
    if (was === false && is === false) return;
    if (was === false) this.effect('widened', path, 'Now allows items beyond the positional ones.');
    else if (is === false) this.effect('narrowed', path, 'No longer allows items beyond the positional ones.');
    else if (open(was)) this.effect('narrowed', path, 'Items must now match a schema.');
    else this.effect('widened', path, 'Items no longer need to match a schema.');
  }

  private compareAllOf(b: Schema, a: Schema, path: Path): void {
    const was = Array.isArray(b.allOf) ? b.allOf : [];
    const is = Array.isArray(a.allOf) ? a.allOf : [];
    if (was.length === 0 && is.length === 0) return;
    if (was.length === is.length) {
      for (let i = 0; i < was.length; i++) this.compare(was[i], is[i], path);
      return;
    }
    this.effect(was.length < is.length ? 'narrowed' : 'widened', path, `allOf changed from ${was.length} to ${is.length} schemas.`);
  }

  /**
   * anyOf / oneOf: variants are paired by what they are (the same `$ref`, the
   * same constant, or the same type), then compared pairwise; a variant with
   * no partner was removed (narrower) or added (wider). A plain schema on one
   * side counts as a union of one, so `string` → `string | null` is a widening.
   */
  private compareUnion(b: Schema, a: Schema, path: Path): void {
    const was = variantsOf(b);
    const is = variantsOf(a);
    const used = new Set<number>();
    const pairs: [unknown, unknown][] = [];
    const lost: unknown[] = [];
    const keys = (variants: unknown[], root: JsonSchema) => variants.map((v) => variantKey(v, this.resolve(v, root)));
    const wasKeys = keys(was, this.beforeRoot);
    const isKeys = keys(is, this.afterRoot);
    // Exact matches first, so that two variants of one type pair with their own counterparts.
    const exact = (v: unknown) => canonicalJson(v);
    was.forEach((variant, i) => {
      let j = is.findIndex((other, k) => !used.has(k) && exact(other) === exact(variant));
      if (j < 0) j = isKeys.findIndex((key, k) => !used.has(k) && key === wasKeys[i]);
      if (j < 0 && was.length === 1 && is.length === 1) j = 0;
      if (j < 0) {
        lost.push(variant);
        return;
      }
      used.add(j);
      pairs.push([variant, is[j]]);
    });
    for (const [v, w] of pairs) this.compare(v, w, path);
    const show = (variants: unknown[], root: JsonSchema) =>
      list(
        variants.map((v) => describeVariant(v, this.resolve(v, root))),
        'or',
      );
    if (lost.length > 0) {
      this.effect(
        'narrowed',
        path,
        this.direction === 'input' ? `No longer accepts ${show(lost, this.beforeRoot)}.` : `No longer returns ${show(lost, this.beforeRoot)}.`,
      );
    }
    const gained = is.filter((_, k) => !used.has(k));
    if (gained.length > 0) {
      this.effect(
        'widened',
        path,
        this.direction === 'input' ? `Now also accepts ${show(gained, this.afterRoot)}.` : `May now also return ${show(gained, this.afterRoot)}.`,
      );
    }
  }

  private compareOthers(b: Schema, a: Schema, path: Path): void {
    const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
    for (const key of [...keys].sort()) {
      if (HANDLED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
      if (canonicalJson(b[key]) === canonicalJson(a[key])) continue;
      const show = (v: unknown) => (v === undefined ? '(none)' : truncate(JSON.stringify(v), 60));
      this.effect('changed', path, `Keyword ${key} changed from ${show(b[key])} to ${show(a[key])}.`);
    }
  }
}

// ---------------------------------------------------------------------------
// Helpers

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of [...items].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))) map.set(key(item), item);
  return map;
}

function describeText(out: SurfaceChange[], subject: string, field: string, was: string | undefined, is: string | undefined): void {
  if ((was ?? '') === (is ?? '')) return;
  const show = (text: string | undefined) => (text ? JSON.stringify(truncate(text, 60)) : '(none)');
  out.push({ kind: 'description', subject, message: `${capitalize(field)} changed from ${show(was)} to ${show(is)}.` });
}

/** The structure of a schema without its documentation: two schemas with the same shape accept the same values. */
function shapeOf(schema: unknown): string {
  return canonicalJson(stripText(schema));
}

function stripText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripText);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Schema)
      .filter(([key]) => !TEXT_KEYWORDS.has(key) && !key.startsWith('x-'))
      .map(([key, item]) => [key, key === 'properties' || key === '$defs' || key === 'definitions' ? mapValues(item, stripText) : stripText(item)]),
  );
}

function mapValues(value: unknown, fn: (item: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Schema).map(([key, item]) => [key, fn(item)]));
}

/** Resolves a local JSON pointer (`#/$defs/Name`, `#/definitions/Name`, `#`) inside one schema; undefined when it points elsewhere or nowhere. */
function lookupPointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  if (ref === '#' || ref === '#/') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : Object.hasOwn(node, segment) ? (node as Schema)[segment] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function isUnion(schema: Schema): boolean {
  return Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf);
}

function variantsOf(schema: Schema): unknown[] {
  if (Array.isArray(schema.anyOf)) return schema.anyOf;
  if (Array.isArray(schema.oneOf)) return schema.oneOf;
  // A plain schema is a union of itself; its documentation was compared already.
  return [Object.fromEntries(Object.entries(schema).filter(([key]) => !TEXT_KEYWORDS.has(key) && key !== 'default' && key !== 'deprecated'))];
}

/** What a union variant is, for pairing: its `$ref`, its constant, or its types (plus constant-valued properties of an object: a discriminator). */
function variantKey(raw: unknown, resolved: Resolved): string {
  if (resolved.ref !== undefined) return `ref:${resolved.ref}`;
  if (resolved.schema === false) return 'false';
  const schema = resolved.schema;
  if (schema.const !== undefined) return `const:${canonicalJson(schema.const)}`;
  const types = typesOf(schema);
  const discriminators = Object.entries(propertiesOf(schema))
    .filter(([, value]) => typeof value === 'object' && value !== null && (value as Schema).const !== undefined)
    .map(([key, value]) => `${key}=${canonicalJson((value as Schema).const)}`)
    .sort();
  return `type:${types ? [...types].sort().join(',') : raw === true ? 'any' : '?'}${discriminators.length > 0 ? `:${discriminators.join(',')}` : ''}`;
}

function describeVariant(_raw: unknown, resolved: Resolved): string {
  if (resolved.ref !== undefined) return resolved.ref.split('/').pop() ?? resolved.ref;
  if (resolved.schema === false) return 'nothing';
  const schema = resolved.schema;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum))
    return list(
      schema.enum.map((v) => JSON.stringify(v)),
      'or',
    );
  const types = typesOf(schema);
  const discriminator = Object.entries(propertiesOf(schema)).find(
    ([, value]) => typeof value === 'object' && value !== null && (value as Schema).const !== undefined,
  );
  if (discriminator) return `an object with ${discriminator[0]}: ${JSON.stringify((discriminator[1] as Schema).const)}`;
  return types ? list([...types], 'or') : 'any value';
}

function typesOf(schema: Schema): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.filter((t): t is string => typeof t === 'string'));
  return undefined;
}

/** Whether the schema's enum or const values all have one of the types. */
function enumFits(schema: Schema, types: Set<string>): boolean {
  const values = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  return values?.every((v) => [...types].some((t) => jsonTypeMatches(v, t))) === true;
}

function jsonTypeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}

/** Whether a set of types accepts every value of type `t` (`number` covers `integer`). */
function coversType(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

/** `enum` or `const` values as JSON text, for comparing and showing. */
function enumOf(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => canonicalJson(v));
  if (schema.const !== undefined) return [canonicalJson(schema.const)];
  return undefined;
}

function propertiesOf(schema: Schema): Record<string, unknown> {
  const props = schema.properties;
  return props !== null && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
}

function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
