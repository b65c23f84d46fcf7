/**
 * Checks an environment's `prometheus` block: the URL, headers read from the
 * environment, named queries and the two options. The caller's `fail` names
 * the config file.
 */
export function validatePrometheus(
  prometheus: unknown,
  at: string,
  fail: (path: string, rule: string, got: unknown) => never,
): void {
  if (!isObject(prometheus)) fail(at, "must be an object like { url: 'http://127.0.0.1:9090' }", prometheus);
  const p = prometheus as Record<string, unknown>;
  const known = ['url', 'headers', 'queries', 'scrapeIntervalSec', 'notMeasured'];
  for (const key of Object.keys(p))
    if (!known.includes(key)) fail(`${at}.${key}`, `is not an option (known: ${known.join(', ')})`, p[key]);
  if (!isFromEnv(p.url)) fail(`${at}.url`, 'must be a URL string or { env: "NAME" }', p.url);
  if (typeof p.url === 'string' && !/^https?:\/\/[^/]/.test(p.url))
    fail(`${at}.url`, 'must be an http(s) URL', p.url);
  if (p.headers !== undefined) {
    if (!isObject(p.headers)) fail(`${at}.headers`, 'must map header names to values', p.headers);
    for (const [name, v] of Object.entries(p.headers as object))
      if (!isFromEnv(v)) fail(`${at}.headers.${name}`, 'must be { env: "NAME" } (or a string)', '(hidden)');
  }
  if (p.queries !== undefined) {
    if (!isObject(p.queries)) fail(`${at}.queries`, 'must map names to PromQL expressions', p.queries);
    for (const [name, expr] of Object.entries(p.queries as object)) {
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
        fail(
          `${at}.queries`,
          'names must be letters, digits, _ or - (gates name them as promql.<name>)',
          name,
        );
      if (isObject(expr)) {
        const keys = Object.keys(expr).sort().join(',');
        if (keys !== 'baseline,candidate' || !isQuery(expr.baseline) || !isQuery(expr.candidate))
          fail(
            `${at}.queries.${name}`,
            'must be a PromQL expression, or { baseline, candidate } with one expression each (tollgate compare)',
            expr,
          );
      } else if (!isQuery(expr)) fail(`${at}.queries.${name}`, 'must be a PromQL expression', expr);
    }
  }
  const interval = p.scrapeIntervalSec;
  if (interval !== undefined && !(typeof interval === 'number' && interval >= 0 && interval <= 600))
    fail(`${at}.scrapeIntervalSec`, 'must be a number of seconds between 0 and 600', interval);
  if (p.notMeasured !== undefined && p.notMeasured !== 'fail' && p.notMeasured !== 'pass')
    fail(`${at}.notMeasured`, "must be 'fail' or 'pass'", p.notMeasured);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isQuery = (v: unknown) => typeof v === 'string' && v.trim() !== '';
const isFromEnv = (v: unknown) => typeof v === 'string' || (isObject(v) && typeof v.env === 'string');
