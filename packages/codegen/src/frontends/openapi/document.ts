/**
 * The OpenAPI document: read from a file (JSON or YAML) or taken as an
 * object, hashed, and checked to be OpenAPI 3.0 or 3.1.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { canonicalJson } from '../../emit/header.js';
import { OpenApiCode, type OpenApiDiagnostics } from './diagnostics.js';

export type JsonObject = { [key: string]: unknown };

export interface LoadedDocument {
  doc: JsonObject;
  /** `3.0` or `3.1` (3.2 documents are read as 3.1). */
  dialect: '3.0' | '3.1';
  /** The `openapi` field as written, e.g. `3.0.3`. */
  openapi: string;
  /** sha256 of the file's bytes, or of the object's canonical JSON. */
  hash: string;
  /** The spec, relative to the project root (POSIX), for `origin` and `source`. */
  file: string;
}

/** Loads and checks the document; undefined (having reported why) when it cannot be used. */
export async function loadDocument(
  spec: string | object,
  root: string,
  specFile: string | undefined,
  diagnostics: OpenApiDiagnostics,
): Promise<LoadedDocument | undefined> {
  let value: unknown;
  let hash: string;
  let file: string;
  if (typeof spec === 'string') {
    const path = isAbsolute(spec) ? spec : resolve(root, spec);
    file = specFile ?? relative(root, path).split('\\').join('/');
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      diagnostics.error({
        code: OpenApiCode.Unreadable,
        message: `Cannot read the spec ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
        hint: 'Pass the path of an OpenAPI 3.0/3.1 document (JSON or YAML), relative to the project root.',
      });
      return undefined;
    }
    hash = createHash('sha256').update(bytes).digest('hex');
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const parsed = parseText(text, extname(path).toLowerCase());
    if ('error' in parsed) {
      diagnostics.error({ code: OpenApiCode.Unreadable, message: `The spec ${file} is not valid ${parsed.format}: ${parsed.error}`, hint: parsed.hint });
      return undefined;
    }
    value = parsed.value;
  } else {
    value = spec;
    file = specFile ?? 'openapi.json';
    hash = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.error({ code: OpenApiCode.UnsupportedVersion, message: `The spec ${file} is not an OpenAPI document: its top level is not an object.` });
    return undefined;
  }
  const doc = value as JsonObject;
  if (typeof doc.swagger === 'string') {
    diagnostics.error({
      code: OpenApiCode.UnsupportedVersion,
      pointer: '#/swagger',
      message: `The spec ${file} is Swagger ${doc.swagger}; Toolwright reads OpenAPI 3.0 and 3.1.`,
      hint: 'Convert it first, e.g. npx swagger2openapi spec.json -o openapi.json.',
    });
    return undefined;
  }
  const openapi = typeof doc.openapi === 'string' ? doc.openapi : undefined;
  const match = openapi ? /^3\.(\d+)(?:\.\d+)?/.exec(openapi) : null;
  if (!openapi || !match) {
    diagnostics.error({
      code: OpenApiCode.UnsupportedVersion,
      pointer: '#/openapi',
      message: `The spec ${file} has ${openapi ? `openapi: "${openapi}"` : 'no "openapi" field'}; Toolwright reads OpenAPI 3.0 and 3.1 documents.`,
      hint: 'Check that the file is an OpenAPI document; its first field reads openapi: 3.0.3 or 3.1.0.',
    });
    return undefined;
  }
  if (typeof doc.paths !== 'object' || doc.paths === null || Array.isArray(doc.paths)) {
    diagnostics.error({
      code: OpenApiCode.UnsupportedVersion,
      pointer: '#/paths',
      message: `The spec ${file} has no "paths" object, so it has no operations to turn into tools.`,
      hint: 'Add the operations under paths, or point at the document that has them.',
    });
    return undefined;
  }
  return { doc, dialect: match[1] === '0' ? '3.0' : '3.1', openapi, hash, file };
}

type Parsed = { value: unknown } | { error: string; format: string; hint: string };

function parseText(text: string, extension: string): Parsed {
  const json = extension === '.json' || (extension !== '.yaml' && extension !== '.yml' && /^\s*[{[]/.test(text));
  if (json) {
    try {
      return { value: JSON.parse(text) };
    } catch (error) {
      return { error: (error as Error).message, format: 'JSON', hint: 'Fix the JSON syntax at the position given.' };
    }
  }
  try {
    // YAML aliases are capped (the library's default of 100) so a crafted spec cannot expand without bound.
    return { value: parseYaml(text, { prettyErrors: true, uniqueKeys: true }) };
  } catch (error) {
    const first = ((error as Error).message.split('\n')[0] ?? String(error)).replace(/:\s*$/, '.');
    return { error: first, format: 'YAML', hint: 'Fix the YAML syntax at the line given.' };
  }
}
