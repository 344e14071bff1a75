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
export type Wire<T> = T extends Date
  ? T
  : T extends string
    ? `${T}`
    : T extends readonly (infer Item)[]
      ? T extends readonly [unknown, ...unknown[]] | readonly []
        ? { -readonly [K in keyof T]: Wire<T[K]> }
        : Wire<Item>[]
      : T extends (...args: never[]) => unknown
        ? T
        : T extends object
          ? { -readonly [K in keyof T]: Wire<T[K]> }
          : T;

/** `true` when `A` and `B` are assignable to each other, else a {@link Drift} describing both. */
export type SameShape<Message extends string, FunctionSide, SchemaSide> = [Wire<FunctionSide>] extends [SchemaSide]
  ? [SchemaSide] extends [Wire<FunctionSide>]
    ? true
    : Drift<Message, Wire<FunctionSide>, SchemaSide>
  : Drift<Message, Wire<FunctionSide>, SchemaSide>;

/**
 * Fails to compile unless the check resolved to `true`; costs nothing at run time:
 * `type _x = ExpectNoDrift<SameShape<'x: parameters differ', Parameters<typeof x>, [a: string]>>;`
 * The error reads "Type 'Drift<…>' does not satisfy the constraint 'true'", with both sides in it.
 */
export type ExpectNoDrift<Check extends true> = Check;
