import { defineConfig } from '@toolwright/codegen';

export default defineConfig({
  name: 'conformance',
  version: '0.1.0',
  title: 'MCP conformance fixture',
  description: 'Implements every server scenario of the MCP conformance suite (@modelcontextprotocol/conformance) as plain typed functions.',
  include: ['src/tools.ts', 'src/resources.ts', 'src/prompts.ts'],
  outDir: '../../generated/conformance',
  // json_schema_2020_12_tool (SEP-1613) checks that the input schema states its dialect.
  jsonSchemaDialect: true,
});
