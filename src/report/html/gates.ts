import type { RunModel } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatDuration } from '../format.ts';
import { verdictLabel } from '../summary-data.ts';
import { sortableTable } from './table.ts';

export function badge(verdict: keyof typeof verdictLabel): Raw {
  return html`<span class="badge ${verdict}">${verdictLabel[verdict]}</span>`;
}

/** The gate table (what decided the exit code), then the stages that ran. */
export function renderGates(model: RunModel): Raw {
  const gates = sortableTable({
    id: 'gate-table',
    columns: [
      { label: 'Result' },
      { label: 'Gate' },
      { label: 'Scope' },
      { label: 'Threshold' },
      { label: 'Measured', num: true },
      { label: 'Note' },
    ],
    rows: model.gates.map((g) => ({
      className: g.verdict,
      cells: [
        { html: badge(g.verdict), sort: g.verdict },
        html`<code>${g.name}</code>`,
        g.scope,
        html`<code>${g.threshold}</code>`,
        { html: g.measuredText, sort: g.measured ?? -1 },
        g.note ?? '',
      ],
    })),
    empty: 'No gates configured for this environment.',
  });
  const stages = sortableTable({
    id: 'stage-table',
    columns: [{ label: 'Result' }, { label: 'Stage' }, { label: 'Time', num: true }, { label: 'Summary' }],
    rows: model.stages.map((s) => ({
      className: s.verdict,
      cells: [
        { html: badge(s.verdict), sort: s.verdict },
        s.name,
        { html: formatDuration(s.durationMs), sort: s.durationMs },
        s.error ? stageError(s.summary, s.error) : s.summary,
      ],
    })),
    empty: 'No stages ran.',
  });
  return html`<section id="gates"><h2>Gates</h2>${gates}<h3>Stages</h3>${stages}</section>`;
}

/** One-line errors inline; a stack trace (our bug) folded so it does not push the page down. */
function stageError(summary: string, error: string): Raw {
  const [first, ...rest] = error.split('\n');
  if (rest.length === 0) return html`${summary}<br><span class="stage-error mono">${first}</span>`;
  return html`${summary}<details class="stage-error"><summary class="mono">${first}</summary><pre>${rest.join('\n')}</pre></details>`;
}
