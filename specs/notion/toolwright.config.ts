/**
 * Notion's API (the spec published with @notionhq/notion-mcp-server 2.5.2) as an MCP server:
 * all 24 operations, grouped by what they act on. Regenerate with `npx toolwright build specs/notion`.
 */
import { defineOpenApiConfig } from '@toolwright/codegen';

export default defineOpenApiConfig({
  spec: 'notion-openapi.json',
  outDir: '../../generated/notion',
  name: 'notion',
  version: '0.1.0',
  title: 'Notion',
  instructions:
    'Find pages and data sources with post_search, then read or change them by id. Page content is a tree of blocks: read it with get_block_children (or retrieve_page_markdown), add to it with patch_block_children.',
  maxDescriptionLength: 160,
  // Notion allows an average of three requests a second per integration.
  profile: { baseUrlEnv: 'NOTION_API_URL', auth: { env: 'NOTION_TOKEN', scheme: 'bearer' }, rateLimit: { requests: 3, perSeconds: 1 } },
  // The build fails when the default surface's tools/list costs more (o200k tokens; `npx toolwright tokens notion`).
  tokenBudget: 4000,
  toolsets: {
    search: { description: 'Search pages and data sources shared with the integration.', operations: ['post-search'], default: true },
    pages: {
      description: 'Read, create, move and update pages, their properties and their Markdown.',
      operations: ['retrieve-a-page', 'patch-page', 'post-page', 'retrieve-a-page-property', 'move-page', 'retrieve-page-markdown', 'update-page-markdown'],
      default: true,
    },
    blocks: {
      description: 'Read and edit the blocks that make up page content.',
      operations: ['get-block-children', 'patch-block-children', 'retrieve-a-block', 'update-a-block', 'delete-a-block'],
      default: true,
    },
    data_sources: {
      description: 'Query and manage data sources (database tables) and read databases.',
      operations: ['query-data-source', 'retrieve-a-data-source', 'update-a-data-source', 'create-a-data-source', 'list-data-source-templates', 'retrieve-a-database'],
      default: true,
    },
    comments: { description: 'Read and add comments.', operations: ['retrieve-a-comment', 'create-a-comment'], default: true },
    users: { description: 'Look up workspace users and the integration\'s own bot user.', operations: ['get-user', 'get-users', 'get-self'], default: true },
  },
});
