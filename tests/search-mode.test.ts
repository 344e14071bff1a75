/**
 * Search mode end to end: `toolwright serve github --mode search` over stdio,
 * driven by the SDK Client, calling a mock upstream on 127.0.0.1. The whole
 * API (1223 operations) in a few hundred tokens of tools/list; search →
 * describe → call reaching the upstream with the exact request; read-only
 * and pinned toolsets; and a set of tasks written as users would ask them,
 * each of which must find its operation in the top 3.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type MockUpstream, searchMode, startMockUpstream } from '@toolwright/runtime';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, cleanEnv, ROOT, spawnCli } from './support/processes.js';

const GITHUB_TOKEN = 'ghp_test_0123456789abcdefghijklmnopqrstuvwxyz';
let upstream: MockUpstream;
const clients: Client[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream();
});
beforeEach(() => {
  upstream.requests.length = 0;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  await upstream.close();
});

async function connect(env: Record<string, string>, ...flags: string[]): Promise<Client> {
  const client = new Client({ name: 'search-mode-e2e', version: '1.0.0' });
  const base = Object.fromEntries(Object.entries(cleanEnv()).filter((e): e is [string, string] => e[1] !== undefined && !/TOKEN|API_URL/.test(e[0])));
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'serve', 'github', ...flags],
      env: { ...base, GITHUB_API_URL: upstream.url, GITHUB_TOKEN, TOOLWRIGHT_LOG_LEVEL: 'warn', ...env },
      cwd: ROOT,
      stderr: 'ignore',
    }),
  );
  clients.push(client);
  return client;
}

const text = (result: object): string =>
  ((result as { content?: { type: string; text?: string }[] }).content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
type Found = { results: { name: string; description: string; toolset: string; readOnly: boolean }[] };
const search = async (client: Client, query: string, limit = 3) =>
  ((await client.callTool({ name: 'search_tools', arguments: { query, limit } })).structuredContent as Found).results;

/**
 * Tasks as a user would put them to an assistant, with the operations that do them. Written first from
 * what people ask of GitHub (verbs varied, not copied from the operation summaries), then ranked; the last 20
 * were written after the ranking was tuned and were not tuned against (held out): they measure how well it
 * generalises. A task lists several operations where several do the job.
 */
