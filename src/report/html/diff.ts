import type { RunModel } from '../../run/model.ts';
import { diffRows, diffSummary, placeText } from '../diff-text.ts';
import { html, type Raw } from '../escape-html.ts';
import { sortableTable } from './table.ts';

/** The `diff` stage: every change between the deployed spec and the repo's, with both locations. */
export function renderDiff(model: RunModel): Raw {
  const diff = model.diff;
  if (!diff) return html``;
  const rank = { ERR: 0, WARN: 1, INFO: 2 } as const;
  return html`<section id="diff"><h2>Spec diff <span class="muted small">${diffSummary(diff)} · <code>${diff.base.source}</code> (${diff.base.format}) → <code>${diff.revision.source}</code> (${diff.revision.format})</span></h2>
${sortableTable({
  id: 'diff-table',
  filter: 'Filter changes…',
  empty: 'No changes between the two specs.',
  columns: [
    { label: 'Level' },
    { label: 'Check' },
    { label: 'Operation' },
    { label: 'Change' },
    { label: 'Base' },
    { label: 'Revision' },
  ],
  rows: diffRows(diff).map((f) => ({
    className: !f.ignored && f.level === 'ERR' ? 'fail' : undefined,
    cells: [
      {
        html: html`<span class="badge ${f.ignored ? 'skipped' : f.level === 'ERR' ? 'fail' : f.level === 'WARN' ? 'unreliable' : 'pass'}">${f.level}${f.ignored ? ' ignored' : ''}</span>`,
        sort: f.ignored ? 3 : rank[f.level],
      },
      html`<code>${f.id}</code>`,
      html`<code>${f.operation}</code>`,
      f.ignored ? html`${f.text}<br><span class="muted small">ignored: ${f.ignored}</span>` : f.text,
      html`<code>${placeText(f.base)}</code>`,
      html`<code>${placeText(f.revision)}</code>`,
    ],
  })),
})}</section>`;
}
