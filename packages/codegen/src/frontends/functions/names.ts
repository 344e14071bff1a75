/** Names of tools, resources and prompts made from function names. */

/** What MCP clients accept as a tool name (and the runtime checks). */
export const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * `listIssues` → `list_issues`, `getHTTPStatus` → `get_http_status`,
 * `parseV2Spec` → `parse_v2_spec`, `already_snake` → `already_snake`.
 */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
