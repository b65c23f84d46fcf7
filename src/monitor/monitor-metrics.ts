import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CycleResult } from './probe-cycle.ts';

/**
 * The monitor's series, as the blackbox exporter names its own (`probe_*`)
 * but prefixed `tollgate_monitor_` and checking the contract: whether the
 * last cycle passed, request latency by operation (buckets on native-histogram
 * boundaries), violations by check and operation (in the last cycle, and a
 * running total), and when it last passed. Listed in the README.
 */
export class MonitorMetrics {
  readonly registry = new Registry();
  private readonly success: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly violations: Gauge;
  private readonly violationsTotal: Counter;
  private readonly requests: Counter;
  private readonly latency: Histogram;
  private readonly cycleSeconds: Gauge;
  private readonly cycles: Counter;

  constructor(intervalSeconds: number, operations: string[]) {
    const registers = [this.registry];
    this.success = new Gauge({
      name: 'tollgate_monitor_probe_success',
      help: '1 when the last cycle passed: every request answered, no contract error.',
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'tollgate_monitor_last_success_timestamp_seconds',
      help: 'When a cycle last passed, Unix time; 0 until one has.',
      registers,
    });
    this.violations = new Gauge({
      name: 'tollgate_monitor_contract_violations',
      help: 'Contract violations in the last cycle, by check and operation.',
      labelNames: ['check', 'operation', 'severity'],
      registers,
    });
    this.violationsTotal = new Counter({
      name: 'tollgate_monitor_contract_violations_total',
      help: 'Contract violations since the monitor started, by check and operation.',
      labelNames: ['check', 'operation', 'severity'],
      registers,
    });
    this.requests = new Counter({
      name: 'tollgate_monitor_requests_total',
      help: 'Probe requests by operation and outcome (answered, or why not: timeout, unreachable, ...).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'tollgate_monitor_request_duration_seconds',
      help: 'Latency of answered probe requests, by operation.',
      labelNames: ['operation'],
      buckets: Array.from({ length: 18 }, (_, i) => 2 ** (i - 13)),
      registers,
    });
    this.cycleSeconds = new Gauge({
      name: 'tollgate_monitor_cycle_duration_seconds',
      help: 'How long the last cycle took.',
      registers,
    });
    this.cycles = new Counter({
      name: 'tollgate_monitor_cycles_total',
      help: 'Cycles run, by result (success, failure).',
      labelNames: ['result'],
      registers,
    });
    new Gauge({
      name: 'tollgate_monitor_interval_seconds',
      help: 'Time between the starts of two cycles (--interval).',
      registers,
    }).set(intervalSeconds);
    this.lastSuccess.set(0);
    // Zero series exist before the first cycle, so rate() and increase() see the first violation.
    for (const operation of operations) this.requests.inc({ operation, outcome: 'answered' }, 0);
    this.cycles.inc({ result: 'success' }, 0);
    this.cycles.inc({ result: 'failure' }, 0);
  }

  record(cycle: CycleResult): void {
    this.violations.reset();
    for (const probe of cycle.probes) {
      this.requests.inc({ operation: probe.operation, outcome: probe.failure ?? 'answered' });
      if (probe.seconds !== undefined) this.latency.observe({ operation: probe.operation }, probe.seconds);
      for (const f of probe.findings) {
        const labels = { check: f.check, operation: f.operation, severity: f.severity ?? 'error' };
        this.violations.inc(labels);
        this.violationsTotal.inc(labels);
      }
    }
    this.success.set(cycle.success ? 1 : 0);
    if (cycle.success) this.lastSuccess.set((cycle.startedAt + cycle.durationSeconds * 1000) / 1000);
    this.cycleSeconds.set(cycle.durationSeconds);
    this.cycles.inc({ result: cycle.success ? 'success' : 'failure' });
  }
}
