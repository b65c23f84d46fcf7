import type { Secret } from '../config/types.ts';
import { isSensitiveHeader, isSensitiveParam } from './sensitive-names.ts';
import type { RequestRecord, ResponseRecord } from './types.ts';

/**
 * Values an exchange itself shows to be credentials, though no config named
 * them: what a credential header carried (`X-Session-Id: …`, the token of
 * `Authorization: Bearer …`), every cookie value sent or set, and credential
 * query parameters. A server that echoes one of them back (in a body, a
 * header, an error message) must not put it into a report, so reports search
 * for these values as well as for the configured secrets.
 */
export function exchangeSecrets(
  request: Pick<RequestRecord, 'headers' | 'url'>,
  response?: Pick<ResponseRecord, 'headers'>,
): Secret[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') values.push(...cookieValues(value));
    else if (isSensitiveHeader(lower)) values.push(value, ...credentialOf(value));
  }
  for (const [name, value] of Object.entries(response?.headers ?? {})) {
    if (name.toLowerCase() === 'set-cookie') values.push(...setCookieValues(value));
    else if (isSensitiveHeader(name)) values.push(value);
  }
  values.push(...queryCredentials(request.url));
  return [...new Set(values)]
    .filter((v) => v.length >= minDerivedLength)
    .map((value) => ({ value, envName: 'TOLLGATE_SECRET' }));
}

/**
 * Shorter values are left alone in free text (the header itself is still
 * redacted by name): a cookie `lang=en` or `debug=true` would blank every
 * `true` of a response.
 */
const minDerivedLength = 6;

/** `Bearer abc`, `Basic dXNlcjpwdw==` -> the credential after the scheme. */
function credentialOf(value: string): string[] {
  const match = /^\w+\s+(\S.*)$/.exec(value);
  return match ? [match[1]] : [];
}

/** `a=1; session=xyz` -> the values `1`, `xyz`. */
function cookieValues(header: string): string[] {
  return header
    .split(';')
    .map((pair) => pair.slice(pair.indexOf('=') + 1).trim())
    .filter((v) => v !== '');
}

/** `session=new; HttpOnly, theme=dark; Path=/` (joined Set-Cookie headers) -> `new`, `dark`. */
function setCookieValues(header: string): string[] {
  return header
    .split(/,\s*(?=[^;,=\s]+=)/)
    .map((cookie) => cookie.split(';')[0])
    .map((pair) => pair.slice(pair.indexOf('=') + 1).trim())
    .filter((v) => v !== '');
}

function queryCredentials(url: string): string[] {
  const at = url.indexOf('?');
  if (at < 0) return [];
  const out: string[] = [];
  for (const pair of url
    .slice(at + 1)
    .split('#')[0]
    .split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = safeDecode(pair.slice(0, eq));
    if (isSensitiveParam(name)) out.push(safeDecode(pair.slice(eq + 1)));
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
