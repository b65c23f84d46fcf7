import { TollgateError } from '../../errors/tollgate-error.ts';
import { parseGatesByEnv } from '../../gates/parse-gates.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { loadLimits } from './limits.ts';
import { parseDuration } from './stages.ts';

const stageKinds = ['warmup', 'ramp', 'steady', 'spike', 'rampdown'];
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * Checks a profile's shape and names the exact place of the first problem:
 * `load/baseline.ts: requests[2].weight must be a positive number, got -1`.
 * With a spec, every request must name one of its operations.
 */
export function validateProfile(profile: unknown, source: string, spec?: LoadedSpec): void {
  const fail = (path: string, rule: string, got?: unknown): never => {
    const shown = got === undefined ? '' : `, got ${JSON.stringify(got) ?? String(got)}`;
    throw new TollgateError('TG_PROFILE_INVALID', `${source}: ${path} ${rule}${shown}`);
  };
  if (!isObject(profile)) fail('default export', 'must be defineProfile({ ... })', typeof profile);
  const p = profile as Record<string, unknown>;
  if (p.model !== 'open' && p.model !== 'closed') fail('model', 'must be "open" or "closed"', p.model);
  positive(p.connections, 'connections', fail, true);
  positive(p.rate, 'rate', fail);
  if (p.cleanup !== undefined && typeof p.cleanup !== 'boolean')
    fail('cleanup', 'must be true or false', p.cleanup);
  if (p.duration !== undefined && !(parseDuration(p.duration as string) > 0)) {
    fail('duration', 'must look like "30s" or "2m"', p.duration);
  }
  if (p.stages !== undefined) {
    if (!Array.isArray(p.stages) || p.stages.length === 0)
      fail('stages', 'must be a non-empty array', p.stages);
    (p.stages as unknown[]).forEach((stage, i) => {
      const at = `stages[${i}]`;
      if (!isObject(stage)) fail(at, 'must be an object like { kind: "steady", duration: "30s" }', stage);
      const s = stage as Record<string, unknown>;
      if (!stageKinds.includes(s.kind as string))
        fail(`${at}.kind`, `must be one of ${stageKinds.join(', ')}`, s.kind);
      if (!(parseDuration(s.duration as string) > 0))
        fail(`${at}.duration`, 'must look like "30s" or "2m"', s.duration);
      positive(s.rate, `${at}.rate`, fail);
      positive(s.connections, `${at}.connections`, fail, true);
      if (p.model === 'open' && s.rate === undefined && p.rate === undefined) {
        fail(`${at}.rate`, 'is required for the open model (or set a profile-level rate)');
      }
    });
  } else if (p.model === 'open' && p.rate === undefined) {
    fail('rate', 'is required for the open model (arrivals per second)');
  }
  if (!Array.isArray(p.requests) || p.requests.length === 0) {
    fail('requests', 'must be a non-empty array of requests or sequences', p.requests);
  }
  (p.requests as unknown[]).forEach((entry, i) => {
    const at = `requests[${i}]`;
    if (!isObject(entry)) fail(at, 'must be an object like { path, method }', entry);
    const e = entry as Record<string, unknown>;
    if (e.weight !== undefined && !(typeof e.weight === 'number' && e.weight > 0)) {
      fail(`${at}.weight`, 'must be a positive number', e.weight);
    }
    const steps = e.steps === undefined ? [e] : e.steps;
    if (!Array.isArray(steps) || steps.length === 0)
      fail(`${at}.steps`, 'must be a non-empty array', e.steps);
    (steps as Record<string, unknown>[]).forEach((step, j) => {
      const sat = e.steps === undefined ? at : `${at}.steps[${j}]`;
      if (typeof step.path !== 'string' || !step.path.startsWith('/'))
        fail(`${sat}.path`, 'must start with "/"', step.path);
      if (!methods.includes(step.method as string))
        fail(`${sat}.method`, `must be one of ${methods.join(', ')}`, step.method);
      if (
        step.expect !== undefined &&
        !(
          Array.isArray(step.expect) &&
          step.expect.length > 0 &&
          step.expect.every((c) => Number.isInteger(c) && c >= 100 && c <= 599)
        )
      )
        fail(`${sat}.expect`, 'must be a non-empty list of HTTP statuses like [200, 302]', step.expect);
      if (spec && !spec.operations.some((o) => o.path === step.path && o.method === step.method)) {
        fail(sat, `${String(step.method).toUpperCase()} ${step.path} is not an operation of ${spec.source}`);
      }
    });
  });
  if (
    p.contractSample !== undefined &&
    !(typeof p.contractSample === 'number' && p.contractSample >= 0 && p.contractSample <= 1)
  ) {
    fail('contractSample', 'must be a share between 0 and 1 (0.01 = 1%)', p.contractSample);
  }
  if (p.gateWindow !== undefined && p.gateWindow !== 'measured' && p.gateWindow !== 'steady') {
    fail('gateWindow', 'must be "measured" or "steady"', p.gateWindow);
  }
  positive(p.timeoutMs, 'timeoutMs', fail);
  positive(p.workers, 'workers', fail, true);
  parseGatesByEnv(p.gates, `${source}: gates`);
}

function positive(
  value: unknown,
  path: string,
  fail: (p: string, r: string, g?: unknown) => never,
  integer = false,
) {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isInteger(value))) {
    fail(path, `must be a positive ${integer ? 'integer' : 'number'}`, value);
  }
  const limit = ceilingOf(path);
  if (limit !== undefined && value > limit) fail(path, `must be at most ${limit} (tollgate's limit)`, value);
}

/** `rate`, `stages[2].rate` -> the rate ceiling; `connections` -> the connection ceiling. */
function ceilingOf(path: string): number | undefined {
  if (/(^|\.)rate$/.test(path)) return loadLimits.maxRate;
  if (/(^|\.)connections$/.test(path)) return loadLimits.maxConnections;
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
