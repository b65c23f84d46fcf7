import type { CommandRun, WatchResult, WatchWindow } from '../run/model.ts';
import { formatMs, formatPct } from './format.ts';

/** `0.0s` since the load started. */
function atSec(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function exitWords(run: CommandRun): string {
  if (run.timedOut) return `was stopped after its timeout (${run.signal ?? `exit ${run.exitCode}`})`;
  if (run.signal) return `was killed by ${run.signal}`;
  return `exited ${run.exitCode}`;
}

/** Whether traffic came back after the rollback, in words. */
export function recoveryText(rollback: { recovered: boolean | null }): string {
  if (rollback.recovered === null) return 'recovery not measured (nothing answered after the rollback)';
  return rollback.recovered ? 'traffic recovered' : 'traffic did NOT recover';
}

/** `3 failed of 412 (2 5xx, 1 refused)`. */
export function failuresText(w: WatchWindow): string {
  const e = w.errors;
  const kinds = [
    [e.http5xx, '5xx'],
    [e.http4xx, '4xx'],
    [e.refused, 'refused'],
    [e.resets, 'reset'],
    [e.timeouts, 'timed out'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, label]) => `${n} ${label}`);
  return `${e.count} failed of ${w.requests} (${formatPct(e.rate)})${kinds.length ? `: ${kinds.join(', ')}` : ''}`;
}

/** The error window: first to last failure, or none. */
export function errorWindowText(w: WatchWindow): string {
  if (w.firstErrorMs === undefined || w.lastErrorMs === undefined) return 'no failed request';
  return `failures from ${atSec(w.firstErrorMs)} to ${atSec(w.lastErrorMs)} (${((w.lastErrorMs - w.firstErrorMs) / 1000).toFixed(2)}s)`;
}

/**
 * What a watch did, in plain lines (console and console.txt): the command
 * and its exit, the window's failures and latency, the error window, the
 * rollback and whether traffic recovered, notes. Gates are listed by the caller.
 */
export function watchLines(watch: WatchResult): string[] {
  const w = watch.window;
  const lines = [
    `Watch ${watch.profile}  ${watch.rate} rps open model · ${atSec(watch.beforeMs)} before · settle ${atSec(watch.settleMs)}`,
  ];
  if (watch.command) {
    const c = watch.command;
    lines.push(`  command  ${c.command}  ${atSec(c.startMs)} → ${atSec(c.endMs)}, ${exitWords(c)}`);
  }
  lines.push(
    `  window   ${atSec(w.startMs)} → ${atSec(w.endMs)}: ${failuresText(w)}; p50 ${formatMs(w.latencyMs.p50)} · p99 ${formatMs(w.latencyMs.p99)} · max ${formatMs(w.latencyMs.max)}`,
    `           ${errorWindowText(w)}`,
    `  before   ${failuresText(watch.before)}; p99 ${formatMs(watch.before.latencyMs.p99)}`,
  );
  if (watch.rollback) {
    const r = watch.rollback;
    const recovered = recoveryText(r);
    lines.push(
      `  rollback ${r.command}  ${atSec(r.startMs)} → ${atSec(r.endMs)}, ${exitWords(r)}; ${recovered}`,
      `           trigger: ${r.trigger}`,
    );
  }
  for (const note of watch.notes) lines.push(`  note: ${note}`);
  return lines;
}

const mdCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Which commands started or ended in second `t` (1-based, ms since the load started). */
function marksIn(watch: WatchResult, t: number): string {
  const runs: [string, CommandRun | undefined][] = [
    ['command', watch.command],
    ['rollback', watch.rollback],
  ];
  const marks: string[] = [];
  for (const [name, run] of runs) {
    if (!run) continue;
    if (run.startMs >= (t - 1) * 1000 && run.startMs < t * 1000)
      marks.push(`▶ ${name} ${atSec(run.startMs)}`);
    if (run.endMs >= (t - 1) * 1000 && run.endMs < t * 1000) marks.push(`■ ${name} ${atSec(run.endMs)}`);
  }
  return marks.join(', ');
}

/** The watch for pull requests: what ran, the window, the rollback, and the per-second timeline with the marks. */
export function watchMarkdown(watch: WatchResult): string[] {
  const w = watch.window;
  const out = [`### Watch: ${mdCell(watch.profile)} (${watch.rate} rps, open model)`, ''];
  if (watch.command)
    out.push(
      `- Command \`${mdCell(watch.command.command)}\` ${atSec(watch.command.startMs)} → ${atSec(watch.command.endMs)}, ${exitWords(watch.command)}`,
    );
  out.push(
    `- Switch window ${atSec(w.startMs)} → ${atSec(w.endMs)}: ${failuresText(w)}; p99 ${formatMs(w.latencyMs.p99)}; ${errorWindowText(w)}`,
    `- Before the command: ${failuresText(watch.before)}; p99 ${formatMs(watch.before.latencyMs.p99)}`,
  );
  if (watch.rollback) {
    const r = watch.rollback;
    const recovered = recoveryText(r);
    out.push(
      `- Rollback \`${mdCell(r.command)}\` (${mdCell(r.trigger)}) ${atSec(r.startMs)} → ${atSec(r.endMs)}, ${exitWords(r)}; ${recovered}`,
    );
  }
  for (const note of watch.notes) out.push(`- Note: ${mdCell(note)}`);
  out.push(
    '',
    '| s | phase | sent | answered | failed | 5xx | refused | reset | timeout | p50 | p99 | marks |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of watch.timeline) {
    out.push(
      `| ${s.t} | ${s.phase} | ${s.sent} | ${s.answered} | ${s.errors} | ${s.http5xx} | ${s.refused} | ${s.resets} | ${s.timeouts} | ${formatMs(s.p50)} | ${formatMs(s.p99)} | ${marksIn(watch, s.t)} |`,
    );
  }
  out.push('');
  return out;
}
