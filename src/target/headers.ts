import type { ResolvedAuth, Secret } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { isSensitiveHeader } from '../http/sensitive-names.ts';

/** Turns `--header 'Name: value'` flags into headers; sensitive values become secrets. */
export function parseHeaderFlags(flags: string[]): { headers: Record<string, string>; secrets: Secret[] } {
  const headers: Record<string, string> = {};
  const secrets: Secret[] = [];
  for (const flag of flags) {
    const colon = flag.indexOf(':');
    if (colon < 1)
      throw new TollgateError('TG_USAGE', `--header must look like 'Name: value', got '${flag}'`);
    const name = flag.slice(0, colon).trim().toLowerCase();
    const value = flag.slice(colon + 1).trim();
    headers[name] = value;
    if (isSensitiveHeader(name)) {
      const bearer = /^Bearer\s+(.+)$/i.exec(value);
      secrets.push({
        value: bearer ? bearer[1] : value,
        envName: bearer ? 'TOLLGATE_TOKEN' : envNameFor(name),
      });
    }
  }
  return { headers, secrets };
}

/** Headers and query parameters that carry an environment's credentials. */
export function authHeaders(auth: ResolvedAuth): {
  headers: Record<string, string>;
  query: Record<string, string>;
  secrets: Secret[];
} {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  const secrets: Secret[] = [];
  if (auth.bearer) {
    headers.authorization = `Bearer ${auth.bearer.value}`;
    secrets.push(auth.bearer);
  }
  if (auth.apiKey) {
    if (auth.apiKey.header) headers[auth.apiKey.header.toLowerCase()] = auth.apiKey.value.value;
    if (auth.apiKey.query) query[auth.apiKey.query] = auth.apiKey.value.value;
    secrets.push(auth.apiKey.value);
  }
  if (auth.basic) {
    const encoded = Buffer.from(`${auth.basic.username.value}:${auth.basic.password.value}`).toString(
      'base64',
    );
    headers.authorization = `Basic ${encoded}`;
    secrets.push(auth.basic.username, auth.basic.password, { value: encoded, envName: 'TOLLGATE_BASIC' });
  }
  return { headers, query, secrets };
}

function envNameFor(header: string): string {
  return `TOLLGATE_${header.replace(/[^a-z0-9]+/gi, '_').toUpperCase()}`;
}
