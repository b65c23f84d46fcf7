import {
  budgetLines,
  gatedLatency,
  type LoadResult,
  leftoverText,
  type RunModel,
  reasonsText,
  severityOf,
  type TrendRow,
  unansweredText,
} from '../run/model.ts';
import { relativeChange } from '../run/trends.ts';
import { compareMarkdown } from './compare-text.ts';
import { diffMarkdown } from './diff-text.ts';
import { formatChange, formatDuration, formatMs, formatPct, formatPointChange, formatRps } from './format.ts';
import { groupViews, shortCommit, verdictLabel } from './summary-data.ts';
import { watchMarkdown } from './watch-text.ts';

const icon: Record<string, string> = { pass: '✅', fail: '❌', error: '💥', skipped: '⏭️', unreliable: '⚠️' };

/** A Markdown summary for pull requests and `$GITHUB_STEP_SUMMARY`. */
export function renderMarkdown(model: RunModel): string {
  const out: string[] = [];
  out.push(`## ${icon[model.verdict]} tollgate ${verdictLabel[model.verdict]}: ${code(model.env)}`, '');
  out.push(metaLine(model), '');
  if (model.aborted) out.push(`> **Aborted:** ${cell(model.aborted.reason)}`, '');
  const lost = model.contract?.credentialsLost;
  if (lost)
    out.push(
      `> **Credentials stopped working** after ${code(lost.after)}: later ${lost.status} answers not judged.`,
      '',
    );
  if (model.gates.length > 0) {
    out.push('### Gates', '', '| | Gate | Scope | Threshold | Measured |', '|---|---|---|---|---|');
    for (const g of model.gates) {
      const note = g.note ? ` (${cell(g.note)})` : '';
      out.push(
        `| ${icon[g.verdict]} | ${cell(g.name)} | ${cell(g.scope)} | ${cell(g.threshold)} | ${cell(g.measuredText)}${note} |`,
      );
    }
    out.push('');
  }
  out.push('### Stages', '', '| | Stage | Time | Summary |', '|---|---|---|---|');
  for (const s of model.stages) {
    const summary = s.error ? `${s.summary}: ${s.error}` : s.summary;
    out.push(`| ${icon[s.verdict]} | ${cell(s.name)} | ${formatDuration(s.durationMs)} | ${cell(summary)} |`);
  }
  out.push('');
  out.push(
    ...findingsSection(model),
    ...(model.diff ? diffMarkdown(model.diff) : []),
    ...(model.watch ? watchMarkdown(model.watch) : []),
    ...(model.compare ? compareMarkdown(model.compare) : []),
    ...loadSection(model),
    ...suitesSection(model),
    ...trendSection(model),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

function metaLine(model: RunModel): string {
  const parts = [
    model.spec ? `${cell(model.spec.title)} ${cell(model.spec.version)}` : undefined,
    `${code(model.baseURL)}`,
    formatDuration(model.durationMs),
    shortCommit(model) ? `commit \`${shortCommit(model)}\`` : undefined,
    `run ${code(model.id)}`,
    `tollgate ${cell(model.tool.version)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function findingsSection(model: RunModel): string[] {
  const contract = model.contract;
  if (!contract) return [];
  const groups = groupViews(model);
  const warned = contract.findings.filter((f) => severityOf(f) === 'warning').length;
  const out = [
    `### Contract: ${contract.findings.length - warned} findings${warned ? `, ${warned} warnings` : ''} in ${contract.cases} cases`,
    '',
  ];
  const warnings = contract.specWarnings ?? [];
  if (warnings.length > 0) {
    out.push(`Spec warnings (${warnings.length}, not findings):`, '');
    for (const w of warnings) out.push(`- ${cell(w.message)} (${code(w.code)})`);
    out.push('');
  }
  const u = contract.unanswered;
  if (u && u.timeouts + u.connection > 0) out.push(`**${unansweredText(u)}**`, '');
  for (const notice of contract.notices ?? []) out.push(`> ⚠️ ${cell(notice)}`, '');
  for (const line of budgetLines(contract))
    out.push(`> ${line.startsWith('Incomplete') ? '❌' : 'ℹ️'} ${cell(line)}`, '');
  if (groups.length > 0) {
    out.push(
      '| Severity | Check | Operation | Finding | Expected | Received | Count |',
      '|---|---|---|---|---|---|---|',
    );
    for (const g of groups) {
      const at = g.location ? ` at ${code(g.location)}` : '';
      out.push(
        `| ${severityOf(g)} | ${cell(g.check)} | ${code(g.operation)} | ${cell(g.title)}${at} | ${cell(g.expected)} | ${cell(g.received)} | ${g.count} |`,
      );
    }
    out.push('');
  }
  const neverSeen = contract.operations.filter((op) => op.neverSeen.length > 0);
  if (neverSeen.length > 0) {
    out.push(
      `Documented status codes never seen: ${neverSeen.map((op) => `${code(op.operation)} ${op.neverSeen.join(', ')}`).join('; ')}`,
      '',
    );
  }
  return out;
}

function loadSection(model: RunModel): string[] {
  const out: string[] = [];
  for (const load of model.load ?? []) {
    const t = load.totals;
    out.push(
      `### Load: ${cell(load.profile)} (${load.model} model, ${formatRps(t.rps)} rps, ${t.requests} requests; latency ${gatedLatency(t).label}, as gated)`,
      '',
      '| Operation | Requests | rps | p50 | p95 | p99 | Errors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const op of [...load.perOperation, { ...t, operation: '**total**' }]) {
      const l = gatedLatency(op);
      out.push(
        `| ${op.operation.startsWith('**') ? op.operation : `${code(op.operation)}`} | ${op.requests} | ${formatRps(op.rps)} | ${formatMs(l.p50)} | ${formatMs(l.p95)} | ${formatMs(l.p99)} | ${formatPct(op.errors.rate)} |`,
      );
    }
    if (!load.selfCheck.ok) out.push('', `> ⚠️ Load generator: ${cell(load.selfCheck.problems.join('; '))}`);
    out.push(...cleanupMarkdown(load));
    out.push('');
  }
  return out;
}

/** Leftovers of a load run's cleanup: not a pass, with a curl each (credentials as variables). */
function cleanupMarkdown(load: LoadResult): string[] {
  const c = load.cleanup;
  const left = leftoverText(c);
  if (!c || !left) return [];
  const why = reasonsText(c.leftoverReasons);
  const curls = c.curls ?? [];
  return [
    '',
    `> ❌ **Incomplete:** ${cell(left)} (${c.created} created, ${c.deleted} deleted): ${cell(why)}`,
    ...(curls.length ? ['', '```sh', ...curls.map((curl) => curl.replace(/\r?\n/g, ' ')), '```'] : []),
  ];
}

function suitesSection(model: RunModel): string[] {
  const s = model.suites;
  if (!s) return [];
  const out = [`### Suites: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`, ''];
  for (const t of s.tests.filter((t) => t.status === 'failed' || t.status === 'timedOut')) {
    out.push(`- ❌ ${cell(t.title)} (${code(t.file)})${t.error ? `: ${cell(t.error.split('\n')[0])}` : ''}`);
  }
  if (out.length > 2) out.push('');
  if (model.playwrightReport)
    out.push(`Playwright report: ${code(model.playwrightReport)} in the run folder.`);
  out.push('');
  return out;
}

function trendSection(model: RunModel): string[] {
  const trends = model.trends;
  if (!trends) return [];
  const out = [`### Trends vs ${code(trends.previous.id)} (${verdictLabel[trends.previous.verdict]})`, ''];
  const rows = notableTrends(trends.operations);
  if (rows.length > 0) {
    out.push('| Operation | Source | p95 | p99 | Error rate |', '|---|---|---|---|---|');
    for (const row of rows) {
      const delta = (m: { now: number; before: number }) =>
        `${formatMs(m.now)} (${formatChange(relativeChange(m.now, m.before))})`;
      out.push(
        `| ${code(row.operation)} | ${cell(row.source)} | ${delta(row.p95)} | ${delta(row.p99)} | ${formatPct(row.errorRate.now)} (${formatPointChange(row.errorRate.now, row.errorRate.before)}) |`,
      );
    }
    out.push('');
  }
  const quiet = trends.operations.length - rows.length;
  if (quiet > 0)
    out.push(
      `${quiet} more operations not shown: contract latencies only appear when they moved by half or more.`,
      '',
    );
  if (!model.contract) return out;
  const { new: added, fixed, unchanged } = trends.findings;
  out.push(`Findings: ${added.length} new, ${fixed.length} fixed, ${unchanged} unchanged.`);
  for (const g of added) out.push(`- 🆕 ${cell(g.check)} ${code(g.operation)}: ${cell(g.title)}`);
  for (const g of fixed) out.push(`- ✔️ fixed: ${cell(g.check)} ${code(g.operation)}: ${cell(g.title)}`);
  out.push('');
  return out;
}

/** Contract latencies move this much (relative and absolute) from run to run without meaning anything. */
const CONTRACT_NOISE = 0.5;
const CONTRACT_NOISE_MS = 5;

/**
 * Load rows always (they are measurements); contract rows only when p99
 * moved by half or more or the 5xx share changed: a handful of contract
 * requests per operation is noisy.
 */
function notableTrends(rows: TrendRow[]): TrendRow[] {
  return rows
    .filter((row) => {
      if (row.source.startsWith('load:')) return true;
      const change = relativeChange(row.p99.now, row.p99.before) ?? 1;
      const moved =
        Math.abs(change) >= CONTRACT_NOISE && Math.abs(row.p99.now - row.p99.before) >= CONTRACT_NOISE_MS;
      return moved || row.errorRate.now !== row.errorRate.before;
    })
    .slice(0, 20);
}

/** Inline code: literal inside, so only backticks, pipes and newlines need care. */
function code(text: string): string {
  return `\`${String(text).replace(/\r?\n/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|').slice(0, 300)}\``;
}

/** Table cells: no pipes, no newlines, no raw HTML (GitHub renders some tags). */
function cell(text: string): string {
  return String(text)
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/`/g, "'")
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .slice(0, 300);
}
