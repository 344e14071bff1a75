import { defineConfig } from '@toolwright/codegen';

export default defineConfig({
  name: 'workspace',
  version: '0.1.0',
  title: 'Workspace files',
  description: 'Read, write, search and organise files inside one folder (WORKSPACE_ROOT, default: the current directory).',
  instructions:
    'All paths are relative to the workspace root; paths that leave it are refused. Use list_directory or search_files to find files before reading them, and prefer append_file for logs.',
  include: ['src/tools.ts'],
  outDir: '../../generated/workspace',
});
