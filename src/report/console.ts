import { gatedLatency, type RunModel, severityOf, unansweredText } from '../run/model.ts';
import { relativeChange } from '../run/trends.ts';
import { compareLines } from './compare-text.ts';
import { diffRows, diffSummary, placeText } from './diff-text.ts';
import {
  formatChange,
  formatDuration,
  formatMs,
  formatPct,
  formatRps,
  REGRESSION_THRESHOLD,
} from './format.ts';
import { groupViews, shortCommit, verdictLabel } from './summary-data.ts';
import { watchLines } from './watch-text.ts';

export interface ConsoleOptions {
  /** ANSI colours. Default: false (the CLI turns them on for a TTY without NO_COLOR). */
  color?: boolean;
  /** Where the HTML report was written, printed last. */
  reportPath?: string;
  /** Finding groups listed before "... and N more". Default: 15. */
  maxGroups?: number;
}

const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
type Paint = (style: keyof typeof codes, text: string) => string;

/** The terminal summary `tollgate gate` prints: verdict, gates, stages, top findings, load, trends. */
export function renderConsole(model: RunModel, options: ConsoleOptions = {}): string {
  const paint: Paint = options.color
    ? (style, text) => `\u001b[${codes[style]}m${text}\u001b[0m`
    : (_s, text) => text;
  const mark = (verdict: string) =>
    verdict === 'pass'
      ? paint('green', '✓')
      : verdict === 'skipped'
        ? paint('dim', '-')
        : verdict === 'unreliable'
          ? paint('yellow', '?')
          : paint('red', '✗');
  const lines: string[] = [];
  const spec = model.spec ? ` · ${model.spec.title} ${model.spec.version}` : '';
  const commit = shortCommit(model) ? ` · ${shortCommit(model)}` : '';
  lines.push(
    paint('dim', `${model.env} · ${model.baseURL}${spec}${commit} · ${formatDuration(model.durationMs)}`),
  );
  if (model.aborted) lines.push(paint('yellow', `aborted: ${model.aborted.reason}`));
  const lost = model.contract?.credentialsLost;
  if (lost)
    lines.push(
      paint(
        'yellow',
        `credentials stopped working after ${lost.after}: later ${lost.status} answers not judged`,
      ),
    );
  lines.push('', paint('bold', 'Stages'));
  for (const s of model.stages) {
    const detail = clean(s.error ? `${s.summary}: ${s.error.split('\n')[0]}` : s.summary);
    lines.push(
      `  ${mark(s.verdict)} ${s.name.padEnd(18)} ${formatDuration(s.durationMs).padStart(7)}  ${detail}`,
    );
  }
  if (model.gates.length > 0) {
    lines.push('', paint('bold', 'Gates'));
    const width = Math.max(...model.gates.map((g) => `${g.scope} ${g.name}`.length));
    for (const g of model.gates) {
      const measured = g.verdict === 'fail' ? paint('red', g.measuredText) : g.measuredText;
      const note = g.note ? paint('dim', ` (${clean(g.note)})`) : '';
      lines.push(
        `  ${mark(g.verdict)} ${`${g.scope} ${g.name}`.padEnd(width)}  ${g.threshold.padEnd(8)} ${measured}${note}`,
      );
    }
  }
  lines.push(...findingLines(model, paint, options.maxGroups ?? 15));
  lines.push(...diffLines(model, paint, options.maxGroups ?? 15));
  if (model.compare)
    lines.push('', ...compareLines(model.compare).map((line, i) => (i === 0 ? paint('bold', line) : line)));
  if (model.watch)
    lines.push('', ...watchLines(model.watch).map((line, i) => (i === 0 ? paint('bold', line) : line)));
  for (const load of model.load ?? []) {
    const l = gatedLatency(load.totals);
    const raw = load.totals.correctedLatencyMs
      ? ` (uncorrected p99 ${formatMs(load.totals.latencyMs.p99)})`
      : '';
    lines.push(
      '',
      paint('bold', `Load ${load.profile}`) +
        `  ${load.totals.requests} req · ${formatRps(load.totals.rps)} rps · ${l.label} p50 ${formatMs(l.p50)} · p95 ${formatMs(l.p95)} · p99 ${formatMs(l.p99)}${raw} · errors ${formatPct(load.totals.errors.rate)}`,
    );
    if (!load.selfCheck.ok) lines.push(paint('yellow', `  generator: ${load.selfCheck.problems.join('; ')}`));
  }
  if (model.suites) {
    const s = model.suites;
    lines.push(
      '',
      paint('bold', 'Suites') + `  ${s.passed} passed · ${s.failed} failed · ${s.skipped} skipped`,
    );
    const failed = s.tests.filter((t) => t.status === 'failed' || t.status === 'timedOut');
    for (const t of failed.slice(0, 10)) {
      lines.push(`  ${paint('red', '✗')} ${clean(t.title)} ${paint('dim', clean(t.file))}`);
    }
    if (failed.length > 10) lines.push(`  ... and ${failed.length - 10} more failed tests (see the report)`);
  }
  lines.push(...trendLines(model, paint));
  const verdict = verdictLabel[model.verdict];
  lines.push('', paint('bold', model.verdict === 'pass' ? paint('green', verdict) : paint('red', verdict)));
  if (options.reportPath) lines.push(`Report: ${options.reportPath}`);
  return `${lines.join('\n')}\n`;
}

