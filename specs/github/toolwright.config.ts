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
        'repos/get-branch',
        'repos/list-commits',
        'repos/get-commit',
        'repos/list-for-authenticated-user',
        'repos/list-for-user',
        'repos/list-for-org',
        'repos/create-for-authenticated-user',
        'repos/create-fork',
        'repos/list-tags',
        'repos/list-releases',
        'repos/get-latest-release',
        'repos/get-release-by-tag',
        'git/create-ref',
        'git/get-tree',
        'search/repos',
        'search/code',
        'search/commits',
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
        'issues/update-comment',
        'issues/add-labels',
        'issues/remove-label',
        'issues/list-labels-for-repo',
        'issues/add-assignees',
        'issues/list-sub-issues',
        'issues/add-sub-issue',
        'search/issues-and-pull-requests',
      ],
      default: true,
    },
    pull_requests: {
      description: 'Pull requests: open, read, review, update and merge them; see their files, commits and checks.',
      operations: [
        'pulls/get',
        'pulls/create',
        'pulls/update',
        'pulls/list',
        'pulls/list-files',
        'pulls/list-commits',
        'pulls/merge',
        'pulls/list-reviews',
        'pulls/create-review',
        'pulls/submit-review',
        'pulls/list-review-comments',
        'pulls/create-review-comment',
        'pulls/request-reviewers',
        'pulls/update-branch',
        'repos/get-combined-status-for-ref',
        'checks/list-for-ref',
      ],
      default: true,
    },
    users: { description: 'Users: look them up and search for them.', operations: ['users/get-by-username', 'search/users'], default: true },
  },
});
