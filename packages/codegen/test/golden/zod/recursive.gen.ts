// Golden file of packages/codegen/src/emit/zod.test.ts. Do not edit it by hand.
// Regenerate: UPDATE_GOLDEN=1 npx vitest run packages/codegen

import { z } from "zod";

export const Meta = z.object({
  mode: z.string().regex(new RegExp("^[0-7]{3}$", "u")).optional(),
  tags: z.array(z.string())
    .refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, "Items must be unique")
    .optional(),
}).catchall(z.string());

export type Entry = {
  name: string;
  kind: "file" | "dir";
  size: number;
  children?: Entry[] | undefined;
  parent?: Entry | null | undefined;
  meta?: z.output<typeof Meta> | undefined;
};
export type EntryInput = {
  name: string;
  kind: "file" | "dir";
  size?: number | undefined;
  children?: EntryInput[] | undefined;
  parent?: EntryInput | null | undefined;
  meta?: z.output<typeof Meta> | undefined;
};
export const Entry: z.ZodType<Entry, EntryInput> = z.object({
  name: z.string().min(1),
  kind: z.enum(["file", "dir"]),
  size: z.int().min(0).default(0),
  get children() {
    return z.array(Entry).optional();
  },
  get parent() {
    return Entry.nullable().optional();
  },
  meta: Meta.optional(),
});

export type Json = string | number | boolean | Json[] | { [key: string]: Json } | null;
export const Json: z.ZodType<Json, Json> = z.lazy(() => z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(Json),
  z.record(z.string(), Json),
]).nullable());

export type Team = {
  name: string;
  lead?: Person | undefined;
  members?: Person[] | undefined;
  subteams?: { [key: string]: Team } | undefined;
  settings?: {
    visibility: "public" | "private";
    [key: string]: unknown;
  } | undefined;
};
export type TeamInput = {
  name: string;
  lead?: PersonInput | undefined;
  members?: PersonInput[] | undefined;
  subteams?: { [key: string]: TeamInput } | undefined;
  settings?: {
    visibility?: "public" | "private" | undefined;
    [key: string]: unknown;
  } | undefined;
};
export const Team: z.ZodType<Team, TeamInput> = z.object({
  name: z.string(),
  get lead() {
    return Person.optional();
  },
  get members() {
    return z.array(Person).optional();
  },
  get subteams() {
    return z.record(z.string(), Team).optional();
  },
  settings: z.looseObject({
    visibility: z.enum(["public", "private"]).default("public"),
  }).optional(),
});

export type Person = {
  email: string;
  phone?: string | null | undefined;
  teams?: Team[] | undefined;
  manager?: Person | undefined;
};
export type PersonInput = {
  email: string;
  phone?: string | null | undefined;
  teams?: TeamInput[] | undefined;
  manager?: PersonInput | undefined;
};
export const Person: z.ZodType<Person, PersonInput> = z.object({
  email: z.email(),
  phone: z.string().nullable().optional(),
  teams: z.array(Team).optional(),
  get manager() {
    return Person.optional();
  },
});

export type Shape2 = {
  points?: [number, (number | undefined)?][] | undefined;
  fill?: "solid" | undefined;
  group?: {
    id?: number | undefined;
    ["__proto__"]?: Shape2 | undefined;
  } | undefined;
  layer?: string & string | undefined;
  mixed?: 1 | "one" | Shape2 | undefined;
  attrs?: {
    id?: string | undefined;
    [key: string]: unknown;
  } | undefined;
  tags?: Shape2[] | undefined;
  path?: (string | Shape2 | undefined)[] | undefined;
  opts: {
    zoom: number;
    at?: string | undefined;
  };
  children?: { [key: string]: Shape2 } | undefined;
};
export type Shape2Input = {
  points?: [number, (number | undefined)?][] | undefined;
  fill?: "solid" | undefined;
  group?: {
    id?: number | undefined;
    ["__proto__"]?: Shape2Input | undefined;
  } | undefined;
  layer?: string & string | undefined;
  mixed?: 1 | "one" | Shape2Input | undefined;
  attrs?: {
    id?: string | undefined;
    [key: string]: unknown;
  } | undefined;
  tags?: Shape2Input[] | undefined;
  path?: (string | Shape2Input | undefined)[] | undefined;
  opts?: {
    zoom?: number | undefined;
    at?: string | undefined;
  } | undefined;
  children?: { [key: string]: Shape2Input } | undefined;
};
export const Shape2: z.ZodType<Shape2, Shape2Input> = z.strictObject({
  points: z.array(z.tuple([z.number(), z.number().optional()])).optional(),
  fill: z.literal("solid").optional(),
  group: z.object({
    id: z.int().optional(),
    get ["__proto__"]() {
      return Shape2.optional();
    },
  }).optional(),
  layer: z.intersection(z.string().regex(new RegExp("^a", "u")), z.string().regex(new RegExp("b$", "u"))).optional(),
  get mixed() {
    return z.union([z.literal(1), z.literal("one"), Shape2]).optional();
  },
  get attrs() {
    return z.object({
      id: z.uuid().optional(),
    }).catchall(Shape2).optional();
  },
  get tags() {
    return z.array(Shape2)
      .min(1)
      .refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, "Items must be unique")
      .optional();
  },
  get path() {
    return z.tuple([z.string().optional()], Shape2).optional();
  },
  opts: z.object({
    zoom: z.int().default(1),
    at: z.iso.datetime({ offset: true }).optional().meta({ deprecated: true }),
  }).prefault({}),
  get children() {
    return z.record(z.string(), Shape2)
      .refine((value) => Object.keys(value).length >= 1, "Expected at least 1 property")
      .optional()
      .describe("Named children");
  },
});

/** A directory listing, nested. */
export const FileTree = Entry;
export type FileTree = z.output<typeof FileTree>;

/** Any JSON value. */
export const JsonValue = Json;
export type JsonValue = z.output<typeof JsonValue>;

export type Expression = {
  op: "lit";
  value: number;
} | {
  op: "neg";
  arg: Expression;
} | {
  op: "add" | "mul";
  args: [Expression, Expression];
};
export const Expression: z.ZodType<Expression, Expression> = z.discriminatedUnion("op", [
  z.strictObject({
    op: z.literal("lit"),
    value: z.number(),
  }),
  z.strictObject({
    op: z.literal("neg"),
    get arg() {
      return Expression;
    },
  }),
  z.strictObject({
    op: z.enum(["add", "mul"]),
    get args() {
      return z.tuple([Expression, Expression]);
    },
  }),
]);

export const Organization = Team;
export type Organization = z.output<typeof Organization>;

export const Shape = Shape2;
export type Shape = z.output<typeof Shape>;