/** Server text may hold terminal escapes; only our own colour codes may reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '?').replace(/\n/g, ' ');
}

function findingLines(model: RunModel, paint: Paint, max: number): string[] {
  const contract = model.contract;
  if (!contract) return [];
  const lines: string[] = [];
  const warnings = contract.specWarnings ?? [];
  if (warnings.length > 0)
    lines.push('', paint('bold', 'Spec warnings') + `  ${warnings.length}, not findings`);
  for (const w of warnings)
    lines.push(`  ${paint('yellow', '!')} ${clean(w.message)} ${paint('dim', `[${w.code}]`)}`);
  const warned = contract.findings.filter((f) => severityOf(f) === 'warning').length;
  lines.push(
    '',
    paint('bold', `Findings`) +
      `  ${contract.findings.length - warned} errors${warned ? `, ${warned} warnings` : ''} in ${contract.cases} cases`,
  );
  for (const notice of contract.notices ?? []) lines.push(`  ${paint('yellow', '!')} ${clean(notice)}`);
  const u = contract.unanswered;
  if (u && u.timeouts + u.connection > 0) lines.push(`  ${paint('red', '!')} ${unansweredText(u)}`);
  const groups = groupViews(model);
  for (const g of groups.slice(0, max)) {
    const at = g.location ? ` at ${g.location}` : '';
    const severity = severityOf(g);
    const mark = severity === 'error' ? paint('red', '✗') : paint('yellow', `! ${severity}:`);
    lines.push(`  ${mark} ${clean(`${g.operation}  ${g.title}${at}`)}${g.count > 1 ? ` ×${g.count}` : ''}`);
    lines.push(paint('dim', `      ${clean(`${g.check}: ${g.expected} | ${g.received}`).slice(0, 200)}`));
  }
  if (groups.length > max) lines.push(`  ... and ${groups.length - max} more groups (see the report)`);
  for (const op of contract.operations.filter((o) => o.neverSeen.length > 0)) {
    lines.push(paint('dim', `  never seen: ${op.operation} ${op.neverSeen.join(', ')}`));
  }
  return lines;
}

function diffLines(model: RunModel, paint: Paint, max: number): string[] {
  const diff = model.diff;
  if (!diff) return [];
  const lines = ['', paint('bold', 'Spec diff') + `  ${diffSummary(diff)}`];
  const rows = diffRows(diff).filter((f) => f.level !== 'INFO' || f.ignored);
  for (const f of rows.slice(0, max)) {
    const mark = f.ignored ? paint('dim', '-') : f.level === 'ERR' ? paint('red', '✗') : paint('yellow', '!');
    lines.push(`  ${mark} ${f.level} ${clean(`${f.id}  ${f.operation}: ${f.text}`)}`);
    lines.push(
      paint('dim', `      base ${clean(placeText(f.base))} · revision ${clean(placeText(f.revision))}`),
    );
  }
  if (rows.length > max) lines.push(`  ... and ${rows.length - max} more (see the report)`);
  return lines;
}

function trendLines(model: RunModel, paint: Paint): string[] {
  const trends = model.trends;
  if (!trends) return [];
  const lines = ['', paint('bold', 'Since') + ` ${trends.previous.id}`];
  // contract latencies come from a handful of requests each: too noisy for the terminal
  const rows = trends.operations.filter((row) => row.source.startsWith('load:'));
  let shown = 0;
  for (const row of rows) {
    const change = relativeChange(row.p99.now, row.p99.before);
    if (change === undefined || Math.abs(change) < REGRESSION_THRESHOLD || ++shown > 8) continue;
    const text = `p99 ${formatMs(row.p99.before)} -> ${formatMs(row.p99.now)} (${formatChange(change)})`;
    lines.push(
      `  ${row.operation} [${row.source}] ${change > 0 ? paint('red', text) : paint('green', text)}`,
    );
  }
  const f = trends.findings;
  if (model.contract)
    lines.push(`  findings: ${f.new.length} new, ${f.fixed.length} fixed, ${f.unchanged} unchanged`);
  return lines.length > 2 ? lines : [];
}
