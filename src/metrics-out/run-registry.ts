import { Gauge, Histogram, Registry } from 'prom-client';
import type { RunModel, Verdict } from '../run/model.ts';
import { latencyBuckets, observeHdr } from './latency-buckets.ts';
import { watchSeries } from './watch-series.ts';

const verdicts: Verdict[] = ['pass', 'fail', 'error'];
const gateVerdicts = ['pass', 'fail', 'unreliable'] as const;

/**
 * A run as Prometheus series, built from the run model and nothing else:
 * verdict and duration, every gate (verdict and measured value), findings by
 * check and operation, and per-operation latency histograms of every load
 * profile, a watch's switch window. Every series carries `env`. Gauges, not counters: each run
 * replaces the last one's values (a textfile or a Pushgateway group holds one
 * run). Metric names and labels are listed in the README's monitoring section.
 */
export function runRegistry(model: RunModel, format: 'openmetrics' | 'prometheus'): Registry {
  const registry = new Registry();
  // The typings bind a registry to one format; the runtime switches it here.
  if (format === 'openmetrics') registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
  registry.setDefaultLabels({ env: model.env });
  const registers = [registry];

  new Gauge({
    name: 'tollgate_run_info',
    help: 'Always 1: the run id and the base URL it tested.',
    labelNames: ['run', 'base_url'],
    registers,
  }).set({ run: model.id, base_url: model.baseURL }, 1);
  const verdict = new Gauge({
    name: 'tollgate_run_verdict',
    help: "1 for the run's verdict (pass, fail or error), 0 for the others.",
    labelNames: ['verdict'],
    registers,
  });
  for (const v of verdicts) verdict.set({ verdict: v }, model.verdict === v ? 1 : 0);
  new Gauge({ name: 'tollgate_run_duration_seconds', help: 'How long the run took.', registers }).set(
    model.durationMs / 1000,
  );
  new Gauge({
    name: 'tollgate_run_end_timestamp_seconds',
    help: 'When the run ended, Unix time.',
    registers,
  }).set((Date.parse(model.startedAt) + model.durationMs) / 1000);

  gateSeries(model, registers);
  findingSeries(model, registers);
  loadSeries(model, registers);
  watchSeries(model, registers);
  return registry;
}

function gateSeries(model: RunModel, registers: Registry[]): void {
  const verdict = new Gauge({
    name: 'tollgate_gate_verdict',
    help: "1 for the gate's verdict (pass, fail or unreliable), 0 for the others.",
    labelNames: ['gate', 'scope', 'threshold', 'verdict'],
    registers,
  });
  const measured = new Gauge({
    name: 'tollgate_gate_measured',
    help: "The gate's measured value in its unit (ms, ratio 0..1, rps, count); absent when nothing was measured.",
    labelNames: ['gate', 'scope'],
    registers,
  });
  for (const gate of model.gates) {
    const at = { gate: gate.name, scope: gate.scope };
    for (const v of gateVerdicts)
      verdict.set({ ...at, threshold: gate.threshold, verdict: v }, gate.verdict === v ? 1 : 0);
    if (gate.measured !== null) measured.set(at, gate.measured);
  }
}

function findingSeries(model: RunModel, registers: Registry[]): void {
  const contract = model.contract;
  if (!contract) return;
  new Gauge({ name: 'tollgate_contract_cases', help: 'Contract cases the run sent.', registers }).set(
    contract.cases,
  );
  const findings = new Gauge({
    name: 'tollgate_findings',
    help: 'Contract findings of the run, by check, operation and severity.',
    labelNames: ['check', 'operation', 'severity'],
    registers,
  });
  for (const group of contract.groups) {
    findings.inc(
      { check: group.check, operation: group.operation, severity: group.severity ?? 'error' },
      group.count,
    );
  }
}

function loadSeries(model: RunModel, registers: Registry[]): void {
  if (!model.load?.length) return;
  const latency = new Histogram({
    name: 'tollgate_load_request_duration_seconds',
    help: 'Latency of the load run by profile and operation, from its HDR histograms (measured from the actual send).',
    labelNames: ['profile', 'operation'],
    buckets: latencyBuckets,
    registers,
  });
  const errors = new Gauge({
    name: 'tollgate_load_errors',
    help: 'Failed requests of the load run by profile, operation and kind (http, timeout, connection).',
    labelNames: ['profile', 'operation', 'kind'],
    registers,
  });
  for (const load of model.load) {
    for (const [operation, base64] of Object.entries(load.histograms.perOperation))
      observeHdr(latency, { profile: load.profile, operation }, base64);
    for (const op of load.perOperation) {
      const at = { profile: load.profile, operation: op.operation };
      errors.set({ ...at, kind: 'http' }, op.errors.http);
      errors.set({ ...at, kind: 'timeout' }, op.errors.timeouts);
      errors.set({ ...at, kind: 'connection' }, op.errors.connection);
    }
  }
}
