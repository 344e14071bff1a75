/**
 * Type-level checks that generated registration code uses to prove its zod
 * schemas still match the functions they were generated from. A mismatch is
 * a `tsc` error at the generated line for that function, and the error text
 * shows both sides:
 *
 *   Type 'true' is not assignable to type 'Drift<"list_issues: parameters differ", [owner: string], [owner: number]>'.
 *
 * Regenerate (`npx toolwright build`) to fix it.
 */

import type { z } from 'zod';
import type { ToolContext } from './definitions.js';

/** What a drift check resolves to when the two sides differ: its fields are the evidence. */
export interface Drift<Message extends string, FunctionSide, SchemaSide> {
  readonly drift: Message;
  readonly function: FunctionSide;
  readonly schema: SchemaSide;
}

/**
 * A value's JSON wire form as TypeScript sees it: string enums become their
 * string literal values (the schema carries values, the function a nominal
 * enum type); everything else is kept, recursively.
 */
export type Wire<T> = T extends Date | ToolContext
  ? T
  : T extends string
    ? WireString<T>
    : T extends readonly (infer Item)[]
      ? number extends T['length'] // an array; a tuple (even one whose items are all optional) has a fixed or bounded length
        ? Wire<Item>[]
        : { -readonly [K in keyof T]: Wire<T[K]> }
      : T extends (...args: never[]) => unknown
        ? T
        : T extends object
          ? { -readonly [K in keyof T]: Wire<T[K]> }
          : T;

/**
 * A string type as a schema states it: a literal (or string enum member) is its
 * value; `string` and open patterns such as template literal types
 * (`${string}-${number}`) are `string`, since a JSON Schema pattern still parses
 * to `string`. (A finite literal makes `Record<T, 1>` require its keys; an open
 * one does not.)
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` (no required keys) is the point of the test.
type WireString<T extends string> = {} extends Record<T, 1> ? string : `${T}`;

/**
 * A result as it is sent: like {@link Wire}, and a `Date` becomes its ISO
 * string (the runtime turns results into JSON before checking them against
 * the output schema).
 */
export type JsonWire<T> = T extends Date
  ? string
  : T extends string
    ? WireString<T>
    : T extends readonly (infer Item)[]
      ? number extends T['length']
        ? JsonWire<Item>[]
        : { -readonly [K in keyof T]: JsonWire<T[K]> }
      : T extends (...args: never[]) => unknown
        ? T
        : T extends object
          ? { -readonly [K in keyof T]: JsonWire<T[K]> }
          : T;

/** `T` with the keys `K` optional: fields whose schema has a default are optional to the caller but always set after parsing. */
export type WithDefaults<T, K extends keyof T> = [K] extends [never] ? T : Omit<T, K> & Partial<Pick<T, K>>;

/** `true` when `A` and `B` are assignable to each other, else a {@link Drift} describing both. */
export type SameShape<Message extends string, FunctionSide, SchemaSide> = [Wire<FunctionSide>] extends [SchemaSide]
  ? [SchemaSide] extends [Wire<FunctionSide>]
    ? true
    : Drift<Message, Wire<FunctionSide>, SchemaSide>
  : Drift<Message, Wire<FunctionSide>, SchemaSide>;

/** Like {@link SameShape}, for results: the function's return type as sent ({@link JsonWire}) against the output schema. */
export type SameResult<Message extends string, FunctionSide, SchemaSide> = [JsonWire<FunctionSide>] extends [SchemaSide]
  ? [SchemaSide] extends [JsonWire<FunctionSide>]
    ? true
    : Drift<Message, JsonWire<FunctionSide>, SchemaSide>
  : Drift<Message, JsonWire<FunctionSide>, SchemaSide>;

/**
 * Fails to compile unless the check resolved to `true`; costs nothing at run time:
 * `type _x = ExpectNoDrift<SameShape<'x: parameters differ', Parameters<typeof x>, [a: string]>>;`
 * The error reads "Type 'Drift<…>' does not satisfy the constraint 'true'", with both sides in it.
 */
export type ExpectNoDrift<Check extends true> = Check;

// ---------------------------------------------------------------- spec checks of OpenAPI tools
// Generated HTTP tools are checked against openapi-typescript's `operations` for the spec. One-directional: the
// arguments a tool sends must fit the operation; the operation may accept more (optional fields the tool leaves out).

/** The arguments a tool sends for the keys `K`: optional as the input schema says, typed as parsed, as JSON. */
export type SentArgs<T extends z.ZodType, K extends keyof z.input<T> & keyof z.output<T>> = JsonWire<{ [P in keyof Pick<z.input<T>, K>]: z.output<T>[P] }>;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is the test for an optional key.
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;
/** The request body of an operation for one content type (never when it has none). */
export type JsonBody<Op, Type extends string> =
  NonNullable<Op extends { requestBody?: infer B } ? B : never> extends { content: infer C } ? (Type extends keyof C ? NonNullable<C[Type]> : never) : never;
/**
 * `true` when the arguments fit the operation's fields: each is one of them, with a type they accept and the same
 * required-ness, and every field the operation requires is sent (or `Exempt`: supplied by the server, or renamed);
 * else a Drift with both sides.
 */
export type FitsOperation<Message extends string, Args, Spec, Exempt extends PropertyKey = never> = [Exclude<keyof Args, keyof Spec>] extends [never]
  ? [Exclude<RequiredKeys<Spec>, keyof Args | Exempt>] extends [never]
    ? [Args] extends [Pick<Spec, keyof Args & keyof Spec>]
      ? [Exclude<OptionalKeys<Pick<Spec, keyof Args & keyof Spec>>, OptionalKeys<Args>>] extends [never]
        ? true
        : Drift<Message, Args, Spec>
      : Drift<Message, Args, Spec>
    : Drift<Message, Args, Spec>
  : Drift<Message, Args, Spec>;
/** `true` when the one argument that is the whole body fits the operation's body, else a Drift. */
export type FitsBody<Message extends string, Arg, Body> = [Arg] extends [Body] ? true : Drift<Message, Arg, Body>;
