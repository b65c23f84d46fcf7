import { budgetLines, type LoadMetrics, type OperationCoverage, type RunModel } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatMs, formatPct, formatRps } from '../format.ts';
import { sortableTable } from './table.ts';

interface OperationRow {
  operation: string;
  coverage?: OperationCoverage;
  /** The load profile that sent this operation the most requests. */
  load?: LoadMetrics & { profile: string };
}

/** One row per operation: contract coverage, status codes seen vs documented, latency and rate. */
export function renderOperations(model: RunModel): Raw {
  const rows = operationRows(model);
  if (rows.length === 0) return html``;
  const table = sortableTable({
    id: 'operation-table',
    filter: 'Filter operations…',
    columns: [
      { label: 'Operation' },
      { label: 'Cases', num: true },
      { label: 'Findings', num: true },
      { label: 'Status codes seen' },
      { label: 'Never seen' },
      { label: 'p50', num: true },
      { label: 'p95', num: true },
      { label: 'p99', num: true },
      { label: 'rps', num: true },
      { label: 'Errors', num: true },
    ],
    rows: rows.map((row) => {
      const latency = row.load?.latencyMs ?? row.coverage?.latencyMs;
      const ms = (v: number | undefined) => ({ html: formatMs(v), sort: v ?? -1 });
      return {
        className: row.coverage && row.coverage.findings > 0 ? 'fail' : undefined,
        cells: [
          html`<code>${row.operation}</code>${row.coverage ? html` <span class="muted small">${row.coverage.operationId}</span>` : ''}`,
          { html: row.coverage?.cases ?? '–', sort: row.coverage?.cases ?? -1 },
          { html: findingsCell(row.coverage), sort: row.coverage?.findings ?? -1 },
          statusCell(row.coverage),
          { html: neverSeenCell(row.coverage), sort: row.coverage?.neverSeen.length ?? 0 },
          ms(latency?.p50),
          ms(latency?.p95),
          ms(latency?.p99),
          { html: row.load ? formatRps(row.load.rps) : '–', sort: row.load?.rps ?? -1 },
          { html: row.load ? formatPct(row.load.errors.rate) : '–', sort: row.load?.errors.rate ?? -1 },
        ],
      };
    }),
  });
  const latencyNote = model.load?.length
    ? 'Latency, rps and errors from load (the profile with the most requests per operation); otherwise from contract cases.'
    : 'Latency from contract cases.';
  return html`<section id="operations"><h2>Operations</h2>
<p class="muted small">${latencyNote} <span class="status undocumented">203</span> undocumented status, <span class="status never">400</span> documented but never seen.</p>
${table}${generationProblems(model)}</section>`;
}

function operationRows(model: RunModel): OperationRow[] {
  const rows = new Map<string, OperationRow>();
  for (const coverage of model.contract?.operations ?? [])
    rows.set(coverage.operation, { operation: coverage.operation, coverage });
  // load names operations by operationId (or the step's name); join them to the contract's rows
  const byId = new Map((model.contract?.operations ?? []).map((c) => [c.operationId, c.operation]));
  for (const load of model.load ?? []) {
    for (const op of load.perOperation) {
      const key = byId.get(op.operation) ?? op.operation;
      const row = rows.get(key) ?? { operation: key };
      if (!row.load || row.load.requests < op.requests) row.load = { ...op, profile: load.profile };
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

function findingsCell(coverage: OperationCoverage | undefined): Raw | string {
  if (!coverage) return '–';
  return coverage.findings > 0
    ? html`<span class="badge fail">${coverage.findings}</span>`
    : html`<span class="badge pass">0</span>`;
}

function statusCell(coverage: OperationCoverage | undefined): Raw | string {
  if (!coverage) return '–';
  return html`${Object.entries(coverage.seen)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => {
      const documented = isDocumented(status, coverage.documented);
      const title = documented ? `${count} responses` : `${count} responses, not documented`;
      return html`<span class="status ${documented ? 'ok' : 'undocumented'}" title="${title}">${status}×${count}</span>`;
    })}`;
}

function neverSeenCell(coverage: OperationCoverage | undefined): Raw | string {
  if (!coverage || coverage.neverSeen.length === 0) return '';
  return html`${coverage.neverSeen.map((s) => html`<span class="status never" title="documented, never returned">${s}</span>`)}`;
}

/** '200' matches '200', '2XX' and 'default'. */
function isDocumented(status: string, documented: string[]): boolean {
  return documented.some(
    (d) =>
      d === status ||
      d === 'default' ||
      (d.length === 3 && d[0] === status[0] && d.slice(1).toUpperCase() === 'XX'),
  );
}

function generationProblems(model: RunModel): Raw {
  const problems = model.contract?.generationProblems ?? [];
  const cleanup = model.contract?.cleanup;
  const leftover =
    cleanup && cleanup.leftover.length > 0
      ? html`<p class="small">Cleanup: created ${cleanup.created}, deleted ${cleanup.deleted}; left over: ${cleanup.leftover.map((l) => html`<code>${l}</code> `)}</p>`
      : '';
  const contract = model.contract;
  const budget = contract ? budgetLines(contract).map((line) => html`<p class="small">${line}</p>`) : [];
  if (problems.length === 0) return html`${budget}${leftover}`;
  return html`<h3>Could not generate</h3><ul class="small">${problems.map((p) => html`<li><code>${p.operation}</code>: ${p.reason}</li>`)}</ul>${budget}${leftover}`;
}
