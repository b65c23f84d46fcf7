import { type LoadResult, leftoverText, type RunModel, reasonsText } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatDuration, formatMs, formatPct, formatRps } from '../format.ts';
import { latencyDistribution } from './distribution.ts';
import { sortableTable } from './table.ts';

/** What the client script draws, embedded as JSON (never as markup). */
export interface ChartData {
  profile: string;
  timeline: LoadResult['timeline'];
  distribution: [number, number][];
  perOperation: { operation: string; p50: number; p95: number; p99: number }[];
}

export function chartData(model: RunModel): ChartData[] {
  return (model.load ?? []).map((load) => ({
    profile: load.profile,
    timeline: load.timeline,
    distribution: latencyDistribution(load),
    perOperation: load.perOperation.map((op) => ({ operation: op.operation, ...pick(op.latencyMs) })),
  }));
}

function pick(l: { p50: number; p95: number; p99: number }) {
  return { p50: l.p50, p95: l.p95, p99: l.p99 };
}

/** One block per load profile: the generator's own health, four charts, the per-operation table. */
export function renderLoad(model: RunModel): Raw {
  const loads = model.load ?? [];
  if (loads.length === 0) return html``;
  return html`<section id="load"><h2>Load</h2>${loads.map((load, i) => renderProfile(load, i))}</section>`;
}

function renderProfile(load: LoadResult, i: number): Raw {
  const t = load.totals;
  const self = load.selfCheck;
  const target = self.targetRps === undefined ? '' : ` of ${formatRps(self.targetRps)} target`;
  const health = self.ok
    ? html`<span class="badge pass">generator ok</span>`
    : html`<span class="badge warn" title="${self.problems.join('; ')}">generator unreliable</span> <span class="small">${self.problems.join('; ')}</span>`;
  // Latency gates judge the corrected latency when the open model measured it; both are labelled.
  const c = t.correctedLatencyMs;
  const corrected = c
    ? html` · corrected (as gated) p50 <strong>${formatMs(c.p50)}</strong> · p95 <strong>${formatMs(c.p95)}</strong> · p99 <strong>${formatMs(c.p99)}</strong> · uncorrected`
    : ' · uncorrected (as gated)';
  const shown = c ? 'corrected' : 'uncorrected';
  const chart = (kind: string, caption: string) =>
    html`<figure class="chart"><figcaption>${caption}</figcaption><div class="chart-box" data-chart="${kind}" data-load="${i}" id="chart-${kind}-${i}"></div></figure>`;
  return html`<h3>${load.profile} <span class="muted small">${load.source} · ${load.model} model · ${formatDuration(load.durationMs)} (warm-up ${formatDuration(load.warmupMs)} excluded)</span></h3>
${load.aborted ? html`<div class="banner">Aborted: ${load.aborted.reason}</div>` : ''}
${cleanupBlock(load, i)}
<p>${health} <strong>${t.requests}</strong> requests · <strong>${formatRps(t.rps)}</strong> rps achieved${target}${corrected} p50 <strong>${formatMs(t.latencyMs.p50)}</strong> · p95 <strong>${formatMs(t.latencyMs.p95)}</strong> · p99 <strong>${formatMs(t.latencyMs.p99)}</strong> · max ${formatMs(t.latencyMs.max)} · errors <strong>${formatPct(t.errors.rate)}</strong> (${t.errors.http} http, ${t.errors.timeouts} timeouts, ${t.errors.connection} connection)</p>
<div class="charts">${chart('latency', `Latency percentiles over time (ms, ${shown})`)}${chart('rps', 'Throughput and errors per second')}${chart('distribution', `Latency distribution (ms by percentile, ${shown})`)}${chart('operations', 'Latency per operation (ms, uncorrected)')}</div>
<h3>Per operation</h3>
${sortableTable({
  id: `load-table-${i}`,
  columns: [
    { label: 'Operation' },
    { label: 'Requests', num: true },
    { label: 'rps', num: true },
    { label: 'p50 (uncorrected)', num: true },
    { label: 'p90 (uncorrected)', num: true },
    { label: 'p95 (uncorrected)', num: true },
    { label: 'p99 (uncorrected)', num: true },
    { label: 'max (uncorrected)', num: true },
    { label: 'Errors', num: true },
    { label: 'Status codes' },
    { label: 'Contract sample' },
  ],
  rows: load.perOperation.map((op) => {
    const ms = (v: number) => ({ html: formatMs(v), sort: v });
    return {
      className: op.errors.rate > 0 ? 'fail' : undefined,
      cells: [
        html`<code>${op.operation}</code>`,
        { html: op.requests, sort: op.requests },
        { html: formatRps(op.rps), sort: op.rps },
        ms(op.latencyMs.p50),
        ms(op.latencyMs.p90),
        ms(op.latencyMs.p95),
        ms(op.latencyMs.p99),
        ms(op.latencyMs.max),
        { html: formatPct(op.errors.rate), sort: op.errors.rate },
        html`${Object.entries(op.statusCodes).map(([s, n]) => html`<span class="status ${s.startsWith('5') ? 'undocumented' : 'ok'}">${s}×${n}</span>`)}`,
        op.contract ? `${op.contract.violations} violations in ${op.contract.sampled}` : '–',
      ],
    };
  }),
})}`;
}

/** What the run created and deleted; leftovers as a banner (not a pass) with a curl each to copy. */
function cleanupBlock(load: LoadResult, i: number): Raw | string {
  const c = load.cleanup;
  if (!c || c.created === 0) return '';
  const counts = `Cleanup: ${c.created} created, ${c.deleted} deleted`;
  const left = leftoverText(c);
  if (!left) return html`<p class="small">${counts}.</p>`;
  const why = reasonsText(c.leftoverReasons);
  const curls = c.curls ?? [];
  return html`<div class="banner">Incomplete: ${left}. Not a pass.</div>
<p class="small">${counts}, ${c.leftover} left: ${why}</p>
${curls.length ? html`<div class="curl"><pre id="cleanup-curls-${i}">${curls.join('\n')}</pre><button type="button" class="copy" data-copy="cleanup-curls-${i}">Copy curls</button></div>` : ''}`;
}
