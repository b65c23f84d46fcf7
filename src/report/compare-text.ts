import type { CompareResult, MetricResult } from '../run/model.ts';
import { promqlCompareLine } from './compare-promql-text.ts';
import { exitWords } from './watch-text.ts';

/**
 * `tollgate compare` in words, shared by the console, Markdown and JUnit:
 * the verdict and score first, then one line per operation and metric with
 * the effect, its interval, the p-value and the class.
 */
export function compareLines(result: CompareResult): string[] {
  const v = result.verdict;
  const lines = [
    `compare: ${v.decision === 'promote' ? 'PROMOTE' : 'ROLL BACK'} (${v.classification}, score ${v.score}; pass >= ${result.thresholds.pass}, marginal >= ${result.thresholds.marginal})`,
    `  baseline ${result.baseline.url}  candidate ${result.candidate.url}  ${result.rate} rps each, ${result.seconds}s interleaved, seed ${result.seed}`,
  ];
  for (const m of result.metrics) lines.push(`  ${metricLine(m)}`);
  for (const reason of v.reasons) lines.push(`  why: ${reason}`);
  for (const warning of result.warnings ?? []) lines.push(`  warning: ${warning}`);
  if (result.rollback) lines.push(`  ${rollbackLine(result.rollback)}`);
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines;
}

/** `rollback: ./rollback.sh exited 0 (getAlbum latency: candidate +40 ms ...)`. */
function rollbackLine(rollback: NonNullable<CompareResult['rollback']>): string {
  return `rollback: ${rollback.command} ${exitWords(rollback)} (${rollback.trigger})`;
}

/** `getAlbum latency  +40.2 ms  98% CI +39.8..+40.6  p=1e-40  allowed +2 ms  HIGH`. */
export function metricLine(m: MetricResult): string {
  if (m.metric === 'promql') return promqlCompareLine(m);
  const unit = m.metric === 'latency' ? ' ms' : ' points';
  const scale = m.metric === 'latency' ? 1 : 100;
  const num = (v: number | undefined) =>
    v === undefined ? '?' : `${v >= 0 ? '+' : ''}${Math.round(v * scale * 100) / 100}`;
  const what = m.metric === 'latency' ? 'latency' : m.metric === 'errors' ? 'error rate' : `${m.metric} rate`;
  const parts = [`${m.op} ${what}`];
  if (m.effect !== undefined) parts.push(`effect ${num(m.effect)}${unit}`);
  if (m.lower !== undefined && m.upper !== undefined) parts.push(`CI ${num(m.lower)}..${num(m.upper)}`);
  if (m.pValue !== undefined) parts.push(`p=${pText(m.pValue)}`);
  if (m.allowed !== undefined) parts.push(`allowed ${num(m.allowed)}${unit}`);
  parts.push(m.class === 'pass' ? 'PASS' : m.class === 'high' ? 'FAIL' : 'NO DATA');
  return parts.join('  ');
}

/** The Markdown section: verdict, then a table per operation and metric. */
export function compareMarkdown(result: CompareResult): string[] {
  const v = result.verdict;
  const rows = result.metrics.map((m) => {
    const [head, ...rest] = metricLine(m).split('  ');
    return `| ${head} | ${rest.slice(0, -1).join(' · ')} | ${rest.at(-1)} |`;
  });
  return [
    '',
    '## Compare',
    '',
    `**${v.decision === 'promote' ? 'Promote' : 'Roll back'}**: ${v.classification}, score ${v.score} (baseline ${result.baseline.url}, candidate ${result.candidate.url}, ${result.rate} rps each for ${result.seconds}s)`,
    '',
    '| operation and metric | effect, CI, p | result |',
    '| --- | --- | --- |',
    ...rows,
    ...(v.reasons.length ? ['', ...v.reasons.map((r) => `- ${r}`)] : []),
    ...(result.warnings ?? []).map((w) => `\n> **Warning**: ${w}`),
    ...(result.rollback ? ['', `**${rollbackLine(result.rollback).replace(/^rollback/, 'Rollback')}**`] : []),
  ];
}

function pText(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : String(Math.round(p * 10000) / 10000);
}
