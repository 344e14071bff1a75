/**
 * Imports a module (a file URL) through the loader the `toolwright` bin
 * registered before anything else ran (tsx: TypeScript included), in this
 * process's module graph. For configs read once per command: they then share
 * the command's own @toolwright/* modules instead of loading a second copy
 * through tsx's scoped import (see ConfigLoadOptions.importer). `dev` does not
 * use it: a watcher needs a fresh copy of a changed config.
 */
export function importModule(url: string): Promise<Record<string, unknown>> {
  return import(url) as Promise<Record<string, unknown>>;
}
