/** Identifier helpers shared by the emitters: deterministic, collision-free TypeScript names. */

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield any boolean constructor declare get module require number set string symbol type from of await'.split(
    ' ',
  ),
);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `list_issues` → `ListIssues`. */
export function pascalCase(name: string): string {
  const result = words(name)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return safeIdentifier(result || 'Unnamed');
}

/** `list_issues` → `listIssues`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return safeIdentifier(pascal.charAt(0).toLowerCase() + pascal.slice(1));
}

/** `listIssues` → `list_issues`. */
export function snakeCase(name: string): string {
  return words(name)
    .map((w) => w.toLowerCase())
    .join('_');
}

/** Makes `name` a valid identifier that is not a reserved word. */
export function safeIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  return id || '_';
}

/** Hands out unique identifiers: the second `x` becomes `x2`, and so on. */
export class NameRegistry {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name);
  }

  claim(preferred: string): string {
    const base = safeIdentifier(preferred);
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}
