import { type GateResult, leftoverText, reasonsText } from '../run/model.ts';
import type { TimelinePoint } from './metrics/recorder.ts';
import type { LoadReport } from './types.ts';

/** Curls the console shows; load.json has every one. */
const maxCurls = 100;

/** Plain-text summary of a load run for the console (reporters render the rest from load.json). */
export function formatLoadSummary(r: LoadReport): string[] {
  const t = r.totals;
  const lines = [
    `${r.profile} (${r.model} model, ${r.env}): ${t.requests} requests in ${(r.durationMs / 1000).toFixed(1)}s, ${t.rps} rps` +
      (r.aborted ? ` — ABORTED: ${r.aborted.reason}` : '') +
      (leftoverText(r.cleanup) ? ` — INCOMPLETE: ${leftoverText(r.cleanup)}` : ''),
    `  latency   uncorrected p50 ${ms(t.latencyMs.p50)}  p95 ${ms(t.latencyMs.p95)}  p99 ${ms(t.latencyMs.p99)}  max ${ms(t.latencyMs.max)}  (from the actual send${t.correctedLatencyMs ? '' : '; latency gates judge these'})` +
      (t.correctedLatencyMs
        ? `\n  latency   corrected   p50 ${ms(t.correctedLatencyMs.p50)}  p95 ${ms(t.correctedLatencyMs.p95)}  p99 ${ms(t.correctedLatencyMs.p99)}  max ${ms(t.correctedLatencyMs.max)}  (from the intended send time; latency gates judge these)`
        : ''),
    `  errors    http ${t.errors.http}  timeouts ${t.errors.timeouts}  connection ${t.errors.connection}  rate ${(t.errors.rate * 100).toFixed(2)}%`,
  ];
  if (t.contract)
    lines.push(
      `  contract  ${t.contract.violations} of ${t.contract.sampled} sampled responses violate the spec`,
    );
  for (const op of r.perOperation) {
    const codes = Object.entries(op.statusCodes)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ');
    lines.push(
      `  ${op.operation.padEnd(22)} ${String(op.rps).padStart(8)} rps  p95 ${ms(op.latencyMs.p95).padStart(9)}  ${codes}`,
    );
  }
  lines.push(
    r.selfCheck.ok
      ? `  generator ok (cpu ${Math.round((r.selfCheck.cpu ?? 0) * 100)}%)`
      : `  generator NOT OK: ${r.selfCheck.problems.join('; ')}`,
  );
  if (r.cleanup) {
    const c = r.cleanup;
    lines.push(
      `  cleanup: ${c.created} created, ${c.deleted} deleted` +
        (c.leftover
          ? `, ${c.leftover} left over${c.leftoverReasons ? ` (${reasonsText(c.leftoverReasons)})` : ''}`
          : '') +
        (c.unconfirmed ? `; ${c.unconfirmed} POSTs got no answer and may have created more` : ''),
    );
    const curls = c.curls ?? [];
    if (curls.length)
      lines.push('  delete them by hand:', ...curls.slice(0, maxCurls).map((curl) => `    ${curl}`));
    if (curls.length > maxCurls)
      lines.push(`    ... and ${curls.length - maxCurls} more in load.json (cleanup.curls)`);
  }
  if (r.gates.length) lines.push('  gates:', ...r.gates.map(formatGate));
  return lines;
}

function formatGate(g: GateResult): string {
  const mark = g.verdict === 'pass' ? 'PASS' : g.verdict === 'fail' ? 'FAIL' : 'UNRELIABLE';
  return `    ${mark.padEnd(10)} ${g.name} ${g.threshold} (measured ${g.measuredText})${g.note ? ` — ${g.note}` : ''}`;
}

/** The per-second p99 is from the intended send time in the open model (`Recorder.response`). */
export function progressLabel(model: 'open' | 'closed'): string {
  return model === 'open' ? 'corrected' : 'uncorrected';
}

/** One progress line: a bar on a TTY, a plain line in CI logs. */
export function formatProgress(
  point: TimelinePoint,
  elapsedMs: number,
  totalMs: number,
  tty: boolean,
  model: 'open' | 'closed',
): string {
  const share = Math.min(1, elapsedMs / Math.max(1, totalMs));
  const stats = `${Math.round(elapsedMs / 1000)}s/${Math.round(totalMs / 1000)}s  ${point.rps} rps  p99 ${ms(point.p99)} ${progressLabel(model)}  errors ${point.errors}`;
  if (!tty) return `load: ${stats}`;
  const width = 24;
  const full = Math.round(share * width);
  return `[${'='.repeat(full)}${' '.repeat(width - full)}] ${stats}`;
}

function ms(v: number): string {
  return v < 1 ? `${Math.round(v * 1000)}us` : `${v.toFixed(v < 10 ? 2 : 1)}ms`;
}
