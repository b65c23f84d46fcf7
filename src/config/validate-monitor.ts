/**
 * Checks an environment's `monitor` block, what `tollgate monitor --env`
 * reads when its flags are not given: the interval (`30s`), the port of
 * /metrics, the probe rate and the operations probed. The operations are
 * checked against the spec when the monitor starts (the spec is not read
 * here). The caller's `fail` names the config file.
 */
export function validateMonitor(
  monitor: unknown,
  at: string,
  fail: (path: string, rule: string, got: unknown) => never,
): void {
  if (!isObject(monitor)) fail(at, "must be an object like { interval: '30s', port: 9470 }", monitor);
  const m = monitor as Record<string, unknown>;
  const known = ['interval', 'port', 'rate', 'operations'];
  for (const key of Object.keys(m))
    if (!known.includes(key)) fail(`${at}.${key}`, `is not an option (known: ${known.join(', ')})`, m[key]);
  if (m.interval !== undefined && !(typeof m.interval === 'string' && intervalMs(m.interval) >= 100))
    fail(`${at}.interval`, "must look like '30s', '1m' or '500ms' (at least 100ms)", m.interval);
  const port = m.port;
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535))
    fail(`${at}.port`, 'must be a port number from 0 to 65535 (0 picks a free one)', port);
  const rate = m.rate;
  if (rate !== undefined && !(typeof rate === 'number' && rate > 0 && rate <= 1000))
    fail(`${at}.rate`, 'must be probe requests per second, above 0 and at most 1000', rate);
  const ops = m.operations;
  if (ops !== undefined) {
    if (!Array.isArray(ops) || ops.length === 0)
      fail(`${at}.operations`, "must be a non-empty list of operation ids or 'GET /path'", ops);
    (ops as unknown[]).forEach((op, i) => {
      if (typeof op !== 'string' || op.trim() === '')
        fail(`${at}.operations[${i}]`, "must be an operation id or 'GET /path'", op);
    });
  }
}

/** `30s`, `1m`, `500ms`, `1.5h` -> milliseconds; NaN for anything else. */
export function intervalMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
