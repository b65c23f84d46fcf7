import type { FromEnv, UserEnvironment } from '../config/types.ts';
import { isSensitiveHeader } from '../http/sensitive-names.ts';

/** TypeScript expressions for the headers and query every request carries, reading secrets from `__ENV`. */
export interface K6Credentials {
  /** Header name -> expression (`env('TOLLGATE_TOKEN')`, or a quoted literal for a plain header). */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The variables the script needs at `k6 run -e NAME=...`. */
  variables: string[];
  /** True when basic auth needs `k6/encoding`. */
  usesEncoding: boolean;
}

/**
 * The environment's credentials and headers as reads of k6's `__ENV`, never
 * their values: a variable the config names (`{ env: 'STAGING_TOKEN' }`) keeps
 * its name; a literal secret gets the name tollgate's repros show for it.
 * Headers that are not secrets (an Accept, a tenant) are written as they are.
 */
export function k6Credentials(env: UserEnvironment): K6Credentials {
  const variables = new Set<string>();
  const read = (value: FromEnv, fallbackName: string) => {
    const name = typeof value === 'object' ? value.env : fallbackName;
    variables.add(name);
    return `env(${JSON.stringify(name)})`;
  };
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const [raw, value] of Object.entries(env.headers ?? {})) {
    const name = raw.toLowerCase();
    if (typeof value === 'string' && !isSensitiveHeader(name)) headers[name] = JSON.stringify(value);
    else headers[name] = read(value, `TOLLGATE_${name.replace(/[^a-z0-9]+/g, '_').toUpperCase()}`);
  }
  const auth = env.auth ?? {};
  if (auth.bearer) headers.authorization = `\`Bearer \${${read(auth.bearer, 'TOLLGATE_TOKEN')}}\``;
  if (auth.apiKey) {
    const value = read(auth.apiKey.value, 'TOLLGATE_API_KEY');
    if (auth.apiKey.header) headers[auth.apiKey.header.toLowerCase()] = value;
    if (auth.apiKey.query) query[auth.apiKey.query] = value;
  }
  if (auth.basic) {
    const pair = `\`\${${read(auth.basic.username, 'TOLLGATE_USERNAME')}}:\${${read(auth.basic.password, 'TOLLGATE_PASSWORD')}}\``;
    headers.authorization = `\`Basic \${encoding.b64encode(${pair})}\``;
  }
  return { headers, query, variables: [...variables], usesEncoding: Boolean(auth.basic) };
}
