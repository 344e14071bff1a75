import { describe, expect, it } from 'vitest';
import { snakeCase, TOOL_NAME } from './names.js';

describe('snakeCase: tool names from function names', () => {
  const CASES: [string, string][] = [
    ['listIssues', 'list_issues'],
    ['getHTTPStatus', 'get_http_status'],
    ['parseV2Spec', 'parse_v2_spec'],
    ['already_snake', 'already_snake'],
    ['URLFor', 'url_for'],
    ['ping', 'ping'],
    ['$weird$Name', 'weird_name'],
  ];
  it.each(CASES)('%s → %s', (given, want) => {
    expect(snakeCase(given)).toBe(want);
    expect(want).toMatch(TOOL_NAME);
  });
});
