/** Tool and argument names from a spec: one row per rule. */
import { describe, expect, it } from 'vitest';
import { defaultMaxToolNameLength, envStem } from '../src/frontends/openapi/config.js';
import { globToRegExp } from '../src/frontends/openapi/glob.js';
import { argName, methodPathName, OPENAPI_TOOL_NAME, shortenName, snakeName } from '../src/frontends/openapi/names.js';

describe('snakeName (operationId → tool name)', () => {
  const cases: [string, string][] = [
    ['issues/create', 'issues_create'],
    ['repos/get-content', 'repos_get_content'],
    ['post-search', 'post_search'],
    ['retrieve-a-page', 'retrieve_a_page'],
    ['listPetsByID', 'list_pets_by_id'],
    ['getHTTPStatus', 'get_http_status'],
    ['Data sources', 'data_sources'],
    ['  --weird..id--  ', 'weird_id'],
    ['2fa/enable', 'op_2fa_enable'],
    ['ünïcode', 'n_code'],
  ];
  it.each(cases)('%s → %s', (given, want) => {
    expect(snakeName(given)).toBe(want);
    expect(want).toMatch(OPENAPI_TOOL_NAME);
  });

  it('an operation without an operationId is named from its method and path', () => {
    expect(methodPathName('get', '/stores/{storeId}/inventory')).toBe('get_stores_store_id_inventory');
    expect(methodPathName('delete', '/')).toBe('delete');
  });
});

describe('shortenName', () => {
  const cases: [string, { given: string; max: number; want: string }][] = [
    ['fits: unchanged', { given: 'issues_create', max: 51, want: 'issues_create' }],
    [
      'long words to their short forms first',
      { given: 'activity_get_thread_subscription_for_authenticated_user', max: 51, want: 'activity_get_thread_subscription_for_auth_user' },
    ],
    ['then filler words', { given: 'apps_list_installation_requests_for_authenticated_app_x', max: 45, want: 'apps_list_installation_requests_auth_app_x' }],
    [
      'then a middle word said elsewhere',
      { given: 'actions_get_actions_cache_retention_limit_for_enterprise', max: 50, want: 'actions_get_cache_retention_limit_enterprise' },
    ],
    [
      'then the longest middle words, keeping namespace, verb and object',
      { given: 'copilot_remove_organizations_from_enterprise_coding_agent_policy', max: 40, want: 'copilot_remove_orgs_from_agent_policy' },
    ],
  ];
  it.each(cases)('%s', (_name, { given, max, want }) => {
    const { name, shortened } = shortenName(given, max, 'op');
    expect(name).toBe(want);
    expect(shortened).toBe(given !== want);
    expect(name.length).toBeLessThanOrEqual(max);
  });

  it('ends with a hash of the operation when words cannot be dropped, and is deterministic', () => {
    const a = shortenName('supercalifragilistic_expialidocious_words', 20, 'op-a');
    const b = shortenName('supercalifragilistic_expialidocious_words', 20, 'op-b');
    expect(a.name).toMatch(/^[a-z0-9_]+_[0-9a-f]{6}$/);
    expect(a.name.length).toBeLessThanOrEqual(20);
    expect(a.name).not.toBe(b.name);
    expect(shortenName('supercalifragilistic_expialidocious_words', 20, 'op-a')).toEqual(a);
  });

  it('forceHash goes straight to the hash (used when shortening made two names equal)', () => {
    const { name } = shortenName('orgs_custom_properties_get_definition', 30, 'k', true);
    expect(name).toMatch(/^orgs_custom_properties_[0-9a-f]{6}$/);
  });

  it('the default limit keeps mcp__<server>__<tool> within 64 characters', () => {
    expect(defaultMaxToolNameLength('github')).toBe(51);
    expect(`mcp__github__${'x'.repeat(defaultMaxToolNameLength('github'))}`.length).toBe(64);
    expect(defaultMaxToolNameLength('a-very-long-server-name-that-leaves-little-room-for-tools')).toBe(16);
  });
});

describe('argName', () => {
  const cases: [string, string][] = [
    ['per_page', 'per_page'],
    ['petId', 'petId'],
    ['enterprise-team', 'enterprise_team'],
    ['X-Request-Id', 'X_Request_Id'],
    ['fields[]', 'fields'],
    ['1st', '_1st'],
    ['***', 'arg'],
  ];
  it.each(cases)('%s → %s', (given, want) => expect(argName(given)).toBe(want));
});

describe('globs and environment names', () => {
  it('`*` matches any run of characters including `/`, `?` one, the rest literally', () => {
    expect(globToRegExp('issues/*').test('issues/create')).toBe(true);
    expect(globToRegExp('issues/*').test('pulls/create')).toBe(false);
    expect(globToRegExp('*-page').test('retrieve-a-page')).toBe(true);
    expect(globToRegExp('repos/get-?ontent').test('repos/get-content')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('get /users/{id}').test('get /users/{id}')).toBe(true);
  });

  it('envStem makes the stem of the default variables', () => {
    expect(envStem('github')).toBe('GITHUB');
    expect(envStem('my-api.v2')).toBe('MY_API_V2');
    expect(envStem('---')).toBe('API');
  });
});
