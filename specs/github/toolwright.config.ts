/**
 * GitHub's REST API (@octokit/openapi 23.0.2) as an MCP server. Every operation is a tool and
 * reachable through a toolset named after its tag (`--toolsets actions,gists`, or `all`); the
 * default surface is the everyday work GitHub's own MCP server offers by default: the signed-in
 * user, repositories and their contents, issues, pull requests and users.
 * Regenerate with `npx toolwright build specs/github`.
 */
import { defineOpenApiConfig } from '@toolwright/codegen';

export default defineOpenApiConfig({
  spec: 'api.github.com.json',
  outDir: '../../generated/github',
  name: 'github',
  version: '0.1.0',
  title: 'GitHub',
  instructions:
    'Owner and repo name every repository (owner/repo). Use the search_* tools to find repositories, code, issues and users; get_content reads files and folders. List tools page with per_page and page.',
  profile: {
    baseUrlEnv: 'GITHUB_API_URL',
    baseUrl: 'https://api.github.com',
    auth: { env: 'GITHUB_TOKEN', scheme: 'bearer' },
    headers: { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
    // GitHub allows 5,000 requests an hour per token; pace bursts well below its secondary limits.
    rateLimit: { requests: 10, perSeconds: 1 },
    // GitHub's docs ask for a second between writes (its secondary rate limits punish bursts of them).
    writeIntervalMs: 1000,
    // Answers made compact for the model: API self-links and node ids dropped (the web link html_url stays), the user
    // and repository objects nested in issues and pull requests reduced to their login and full_name, file content
    // decoded from base64. TOOLWRIGHT_RAW_RESULTS=true turns this off.
    shape: {
      drop: ['url', 'node_id', 'gravatar_id', '_links', 'performed_via_github_app'],
      dropSuffixes: ['_url'],
      keep: ['html_url', 'download_url', 'browser_download_url'],
      collapse: [
        { when: ['login', 'id', 'avatar_url'], to: 'login' },
        { when: ['full_name', 'owner', 'private'], to: 'full_name' },
      ],
      decodeBase64: true,
    },
  },
  maxDescriptionLength: 120,
  // The build fails when the default surface's tools/list costs more (o200k tokens; `npx toolwright tokens github`).
  tokenBudget: 8000,
  // Every operation stays reachable (`--toolsets all`); deprecated ones are marked so.
  includeDeprecated: true,
  // Said once here instead of the spec's long sentence in every tool.
  argumentDescriptions: {
    owner: 'Account (user or organization) that owns the repository.',
    repo: 'Repository name.',
    per_page: 'Results per page (max 100).',
    page: 'Page number of the results (from 1).',
    pull_number: 'Pull request number.',
    issue_number: 'Issue number.',
    direction: 'Sort direction: asc or desc.',
  },
  // Arguments of the default tools that few tasks need, left out to keep tools/list small;
  // `--toolsets all` offers the full operations under the same names.
  tools: {
    'pulls/get': { description: 'Get a pull request: title, body, state, branches, mergeability and review state.' },
    'pulls/list': { description: 'List the pull requests of a repository, open ones by default.' },
    'pulls/create': { description: 'Open a pull request from a head branch into a base branch.' },
    'pulls/update': { description: 'Change a pull request: title, body, state, or base branch.' },
    'repos/delete-file': { description: 'Delete a file in a repository with a commit (needs the file\'s blob sha).', hidden: ['author', 'committer'] },
    'repos/list-commits': { description: 'List the commits of a repository or of one branch, newest first.', hidden: ['since', 'until', 'committer'] },
    'repos/get-commit': { description: 'Get one commit with its message, author, files and diff stats.' },
    'repos/list-releases': { description: 'List the releases of a repository, newest first.' },
    'repos/list-for-authenticated-user': { description: 'List the repositories the signed-in user can access.', hidden: ['since', 'before', 'type'] },
    'pulls/update-branch': { description: 'Bring a pull request branch up to date by merging its base branch into it.' },
    'repos/get': { description: 'Get a repository: description, default branch, visibility, topics and counts.' },
    'git/create-ref': { description: 'Create a branch or tag: a ref such as refs/heads/feature at a commit sha.' },
    'issues/update': { hidden: ['issue_field_values', 'type', 'assignee', 'duplicate_issue_id'] },
    'issues/create': { hidden: ['issue_field_values', 'type', 'assignee'] },
    'repos/create-or-update-file-contents': { hidden: ['author', 'committer'] },
    'repos/create-for-authenticated-user': {
      hidden: [
        'squash_merge_commit_title',
        'squash_merge_commit_message',
        'merge_commit_title',
        'merge_commit_message',
        'allow_squash_merge',
        'allow_merge_commit',
        'allow_rebase_merge',
        'allow_auto_merge',
        'delete_branch_on_merge',
        'has_projects',
        'has_wiki',
        'has_discussions',
        'has_downloads',
        'is_template',
        'team_id',
        'gitignore_template',
        'license_template',
      ],
    },
    'issues/list-for-repo': { hidden: ['milestone', 'since', 'creator', 'mentioned', 'type'] },
    'pulls/create-review-comment': { hidden: ['start_line', 'start_side', 'subject_type', 'in_reply_to', 'position'] },
    'pulls/create-review': { hidden: ['commit_id'] },
    'search/issues-and-pull-requests': { hidden: ['advanced_search', 'search_type'] },
  },
  toolsets: {
    context: { description: 'The signed-in user.', operations: ['users/get-authenticated'], default: true },
    repos: {
      description: 'Repositories: find, read and change files, branches, commits, tags and releases.',
      operations: [
        'repos/get',
        'repos/get-content',
        'repos/create-or-update-file-contents',
        'repos/delete-file',
        'repos/list-branches',
        'repos/list-commits',
        'repos/get-commit',
        'repos/list-for-authenticated-user',
        'repos/create-for-authenticated-user',
        'repos/create-fork',
        'repos/list-releases',
        'repos/get-latest-release',
        'git/create-ref',
        'search/repos',
        'search/code',
      ],
      default: true,
    },
    issues: {
      description: 'Issues: find, read, open, edit, comment on, label and assign them.',
      operations: [
        'issues/get',
        'issues/create',
        'issues/update',
        'issues/list-for-repo',
        'issues/list-comments',
        'issues/create-comment',
        'issues/add-labels',
        'issues/add-assignees',
        'search/issues-and-pull-requests',
      ],
      default: true,
    },
    pull_requests: {
      description: 'Pull requests: open, read, review, update and merge them; see their files.',
      operations: [
        'pulls/get',
        'pulls/create',
        'pulls/update',
        'pulls/list',
        'pulls/list-files',
        'pulls/merge',
        'pulls/list-reviews',
        'pulls/create-review',
        'pulls/submit-review',
        'pulls/create-review-comment',
        'pulls/request-reviewers',
        'pulls/update-branch',
      ],
      default: true,
    },
    users: { description: 'Users: look them up and search for them.', operations: ['users/get-by-username', 'search/users'], default: true },
  },
});
