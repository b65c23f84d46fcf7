import { TollgateError } from '../errors/tollgate-error.ts';
import { parseMetricName } from './parse-metric.ts';
import { parseThreshold } from './parse-threshold.ts';
import type { ParsedGate } from './types.ts';

/**
 * Parses one environment's gates, or throws TG_GATE_SYNTAX naming the exact
 * place: `load/baseline.ts: gates.staging["latency.p99"] must look like "<250ms", got 250`.
 * `where` is the prefix (`load/baseline.ts: gates.staging`).
 */
export function parseGateSet(gates: unknown, where: string): ParsedGate[] {
  if (gates === undefined) return [];
  if (typeof gates !== 'object' || gates === null || Array.isArray(gates)) {
    throw new TollgateError(
      'TG_GATE_SYNTAX',
      `${where} must be an object like { "latency.p99": "<250ms" }, got ${JSON.stringify(gates)}`,
    );
  }
  const parsed: ParsedGate[] = [];
  for (const [name, text] of Object.entries(gates as Record<string, unknown>)) {
    const at = `${where}[${JSON.stringify(name)}]`;
    const metric = parseMetricName(name);
    if (typeof metric === 'string') throw new TollgateError('TG_GATE_SYNTAX', `${at}: ${metric}`);
    const threshold = parseThreshold(text, metric.kind);
    if (typeof threshold === 'string') throw new TollgateError('TG_GATE_SYNTAX', `${at} ${threshold}`);
    parsed.push({ metric, threshold });
  }
  return parsed;
}

/** Parses every environment's gates (`gates: { local: {...}, staging: {...} }`) to validate them up front. */
export function parseGatesByEnv(gates: unknown, where: string): Record<string, ParsedGate[]> {
  if (gates === undefined) return {};
  if (typeof gates !== 'object' || gates === null || Array.isArray(gates)) {
    throw new TollgateError(
      'TG_GATE_SYNTAX',
      `${where} must map environment names to gates, like { local: { "latency.p99": "<250ms" } }`,
    );
  }
  const out: Record<string, ParsedGate[]> = {};
  for (const [env, set] of Object.entries(gates as Record<string, unknown>)) {
    out[env] = parseGateSet(set, `${where}.${env}`);
  }
  return out;
}
