/**
 * Answers for a mock upstream that echoes the request's credentials back in
 * every way an API, a proxy or an error page might: in JSON error messages,
 * codes, details and documentation links, in plain-text and HTML bodies, in
 * truncated JSON, in success bodies, in response headers a client reads
 * (`X-OAuth-Scopes`), base64-encoded too. A server that passes its token
 * through any of them to a tool result, an error or a log line leaks it.
 */
import type { MockReply, RecordedRequest } from '@toolwright/runtime';

export type EchoKind =
  | '401 json'
  | '403 json + scope headers'
  | '404 notion json'
  | '422 github errors[]'
  | '409 problem+json'
  | '429 json'
  | '500 text'
  | '500 html page'
  | '400 truncated json'
  | '200 json echo'
  | '200 truncated json';

export const ECHO_KINDS: readonly EchoKind[] = [
  '401 json',
  '403 json + scope headers',
  '404 notion json',
  '422 github errors[]',
  '409 problem+json',
  '429 json',
  '500 text',
  '500 html page',
  '400 truncated json',
  '200 json echo',
  '200 truncated json',
];

/**
 * Every form of `token` a leak could take: as is, URL-encoded, and base64 or
 * base64url at each of the three byte alignments (the characters that encode
 * the token's bytes alone), so it is found inside a longer base64 text too.
 */
export function secretForms(token: string): string[] {
  const forms = new Set([token, encodeURIComponent(token)]);
  for (const pad of [0, 1, 2]) {
    const encoded = Buffer.from(`${'x'.repeat(pad)}${token}`).toString('base64');
    const core = encoded.slice(Math.ceil((8 * pad) / 6), Math.floor((8 * (pad + Buffer.byteLength(token))) / 6));
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

/** The reply of kind `kind` to `request`, echoing its Authorization header (and the bare token, base64 too) everywhere. */
export function echoReply(kind: EchoKind, request: RecordedRequest): MockReply {
  const auth = String(request.headers.authorization ?? '');
  const token = auth.replace(/^Bearer\s+/i, '');
  const b64 = Buffer.from(token).toString('base64');
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const echoHeaders = { 'x-echo-authorization': auth, 'x-echo-base64': b64, 'www-authenticate': `Bearer realm="api", error="invalid_token", token="${token}"` };
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (kind) {
    case '401 json':
      return { status: 401, headers: echoHeaders, body: { message: `Bad credentials: ${auth}`, documentation_url: `https://docs.example/${token}` } };
    case '403 json + scope headers':
      return {
        status: 403,
        headers: { ...echoHeaders, 'x-oauth-scopes': `repo, ${token}`, 'x-accepted-github-permissions': `contents=${b64}` },
        body: { message: `Resource not accessible with ${auth} (${basic})` },
      };
    case '404 notion json':
      return {
        status: 404,
        headers: echoHeaders,
        body: { object: 'error', status: 404, code: `object_not_found_${token}`, message: `Could not find it with ${auth}.` },
      };
    case '422 github errors[]':
      return {
        status: 422,
        headers: echoHeaders,
        body: {
          message: 'Validation Failed',
          errors: [
            { resource: 'Issue', field: token, code: 'invalid', message: `bad value ${b64}` },
            `token ${token} is malformed`,
            { detail: basic, pointer: `/${token}` },
          ],
        },
      };
    case '409 problem+json':
      return {
        status: 409,
        headers: { ...echoHeaders, 'content-type': 'application/problem+json' },
        body: JSON.stringify({ title: `Conflict for ${token}`, detail: `${auth} ${b64}` }),
      };
    case '429 json':
      return { status: 429, headers: { ...echoHeaders, 'retry-after': '120' }, body: { message: `Slow down, ${auth}` } };
    case '500 text':
      return { status: 500, headers: { ...echoHeaders, 'content-type': 'text/plain' }, body: `upstream exploded while handling ${auth}\n${b64}\n${basic}` };
    case '500 html page':
      return {
        status: 500,
        headers: { ...echoHeaders, 'content-type': 'text/html' },
        body: `<!doctype html><html><body><h1>Internal Server Error</h1><pre>Authorization: ${auth}\n${b64}</pre></body></html>`,
      };
    case '400 truncated json':
      return {
        status: 400,
        headers: { ...echoHeaders, ...json },
        body: `{"message":"bad request from ${auth}","token":"${token}","b64":"${b64}","items":[1,2`,
      };
    case '200 json echo':
      return { status: 200, headers: echoHeaders, body: { echo: auth, token, b64, basic, nested: { deeper: [token, { auth }] }, [token]: 'as a key' } };
    case '200 truncated json':
      return { status: 200, headers: { ...echoHeaders, ...json }, body: `{"echo":"${auth}","b64":"${b64}","items":[{"token":"${token}"` };
  }
}
