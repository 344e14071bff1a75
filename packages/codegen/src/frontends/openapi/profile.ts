/**
 * The API profile (base URL, credentials, fixed headers, patience) and the
 * environment variables it reads, from `config.profile` with defaults taken
 * from the spec's Server Objects and Security Scheme Objects.
 */
import type { IrEnvVar, IrHttpProfile } from '../../ir/types.js';
import { envStem, type OpenApiConfig } from './config.js';
import { OpenApiCode, type OpenApiDiagnostics } from './diagnostics.js';
import type { JsonObject } from './document.js';
import { isObject } from './refs.js';

export interface ProfileResult {
  profile: IrHttpProfile;
  env: IrEnvVar[];
  /** `<in>:<lower-case name>` of parameters that carry credentials: never arguments. */
  credentialParameters: Set<string>;
}

export function buildProfile(doc: JsonObject, config: OpenApiConfig, title: string, diagnostics: OpenApiDiagnostics): ProfileResult {
  const settings = config.profile ?? {};
  const stem = envStem(config.name);
  const name = settings.name ?? (config.name.replace(/[^A-Za-z0-9_-]+/g, '_') || 'api');
  const baseUrlEnv = settings.baseUrlEnv ?? `${stem}_API_URL`;
  const baseUrl = (settings.baseUrl ?? firstServer(doc, diagnostics) ?? '').replace(/\/+$/, '');
  const schemes = securitySchemes(doc);
  const auth = settings.auth ?? authFromSpec(doc, schemes, `${stem}_TOKEN`);

  const profile: IrHttpProfile = {
    name,
    baseUrl: { env: baseUrlEnv, default: baseUrl },
    ...(auth ? { auth: { env: auth.env, scheme: auth.scheme, ...(auth.header ? { header: auth.header } : {}) } } : {}),
    headers: { ...(settings.headers ?? {}) },
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    ...(settings.rateLimit ? { rateLimit: { ...settings.rateLimit } } : {}),
    ...(settings.writeIntervalMs !== undefined ? { writeIntervalMs: settings.writeIntervalMs } : {}),
    ...(settings.shape ? { shape: structuredClone(settings.shape) } : {}),
  };
  const api = /\bAPI$/i.test(title) ? title : `${title} API`;
  const env: IrEnvVar[] = [
    {
      name: baseUrlEnv,
      description: `Base URL of the ${api} (a self-hosted instance, a proxy or a test double); default ${baseUrl || '(none)'}.`,
      secret: false,
      required: false,
      ...(baseUrl ? { default: baseUrl } : {}),
    },
  ];
  if (auth) {
    const how =
      auth.scheme === 'header'
        ? `sent in the ${auth.header} header`
        : auth.scheme === 'basic'
          ? 'sent as HTTP Basic credentials (user:password)'
          : 'sent as a bearer token';
    env.push({
      name: auth.env,
      description: `Credential for the ${api}, ${how}. Without it the server still starts; calls fail with a message saying to set it.`,
      secret: true,
      required: false,
    });
  }
  const credentialParameters = new Set<string>();
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === 'apiKey' && typeof scheme.name === 'string' && typeof scheme.in === 'string')
      credentialParameters.add(`${scheme.in}:${scheme.name.toLowerCase()}`);
  }
  return { profile, env, credentialParameters };
}

/** The first `servers` URL with its variables set to their defaults; undefined (reported) when there is none or it is not absolute. */
function firstServer(doc: JsonObject, diagnostics: OpenApiDiagnostics): string | undefined {
  const server = Array.isArray(doc.servers) ? doc.servers.find(isObject) : undefined;
  if (!server || typeof server.url !== 'string') {
    diagnostics.error({
      code: OpenApiCode.NoBaseUrl,
      pointer: '#/servers',
      message: 'The spec has no "servers" entry, so the API has no base URL.',
      hint: "Set profile.baseUrl in the config, e.g. profile: { baseUrl: 'https://api.example.com' }.",
    });
    return undefined;
  }
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
  if (!/^https?:\/\/[^\s{}]+$/.test(url)) {
    diagnostics.error({
      code: OpenApiCode.NoBaseUrl,
      pointer: '#/servers/0/url',
      message: `The spec's first server URL "${server.url}" is not an absolute http(s) URL, so it cannot be the default base URL.`,
      hint: "Set profile.baseUrl in the config, e.g. profile: { baseUrl: 'https://api.example.com/v1' }.",
    });
    return undefined;
  }
  return url;
}

function securitySchemes(doc: JsonObject): Record<string, JsonObject> {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.fromEntries(Object.entries(schemes).filter((entry): entry is [string, JsonObject] => isObject(entry[1])));
}

/**
 * The first scheme the document's top-level `security` names (else the first
 * declared) that a token in an environment variable can satisfy: HTTP bearer
 * or basic, OAuth 2 / OpenID Connect (a bearer token), or an API key header.
 */
function authFromSpec(doc: JsonObject, schemes: Record<string, JsonObject>, env: string): NonNullable<IrHttpProfile['auth']> | undefined {
  const named = Array.isArray(doc.security) ? doc.security.filter(isObject).flatMap((requirement) => Object.keys(requirement)) : [];
  const order = [...named, ...Object.keys(schemes)];
  for (const key of order) {
    const scheme = schemes[key];
    if (!scheme) continue;
    const type = String(scheme.type);
    const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
    if (type === 'http' && httpScheme === 'bearer') return { env, scheme: 'bearer' };
    if (type === 'http' && httpScheme === 'basic') return { env, scheme: 'basic' };
    if (type === 'oauth2' || type === 'openIdConnect') return { env, scheme: 'bearer' };
    if (type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
      return { env, scheme: 'header', header: scheme.name };
    }
  }
  return undefined;
}
