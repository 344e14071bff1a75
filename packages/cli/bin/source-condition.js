// Module resolve hook: adds the "@toolwright/source" condition so that
// @toolwright/* packages resolve to their TypeScript sources in the repository.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@toolwright/source') ? context.conditions : [...context.conditions, '@toolwright/source'];
  return nextResolve(specifier, { ...context, conditions });
}
