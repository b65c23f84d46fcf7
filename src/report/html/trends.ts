import type { RunModel } from '../../run/model.ts';
import { relativeChange } from '../../run/trends.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatChange, formatMs, formatPct, formatPointChange, REGRESSION_THRESHOLD } from '../format.ts';
import { badge } from './gates.ts';
import { sortableTable } from './table.ts';

/** Deltas against the previous run of this environment: latency, errors, findings new and fixed. */
export function renderTrends(model: RunModel): Raw {
  const trends = model.trends;
  // nothing comparable (e.g. a suites-only run): no section rather than an empty one
  if (!trends || (trends.operations.length === 0 && !model.contract)) return html``;
  const latency = (m: { now: number; before: number }) => {
    const change = relativeChange(m.now, m.before);
    const cls =
      change === undefined || change > REGRESSION_THRESHOLD
        ? 'up'
        : change < -REGRESSION_THRESHOLD
          ? 'down'
          : 'muted';
    return {
      html: html`${formatMs(m.now)} <span class="${cls} small" title="before: ${formatMs(m.before)}">${formatChange(change)}</span>`,
      sort: change ?? Number.MAX_SAFE_INTEGER,
    };
  };
  const table = sortableTable({
    id: 'trend-table',
    columns: [
      { label: 'Operation' },
      { label: 'Source' },
      { label: 'p95', num: true },
      { label: 'p99', num: true },
      { label: 'Error rate', num: true },
    ],
    rows: trends.operations.map((row) => {
      const pp = row.errorRate.now - row.errorRate.before;
      return {
        cells: [
          html`<code>${row.operation}</code>`,
          row.source,
          latency(row.p95),
          latency(row.p99),
          {
            html: html`${formatPct(row.errorRate.now)} <span class="${pp > 0 ? 'up' : pp < 0 ? 'down' : 'muted'} small">${formatPointChange(row.errorRate.now, row.errorRate.before)}</span>`,
            sort: pp,
          },
        ],
      };
    }),
    empty: 'No operation ran in both runs.',
  });
  const f = trends.findings;
  const list = (items: typeof f.new, label: string, cls: string) =>
    items.length === 0
      ? ''
      : html`<h3>${label} (${items.length})</h3><ul class="small">${items.map((g) => html`<li><span class="badge ${cls}">${cls === 'fail' ? 'new' : 'fixed'}</span> ${g.check} <code>${g.operation}</code>: ${g.title}</li>`)}</ul>`;
  return html`<section id="trends"><h2>Trends <span class="muted small">since ${trends.previous.id}</span> ${badge(trends.previous.verdict)}</h2>
${model.contract ? html`<p class="small">Findings: <strong>${f.new.length}</strong> new, <strong>${f.fixed.length}</strong> fixed, ${f.unchanged} unchanged.</p>` : ''}
${table}${list(f.new, 'New findings', 'fail')}${list(f.fixed, 'Fixed findings', 'pass')}</section>`;
}
