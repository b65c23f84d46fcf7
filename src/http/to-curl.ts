import type { Secret } from '../config/types.ts';
import { isSensitiveHeader, isSensitiveParam, minSecretLength } from './sensitive-names.ts';
import type { RequestRecord } from './types.ts';

/** A piece of one shell word: literal text, or an environment variable the user exports. */
type Part = { text: string } | { env: string };

/** Headers curl computes itself. */
const skipped = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

/**
 * A paste-ready, single-line curl command for one request. Credentials never
 * appear: a known secret becomes its variable (`"Authorization: Bearer
 * $TOLLGATE_TOKEN"`), and any other credential header or query parameter
 * becomes `$TOLLGATE_<NAME>`. Everything else is single-quoted for sh/bash/zsh.
 */
export function toCurl(request: RequestRecord, secrets: readonly Secret[]): string {
  const method = request.method.toUpperCase();
  const words: Part[][] = [[{ text: 'curl' }], [{ text: '-sS' }], [{ text: '-i' }]];
  if (method === 'HEAD') words.push([{ text: '--head' }]);
  else words.push([{ text: '-X' }], [{ text: method }]);
  words.push(urlParts(request.url, secrets));
  const basic = basicAuthParts(request.headers.authorization, secrets);
  if (basic) words.push([{ text: '-u' }], basic);
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (skipped.has(lower) || (basic && lower === 'authorization')) continue;
    words.push([{ text: '-H' }], [{ text: `${name}: ` }, ...headerValueParts(lower, value, secrets)]);
  }
  if (request.body === undefined || request.body === '') return words.map(renderWord).join(' ');
  // Bytes a shell word cannot carry on one line (CR, LF, NUL, non-UTF-8) go through printf on stdin.
  if (request.bodyEncoding === 'latin1' || /[\u0000-\u001f\u007f]/.test(request.body)) {
    const bytes = Buffer.from(request.body, request.bodyEncoding === 'latin1' ? 'latin1' : 'utf8');
    words.push([{ text: '--data-binary' }], [{ text: '@-' }]);
    const printf = [[{ text: 'printf' }], [{ text: '--' }], splitSecrets(printfFormat(bytes), secrets)];
    return `${printf.map(renderWord).join(' ')} | ${words.map(renderWord).join(' ')}`;
  }
  words.push([{ text: '--data-raw' }], splitSecrets(request.body, secrets));
  return words.map(renderWord).join(' ');
}

/** A printf format that writes exactly these bytes: printable ASCII as is, the rest as octal escapes. */
function printfFormat(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    if (ch === '%') out += '%%';
    else if (ch === '\\') out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f && ch !== "'") out += ch;
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

function headerValueParts(name: string, value: string, secrets: readonly Secret[]): Part[] {
  const parts = splitSecrets(value, secrets);
  if (!isSensitiveHeader(name) || parts.some((p) => 'env' in p)) return parts;
  const scheme = /^(\w+)\s+\S/.exec(value);
  const env = { env: envNameFor(name) };
  return (name === 'authorization' || name === 'proxy-authorization') && scheme
    ? [{ text: `${scheme[1]} ` }, env]
    : [env];
}

function urlParts(url: string, secrets: readonly Secret[]): Part[] {
  const query = url.indexOf('?');
  if (query < 0) return splitSecrets(url, secrets);
  const parts: Part[] = splitSecrets(url.slice(0, query + 1), secrets);
  url
    .slice(query + 1)
    .split('&')
    .forEach((pair, i) => {
      if (i > 0) parts.push({ text: '&' });
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const valueParts = splitSecrets(eq < 0 ? '' : pair.slice(eq + 1), secrets);
      const known = valueParts.some((p) => 'env' in p);
      parts.push({ text: eq < 0 ? pair : `${name}=` });
      if (eq >= 0)
        parts.push(...(isSensitiveParam(name) && !known ? [{ env: envNameFor(name) }] : valueParts));
    });
  return parts;
}

/** `Basic base64(user:pass)` whose both halves are known secrets -> `-u "$USER:$PASS"`. */
function basicAuthParts(header: string | undefined, secrets: readonly Secret[]): Part[] | undefined {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = secrets.find((s) => s.value === decoded.slice(0, colon));
  const pass = secrets.find((s) => s.value === decoded.slice(colon + 1));
  return colon > 0 && user && pass
    ? [{ env: user.envName }, { text: ':' }, { env: pass.envName }]
    : undefined;
}

/** Splits text around every known secret value (raw or URL-encoded), longest first. */
function splitSecrets(text: string, secrets: readonly Secret[]): Part[] {
  const needles = secrets
    .flatMap((s) => [
      { value: s.value, env: s.envName },
      { value: encodeURIComponent(s.value), env: s.envName },
    ])
    .filter((n) => n.value.length >= minSecretLength)
    .sort((a, b) => b.value.length - a.value.length);
  let parts: Part[] = [{ text }];
  for (const needle of needles) {
    parts = parts.flatMap((part) => {
      if (!('text' in part) || !part.text.includes(needle.value)) return [part];
      return part.text
        .split(needle.value)
        .flatMap((piece, i) => (i === 0 ? [{ text: piece }] : [{ env: needle.env }, { text: piece }]));
    });
  }
  return parts.filter((p) => !('text' in p) || p.text !== '');
}

/** `X-Session` -> `TOLLGATE_X_SESSION`. */
function envNameFor(name: string): string {
  return `TOLLGATE_${name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;
}

/** One shell word: plain when safe, one double-quoted string when it holds variables, else single-quoted. */
function renderWord(parts: Part[]): string {
  const hasEnv = parts.some((p) => 'env' in p);
  const literal = parts.map((p) => ('text' in p ? p.text : '')).join('');
  if (!hasEnv) return /^[A-Za-z0-9_\-./:=@,%+]+$/.test(literal) ? literal : singleQuote(literal);
  if (!/["$`\\!]/.test(literal)) {
    return `"${parts.map((p, i) => ('text' in p ? p.text : variable(p.env, parts[i + 1]))).join('')}"`;
  }
  return parts.map((p) => ('text' in p ? singleQuote(p.text) : `"\${${p.env}}"`)).join('');
}

function variable(name: string, next: Part | undefined): string {
  const glued = next && 'text' in next && /^[A-Za-z0-9_]/.test(next.text);
  return glued ? `\${${name}}` : `$${name}`;
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
