type Fail = (path: string, rule: string, got: unknown) => never;

const metricNames = ['latency', 'errors', '5xx', 'contract'];

/**
 * Checks an environment's `compare` block: traffic, confidence, thresholds,
 * marginal handling and the per-metric rules, naming the exact path and rule
 * (`environments.canary.compare.metrics.latency.allowedIncrease must be a
 * percentage like "10%", got 10`). The caller's `fail` names the config file.
 */
export function validateCompare(compare: unknown, at: string, fail: Fail): void {
  if (!isObject(compare))
    fail(at, "must be an object like { durationSec: 30, onMarginal: 'rollback' }", compare);
  const c = compare as Record<string, unknown>;
  known(
    c,
    [
      'durationSec',
      'rate',
      'seed',
      'confidence',
      'thresholds',
      'onMarginal',
      'minSamples',
      'metrics',
      'contract',
      'onFail',
      'gates',
    ],
    at,
    fail,
  );
  if (
    c.durationSec !== undefined &&
    !(isNumber(c.durationSec) && c.durationSec >= 1 && c.durationSec <= 3600)
  )
    fail(`${at}.durationSec`, 'must be a number of seconds from 1 to 3600', c.durationSec);
  if (c.rate !== undefined && !(isNumber(c.rate) && c.rate > 0))
    fail(`${at}.rate`, 'must be a positive number of arrivals per second to each side', c.rate);
  for (const key of ['seed', 'minSamples'])
    if (c[key] !== undefined && !(Number.isInteger(c[key]) && (c[key] as number) >= 1))
      fail(`${at}.${key}`, 'must be a whole number >= 1', c[key]);
  if (c.confidence !== undefined && !(isNumber(c.confidence) && c.confidence > 0.5 && c.confidence < 1))
    fail(`${at}.confidence`, 'must be a number above 0.5 and below 1, like 0.98', c.confidence);
  if (c.thresholds !== undefined) {
    if (!isObject(c.thresholds)) fail(`${at}.thresholds`, 'must be { pass: 95, marginal: 75 }', c.thresholds);
    const t = c.thresholds as Record<string, unknown>;
    known(t, ['pass', 'marginal'], `${at}.thresholds`, fail);
    for (const key of ['pass', 'marginal'])
      if (t[key] !== undefined && !(isNumber(t[key]) && (t[key] as number) >= 0 && (t[key] as number) <= 100))
        fail(`${at}.thresholds.${key}`, 'must be a score from 0 to 100', t[key]);
    if (isNumber(t.pass) && isNumber(t.marginal) && t.marginal > t.pass)
      fail(`${at}.thresholds.marginal`, `must not be above pass (${t.pass})`, t.marginal);
  }
  if (c.onMarginal !== undefined && c.onMarginal !== 'promote' && c.onMarginal !== 'rollback')
    fail(`${at}.onMarginal`, "must be 'promote' or 'rollback'", c.onMarginal);
  if (c.contract !== undefined && typeof c.contract !== 'boolean')
    fail(`${at}.contract`, 'must be true or false', c.contract);
  if (c.onFail !== undefined && !(typeof c.onFail === 'string' && c.onFail.trim() !== ''))
    fail(`${at}.onFail`, 'must be a shell command', c.onFail);
  if (c.gates !== undefined) {
    if (!isObject(c.gates))
      fail(
        `${at}.gates`,
        "must be an object of PromQL gates like { 'promql.error_ratio': '<0.01' }",
        c.gates,
      );
    for (const [name, threshold] of Object.entries(c.gates as Record<string, unknown>)) {
      if (!/^promql[.:]/.test(name))
        fail(
          `${at}.gates.${name}`,
          'must be a PromQL gate (promql.<name> or promql:<expr>): compare judges latency and errors itself',
          name,
        );
      if (typeof threshold !== 'string')
        fail(`${at}.gates.${name}`, "must be a threshold like '<0.01'", threshold);
    }
  }
  if (c.metrics === undefined) return;
  if (!isObject(c.metrics))
    fail(`${at}.metrics`, `must map metric names (${metricNames.join(', ')}) to rules`, c.metrics);
  const metrics = c.metrics as Record<string, unknown>;
  known(metrics, metricNames, `${at}.metrics`, fail);
  for (const [name, rule] of Object.entries(metrics))
    validateMetric(name, rule, `${at}.metrics.${name}`, fail);
}

function validateMetric(name: string, rule: unknown, at: string, fail: Fail): void {
  if (!isObject(rule)) fail(at, "must be an object like { allowedIncrease: '10%', critical: true }", rule);
  const r = rule as Record<string, unknown>;
  known(r, ['allowedIncrease', 'allowedMs', 'critical', 'weight'], at, fail);
  if (r.allowedIncrease !== undefined && percent(r.allowedIncrease) === undefined)
    fail(
      `${at}.allowedIncrease`,
      name === 'latency'
        ? 'must be a percentage of the baseline median like "10%"'
        : 'must be a percentage like "0.5%" (points of the rate)',
      r.allowedIncrease,
    );
  if (r.allowedMs !== undefined) {
    if (name !== 'latency')
      fail(`${at}.allowedMs`, 'applies to latency only (use allowedIncrease)', r.allowedMs);
    if (!(isNumber(r.allowedMs) && r.allowedMs >= 0))
      fail(`${at}.allowedMs`, 'must be a number of ms >= 0', r.allowedMs);
  }
  if (name === 'contract' && r.allowedIncrease !== undefined)
    fail(
      `${at}.allowedIncrease`,
      'does not apply to contract (any new finding is a regression)',
      r.allowedIncrease,
    );
  if (r.critical !== undefined && typeof r.critical !== 'boolean')
    fail(`${at}.critical`, 'must be true or false', r.critical);
  if (r.weight !== undefined && !(isNumber(r.weight) && r.weight >= 0))
    fail(`${at}.weight`, 'must be a number >= 0', r.weight);
}

/** `'10%'` -> 0.1; anything else (a bare number, `'10'`, `'-1%'`, above 1000%) -> undefined. */
export function percent(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (!m) return undefined;
  const share = Number(m[1]) / 100;
  return share <= 10 ? share : undefined;
}

function known(obj: Record<string, unknown>, allowed: string[], at: string, fail: Fail): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key))
      fail(`${at}.${key}`, `is not an option (known: ${allowed.join(', ')})`, obj[key]);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