const TASKS: readonly (readonly [string, readonly string[]])[] = [
  ['add a label to an issue', ['issues_add_labels']],
  ['list workflow runs for a branch', ['actions_list_workflow_runs_for_repo', 'actions_list_workflow_runs']],
  ['open a new issue to report a bug', ['issues_create']],
  ['close issue 12 as completed', ['issues_update']],
  ['leave a comment on a pull request', ['issues_create_comment', 'pulls_create_review_comment', 'pulls_create_review']],
  ['merge a pull request', ['pulls_merge']],
  ['star a repository', ['activity_star_repo_for_authenticated_user']],
  ['fork a repo into my account', ['repos_create_fork']],
  ['see who has push access to a repository', ['repos_list_collaborators', 'repos_get_collaborator_permission_level']],
  ['download the logs of a failed workflow run', ['actions_download_workflow_run_logs', 'actions_download_job_logs_for_workflow_run']],
  ['retry only the failed jobs of a CI run', ['actions_re_run_workflow_failed_jobs']],
  ['kick off a workflow manually', ['actions_create_workflow_dispatch']],
  ['read the README of a project', ['repos_get_readme']],
  ['get the contents of a file in a repo', ['repos_get_content']],
  ['publish a release for tag v1.2.0', ['repos_create_release']],
  ['delete a branch', ['git_delete_ref']],
  ['require pull request reviews before merging into main', ['repos_update_branch_protection', 'repos_update_pull_request_review_protection']],
  ['ask a teammate to review my PR', ['pulls_request_reviewers']],
  ['show open pull requests in a repo', ['pulls_list']],
  ['search code for a function name', ['search_code']],
  ['find repositories about machine learning', ['search_repos']],
  ["look up someone's profile by username", ['users_get_by_username']],
  ['who am I logged in as', ['users_get_authenticated']],
  ['list my unread notifications', ['activity_list_notifications_for_authenticated_user']],
  ['mark all notifications as read', ['activity_mark_notifications_as_read']],
  ['share a code snippet as a gist', ['gists_create']],
  ['give a user write access to a repository', ['repos_add_collaborator']],
  ['store an API key as an Actions secret in a repo', ['actions_create_or_update_repo_secret']],
  ['list the commits on a branch', ['repos_list_commits']],
  ['compare two branches', ['repos_compare_commits', 'repos_compare_commits_with_basehead']],
  ['how many API calls do I have left', ['rate_limit_get']],
  ['list the members of an organization', ['orgs_list_members']],
  ['invite someone to join my organization', ['orgs_create_invitation', 'orgs_set_membership_for_user']],
  ['assign an issue to a user', ['issues_add_assignees']],
  ['lock the conversation on an issue', ['issues_lock']],
  ['set up a webhook for push events', ['repos_create_webhook']],
  ['list Dependabot alerts for a repository', ['dependabot_list_alerts_for_repo']],
  ['which files does a pull request change', ['pulls_list_files']],
  ['react with a thumbs up to an issue comment', ['reactions_create_for_issue_comment']],
  ['create a new repository in my account', ['repos_create_for_authenticated_user']],
  ['set the topics of a repository', ['repos_replace_all_topics']],
  ['list the tags of a repo', ['repos_list_tags']],
  ['cancel a running workflow', ['actions_cancel_workflow_run']],
  ['check runs for a commit', ['checks_list_for_ref']],
  ['change the title of a pull request', ['pulls_update']],
  ['create a milestone', ['issues_create_milestone']],
  ['what labels does a repo have', ['issues_list_labels_for_repo']],
  ['delete a comment on an issue', ['issues_delete_comment']],
  ['create a branch from main', ['git_create_ref']],
  ['list code scanning alerts for a repository', ['code_scanning_list_alerts_for_repo']],
  // held out: written after tuning, not tuned against
  ['remove a label from an issue', ['issues_remove_label']],
  ['reopen a closed pull request', ['pulls_update']],
  ['list the branches of a repository', ['repos_list_branches']],
  ['get a single commit by its sha', ['repos_get_commit', 'git_get_commit']],
  ['unstar a repo', ['activity_unstar_repo_for_authenticated_user']],
  ['follow a user', ['users_follow']],
  ['list the repositories of an organization', ['repos_list_for_org']],
  ['approve a pull request', ['pulls_create_review', 'pulls_submit_review']],
  ['list the jobs of a workflow run', ['actions_list_jobs_for_workflow_run', 'actions_list_jobs_for_workflow_run_attempt']],
  ['delete a repository', ['repos_delete']],
  ['get the latest release', ['repos_get_latest_release']],
  ['list forks of a repository', ['repos_list_forks']],
  ['add an SSH key to my account', ['users_create_public_ssh_key_for_authenticated_user']],
  ['list the people watching a repo', ['activity_list_watchers_for_repo']],
  ['edit a comment on an issue', ['issues_update_comment']],
  ['list comments on an issue', ['issues_list_comments']],
  ['create a team in an organization', ['teams_create']],
  ['list secret scanning alerts in a repository', ['secret_scanning_list_alerts_for_repo']],
  ['render markdown to HTML', ['markdown_render', 'markdown_render_raw']],
  ['get the license of a repository', ['licenses_get_for_repo']],
];
/**
 * At most one task in ten may miss the top 3. Measured when written: 46/50 on the tuned tasks, 19/20 held out
 * (65/70 = 92.9%); the misses are genuinely ambiguous or need knowledge the descriptions lack (a branch is a
 * "ref"; "calls left" is the rate limit). The floor leaves room for two more before it fails, so a ranking change
 * that loses ground shows up here, while rewording one description upstream does not break the build.
 */
const MIN_TOP3_HIT_RATE = 0.9;

