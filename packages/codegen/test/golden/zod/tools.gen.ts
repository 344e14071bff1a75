// Golden file of packages/codegen/src/emit/zod.test.ts. Do not edit it by hand.
// Regenerate: UPDATE_GOLDEN=1 npx vitest run packages/codegen

import { z } from "zod";

export const SimpleUser = z.object({
  login: z.string(),
  id: z.int(),
  email: z.email().nullable().optional(),
  avatar_url: z.url(),
  type: z.string(),
  site_admin: z.boolean(),
});

export const Assigned = z.object({
  id: z.int(),
  created_at: z.iso.datetime({ offset: true }),
  event: z.literal("assigned"),
  assignee: SimpleUser,
});

export const AuthorAssociation = z.enum([
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIMER",
  "FIRST_TIME_CONTRIBUTOR",
  "MANNEQUIN",
  "MEMBER",
  "NONE",
  "OWNER",
]).describe("How the author is associated with the repository.");

export const Milestone = z.object({
  number: z.int(),
  title: z.string(),
  due_on: z.iso.date().nullable().optional(),
  creator: SimpleUser.nullable().optional(),
});

export const Issue = z.object({
  id: z.int(),
  node_id: z.string(),
  url: z.url(),
  number: z.int().describe("Number uniquely identifying the issue within its repository"),
  state: z.enum(["open", "closed"]),
  state_reason: z.enum(["completed", "reopened", "not_planned"]).nullable().optional(),
  title: z.string(),
  body: z.string().nullable().optional(),
  user: SimpleUser.nullable(),
  labels: z.array(z.union([
    z.string(),
    z.object({
      id: z.int().optional(),
      name: z.string().optional(),
      color: z.string().nullable().optional(),
      default: z.boolean().optional(),
    }),
  ])).optional(),
  assignees: z.array(SimpleUser).nullable().optional(),
  milestone: Milestone.nullable().optional(),
  created_at: z.iso.datetime({ offset: true }),
  closed_at: z.iso.datetime({ offset: true }).nullable(),
  author_association: AuthorAssociation,
  reactions: z.record(z.string(), z.int().min(0)).optional(),
});

export const Label = z.object({
  name: z.string(),
  color: z.string().regex(new RegExp("^[0-9a-fA-F]{6}$", "u")),
});

export const Labeled = z.object({
  event: z.literal("labeled"),
  label: Label,
  actor: SimpleUser,
}).describe("Labeled Issue Event");

export const IssueEvent = z.discriminatedUnion("event", [
  Labeled,
  Assigned,
  z.object({
    event: z.literal("closed"),
    commit_id: z.string().nullable(),
  }),
]);

export const Label2 = z.strictObject({
  name: z.string().min(1).max(50),
});

export const Sort = z.enum(["created", "updated", "comments"]).describe("What to sort results by.");

/** Arguments of issues_list_for_repo. */
export const ListIssuesInput = z.strictObject({
  owner: z.string().describe("The account owner of the repository. The name is not case sensitive."),
  repo: z.string().regex(new RegExp("^[A-Za-z0-9_.-]+$", "u")),
  state: z.enum(["open", "closed", "all"]).default("open"),
  labels: z.string().optional().describe("A list of comma separated label names. Example: `bug,ui,@high`"),
  sort: Sort.default("created"),
  since: z.iso.datetime({ offset: true })
    .optional()
    .describe("Only show results that were last updated after the given time."),
  per_page: z.int().min(1).max(100).default(30),
  page: z.int().gt(0).default(1),
});
export type ListIssuesInput = z.output<typeof ListIssuesInput>;

/** Result of issues_list_for_repo. */
export const ListIssuesOutput = z.object({
  items: z.array(Issue),
});
export type ListIssuesOutput = z.output<typeof ListIssuesOutput>;

/** Arguments of issues_create. */
export const CreateIssueInput = z.strictObject({
  owner: z.string(),
  repo: z.string(),
  title: z.union([z.string().min(1).max(256), z.int()]).describe("The title of the issue."),
  body: z.string().optional().describe("The contents of the issue. Markdown with \"quotes\", a */ and a ${template}."),
  assignee: z.string().nullable().optional().meta({ description: "Use `assignees` instead.", deprecated: true }),
  milestone: z.union([z.string(), z.int()]).nullable().optional(),
  labels: z.array(z.union([
    z.string(),
    z.strictObject({
      id: z.int().optional(),
      name: z.string().optional(),
    }),
  ]))
    .refine((items) => new Set(items.map((item) => JSON.stringify(item))).size === items.length, "Items must be unique")
    .optional(),
  assignees: z.array(z.string()).max(10).optional(),
  type: z.uuid().nullable().optional(),
  metadata: z.record(z.string(), z.string())
    .refine((value) => Object.keys(value).length <= 10, "Expected at most 10 properties")
    .optional(),
});
export type CreateIssueInput = z.output<typeof CreateIssueInput>;

/** Result of issues_create. */
export const CreateIssueOutput = IssueEvent;
export type CreateIssueOutput = z.output<typeof CreateIssueOutput>;

/** Arguments of issues_set_labels. */
export const SetLabelsInput = z.strictObject({
  labels: z.array(Label2).min(1),
  position: z.tuple([z.number(), z.number()]).optional(),
  range: z.tuple([z.int(), z.int().optional()], z.unknown()).optional(),
  options: z.strictObject({
    replace: z.boolean().default(false),
  }).prefault({}),
});
export type SetLabelsInput = z.output<typeof SetLabelsInput>;
