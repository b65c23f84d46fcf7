import type { RunModel } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatDuration } from '../format.ts';
import { sortableTable } from './table.ts';

/** Playwright suites of the same run: counts, failures first, and a link to Playwright's own report. */
export function renderSuites(model: RunModel): Raw {
  const suites = model.suites;
  if (!suites) return html``;
  const order = { failed: 0, timedOut: 1, skipped: 2, passed: 3 } as const;
  const tests = [...suites.tests].sort((a, b) => order[a.status] - order[b.status]);
  const link = model.playwrightReport
    ? html` · <a href="${model.playwrightReport}">open the Playwright report</a>`
    : '';
  return html`<section id="suites"><h2>Suites <span class="muted small">${suites.passed} passed · ${suites.failed} failed · ${suites.skipped} skipped · ${formatDuration(suites.durationMs)}${link}</span></h2>
${sortableTable({
  id: 'suite-table',
  filter: 'Filter tests…',
  columns: [
    { label: 'Status' },
    { label: 'Test' },
    { label: 'File' },
    { label: 'Project' },
    { label: 'Error' },
  ],
  rows: tests.map((t) => ({
    className: t.status === 'failed' || t.status === 'timedOut' ? 'fail' : undefined,
    cells: [
      html`<span class="badge ${t.status === 'passed' ? 'pass' : t.status === 'skipped' ? 'skipped' : 'fail'}">${t.status}</span>`,
      t.title,
      html`<code>${t.file}</code>`,
      t.project,
      t.error ? html`<pre>${t.error.slice(0, 2000)}</pre>` : '',
    ],
  })),
})}</section>`;
}