describe('toolwright serve github --mode search', () => {
  let github: Client;
  let startedMs: number;
  beforeAll(async () => {
    const started = performance.now();
    github = await connect({}, '--mode', 'search');
    await github.listTools();
    startedMs = performance.now() - started;
  });

  it('lists three meta-tools for all 1223 operations, in at most 1,500 tokens of tools/list', async () => {
    const { tools } = await github.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
    expect(tools[0]!.description).toContain('1223 GitHub operations');
    const tokens = countTokens(JSON.stringify({ tools }));
    // The same count as `toolwright tokens github --mode search` takes, in process.
    const { tokenReport } = await import('../packages/cli/src/commands/tokens.js');
    const { loadServerDefinition } = await import('../packages/cli/src/commands/serve.js');
    const report = await tokenReport(await searchMode(await loadServerDefinition('github'), { preload: false }));
    expect(report.tokens).toBe(tokens);
    console.log(`search mode: tools/list ${tokens} tokens (o200k) for ${report.tools} tools; ready (spawn → tools/list) in ${Math.round(startedMs)} ms`);
    expect(tokens).toBeLessThanOrEqual(1500);
  });

  it('search → describe → call: the operation found is called with the exact method, path and body', async () => {
    const started = performance.now();
    const [first] = await search(github, 'add a label to an issue');
    // The index has been loading in the background since start; this waits for whatever is left of it.
    console.log(`search mode: first search_tools call ${Math.round(performance.now() - started)} ms`);
    expect(first).toEqual({ name: 'issues_add_labels', description: 'Add labels to an issue.', toolset: 'issues', readOnly: false });

    const described = (await github.callTool({ name: 'describe_tool', arguments: { name: first!.name } })).structuredContent as {
      inputSchema: { properties: Record<string, unknown>; required: string[] };
    };
    expect(described.inputSchema.required).toEqual(['owner', 'repo', 'issue_number']);
    expect(Object.keys(described.inputSchema.properties)).toContain('body');

    upstream.reply({ body: [{ id: 1, name: 'bug' }] });
    const result = await github.callTool({
      name: 'call_tool',
      arguments: { name: first!.name, arguments: { owner: 'octo', repo: 'hello', issue_number: 7, body: { labels: ['bug'] } } },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ items: [{ id: 1, name: 'bug' }] });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', path: '/repos/octo/hello/issues/7/labels', query: '' });
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({ labels: ['bug'] });
    expect(upstream.requests[0]!.headers).toMatchObject({ authorization: `Bearer ${GITHUB_TOKEN}`, 'x-github-api-version': '2022-11-28' });
  });

  it('call_tool refuses bad arguments with the message a direct call gives, before anything is sent', async () => {
    const direct = await connect({}, '--tools', 'issues_add_labels');
    const args = { owner: 'octo', repo: 'hello', issue_number: 'seven' };
    const viaSearch = await github.callTool({ name: 'call_tool', arguments: { name: 'issues_add_labels', arguments: args } });
    const viaDirect = await direct.callTool({ name: 'issues_add_labels', arguments: args });
    expect(viaSearch.isError).toBe(true);
    expect(viaSearch).toEqual(viaDirect);
    expect(text(viaSearch)).toMatch(/^Invalid arguments for issues_add_labels:\n- issue_number/);
    const unknown = await github.callTool({ name: 'call_tool', arguments: { name: 'add_labels_to_issue', arguments: {} } });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toMatch(/^Unknown operation "add_labels_to_issue"\. Did you mean .*"issues_add_labels"/);
    expect(upstream.requests).toEqual([]);
  });

  it(`finds the right operation in the top 3 for ${TASKS.length} tasks written as users ask them`, async () => {
    const misses: string[] = [];
    let first = 0;
    for (const [task, expected] of TASKS) {
      const found = (await search(github, task)).map((r) => r.name);
      if (expected.includes(found[0] ?? '')) first++;
      if (!found.some((name) => expected.includes(name))) misses.push(`  "${task}": got ${found.join(', ')}; wanted ${expected.join(' or ')}`);
    }
    const rate = (TASKS.length - misses.length) / TASKS.length;
    console.log(
      `search mode: top-3 hit rate ${TASKS.length - misses.length}/${TASKS.length} = ${(rate * 100).toFixed(1)}% (top 1: ${first}/${TASKS.length}); misses:\n${misses.join('\n') || '  none'}`,
    );
    expect(rate).toBeGreaterThanOrEqual(MIN_TOP3_HIT_RATE);
  });
});

describe('search mode with --read-only, pins and TOOLWRIGHT_MODE', () => {
  it('--read-only: searches only read-only operations and refuses to call the others, sending nothing', async () => {
    const readOnly = await connect({}, '--mode', 'search', '--read-only');
    const found = await search(readOnly, 'create an issue', 20);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.readOnly)).toBe(true);
    expect(found.map((r) => r.name)).not.toContain('issues_create');
    const refused = await readOnly.callTool({ name: 'call_tool', arguments: { name: 'issues_create', arguments: { owner: 'o', repo: 'r', title: 't' } } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^Operation "issues_create" changes data, and this server is read-only/);
    upstream.reply({ body: { id: 1, full_name: 'octo/hello' } });
    const allowed = await readOnly.callTool({ name: 'call_tool', arguments: { name: 'repos_get', arguments: { owner: 'octo', repo: 'hello' } } });
    expect(allowed.isError).toBeFalsy();
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/octo/hello']);
  });

  it('TOOLWRIGHT_MODE=search with --pin default lists the default toolsets beside the meta-tools', async () => {
    const pinned = await connect({ TOOLWRIGHT_MODE: 'search' }, '--pin', 'default');
    const { tools } = await pinned.listTools();
    expect(tools.slice(0, 3).map((t) => t.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['issues_create', 'pulls_create', 'users_get_authenticated']));
    expect(tools.length).toBeGreaterThan(30);
    console.log(`search mode --pin default: ${tools.length} tools, ${countTokens(JSON.stringify({ tools }))} tokens (o200k) in tools/list`);
    // the pinned tools are called directly, and the rest of the API is still one search away
    upstream.reply({ body: { login: 'octo' } });
    expect((await pinned.callTool({ name: 'users_get_authenticated', arguments: {} })).isError).toBeFalsy();
    expect((await search(pinned, 'star a repository')).map((r) => r.name)).toContain('activity_star_repo_for_authenticated_user');
  });

  it('an unknown mode refuses to start and says which modes exist', async () => {
    const viaEnv = spawnCli(['serve', 'github'], cleanEnv({ TOOLWRIGHT_MODE: 'fast' }));
    expect((await viaEnv.exited()).code).not.toBe(0);
    expect(viaEnv.stderrLines.join('\n')).toContain('TOOLWRIGHT_MODE="fast" is not a mode. Use "tools"');
    const viaFlag = spawnCli(['serve', 'github', '--mode', 'fast']);
    expect((await viaFlag.exited()).code).not.toBe(0);
    expect(viaFlag.stderrLines.join('\n')).toMatch(/--mode.*fast.*(tools, search|"tools", "search")/s);
  });
});
