import type { RunModel, WatchResult } from '../../run/model.ts';
import { html, type Raw, raw } from '../escape-html.ts';
import { formatMs } from '../format.ts';
import { errorWindowText, exitWords, failuresText, recoveryText } from '../watch-text.ts';
import { outputBlock } from './output-block.ts';
import { sortableTable } from './table.ts';

const width = 860;
const plot = { left: 48, right: 12, top: 44, rateHeight: 130, gap: 30, latencyHeight: 90 };

/**
 * `tollgate watch`: the switch as one picture (answered and failed requests
 * per second, p99 per second, the command's and the rollback's start and end,
 * the error window shaded), then what ran, and the per-second table. The
 * chart is inline SVG drawn here: no script needed.
 */
export function renderWatch(model: RunModel): Raw {
  const watch = model.watch;
  if (!watch) return html``;
  const w = watch.window;
  const command = watch.command;
  const rollback = watch.rollback;
  return html`<section id="watch"><h2>Watch <span class="muted small">${watch.profile} · ${watch.source} · ${watch.rate} rps open model · ${(watch.beforeMs / 1000).toFixed(1)}s before · settle ${(watch.settleMs / 1000).toFixed(1)}s</span></h2>
${watch.aborted ? html`<div class="banner">Interrupted: ${watch.aborted.reason}</div>` : ''}
${watch.unreachable ? html`<div class="banner">${watch.unreachable}</div>` : ''}
<ul>
${command ? html`<li>Command <code>${command.command}</code>: ${at(command.startMs)} → ${at(command.endMs)}, <strong>${exitWords(command)}</strong></li>` : ''}
<li>Switch window ${at(w.startMs)} → ${at(w.endMs)}: <strong>${failuresText(w)}</strong>; p50 ${formatMs(w.latencyMs.p50)} · p99 <strong>${formatMs(w.latencyMs.p99)}</strong> · max ${formatMs(w.latencyMs.max)}; ${errorWindowText(w)}</li>
<li>Before the command: ${failuresText(watch.before)}; p99 ${formatMs(watch.before.latencyMs.p99)}</li>
${rollback ? html`<li>Rollback <code>${rollback.command}</code> (${rollback.trigger}): ${at(rollback.startMs)} → ${at(rollback.endMs)}, <strong>${exitWords(rollback)}</strong>; <strong>${recoveryText(rollback)}</strong></li>` : ''}
${watch.notes.map((note) => html`<li class="muted">${note}</li>`)}
</ul>
<figure class="chart"><figcaption>Requests per second (grey answered, red failed) and p99 per second; the command (blue) and the rollback (orange) marked, the error window shaded</figcaption>${raw(timelineSvg(watch))}</figure>
${outputBlock('Command output', command)}
${outputBlock('Rollback output', rollback)}
<h3>Per second</h3>
${sortableTable({
  id: 'watch-table',
  columns: [
    { label: 's', num: true },
    { label: 'Phase' },
    { label: 'Sent', num: true },
    { label: 'Answered', num: true },
    { label: 'Failed', num: true },
    { label: '5xx', num: true },
    { label: 'Refused', num: true },
    { label: 'Reset', num: true },
    { label: 'Timeout', num: true },
    { label: 'p50', num: true },
    { label: 'p99', num: true },
  ],
  rows: watch.timeline.map((s) => ({
    className: s.errors > 0 ? 'fail' : undefined,
    cells: [
      { html: s.t, sort: s.t },
      s.phase,
      { html: s.sent, sort: s.sent },
      { html: s.answered, sort: s.answered },
      { html: s.errors, sort: s.errors },
      { html: s.http5xx, sort: s.http5xx },
      { html: s.refused, sort: s.refused },
      { html: s.resets, sort: s.resets },
      { html: s.timeouts, sort: s.timeouts },
      { html: formatMs(s.p50), sort: s.p50 },
      { html: formatMs(s.p99), sort: s.p99 },
    ],
  })),
})}</section>`;
}

function at(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}

/** The per-second chart as SVG markup; every number is ours, every text passes escaping. */
function timelineSvg(watch: WatchResult): string {
  const seconds = Math.max(1, watch.durationMs / 1000);
  const inner = width - plot.left - plot.right;
  const x = (ms: number) => plot.left + (Math.min(ms, watch.durationMs) / 1000 / seconds) * inner;
  const rateTop = plot.top;
  const rateBottom = rateTop + plot.rateHeight;
  const latTop = rateBottom + plot.gap;
  const latBottom = latTop + plot.latencyHeight;
  const height = latBottom + 24;
  const peak = Math.max(1, ...watch.timeline.map((s) => Math.max(s.sent, s.answered + s.errors)));
  const p99Peak = Math.max(1, ...watch.timeline.map((s) => s.p99));
  const parts: string[] = [];
  const w = watch.window;
  if (w.firstErrorMs !== undefined && w.lastErrorMs !== undefined) {
    const x0 = x(w.firstErrorMs);
    const x1 = Math.max(x0 + 2, x(w.lastErrorMs));
    parts.push(
      `<rect x="${x0}" y="${rateTop}" width="${x1 - x0}" height="${latBottom - rateTop}" fill="#fdd" opacity="0.7"><title>${esc(errorWindowText(w))}</title></rect>`,
    );
  }
  for (const s of watch.timeline) {
    const x0 = x((s.t - 1) * 1000) + 1;
    const barWidth = Math.max(1, x(s.t * 1000) - x0 - 1);
    const answeredOk = Math.max(0, s.answered - s.http5xx);
    const okHeight = (answeredOk / peak) * plot.rateHeight;
    const failHeight = (s.errors / peak) * plot.rateHeight;
    parts.push(
      `<rect x="${x0}" y="${rateBottom - okHeight}" width="${barWidth}" height="${okHeight}" fill="#bbb"><title>${esc(`${s.t}s (${s.phase}): ${s.answered} answered, ${s.errors} failed of ${s.sent} sent`)}</title></rect>`,
    );
    if (s.errors > 0)
      parts.push(
        `<rect x="${x0}" y="${rateBottom - okHeight - failHeight}" width="${barWidth}" height="${failHeight}" fill="#d33"><title>${esc(`${s.t}s: ${s.errors} failed (${s.http5xx} 5xx, ${s.refused} refused, ${s.resets} reset, ${s.timeouts} timed out)`)}</title></rect>`,
      );
  }
  const points = watch.timeline
    .map(
      (s) =>
        `${x((s.t - 0.5) * 1000).toFixed(1)},${(latBottom - (s.p99 / p99Peak) * plot.latencyHeight).toFixed(1)}`,
    )
    .join(' ');
  if (points) parts.push(`<polyline points="${points}" fill="none" stroke="#36c" stroke-width="2"/>`);
  // Labels on three rows, so a command's end and a rollback's start in the same instant stay readable.
  let marks = 0;
  const mark = (ms: number, color: string, label: string) => {
    const y = rateTop - 6 - (marks++ % 3) * 12;
    return `<line x1="${x(ms)}" x2="${x(ms)}" y1="${y + 2}" y2="${latBottom}" stroke="${color}" stroke-width="2" stroke-dasharray="4 3"/><text x="${x(ms) + 3}" y="${y}" font-size="11" fill="${color}">${esc(label)}</text>`;
  };
  if (watch.command) {
    parts.push(mark(watch.command.startMs, '#1f5fbf', `▶ command ${at(watch.command.startMs)}`));
    parts.push(mark(watch.command.endMs, '#1f5fbf', `■ command ${at(watch.command.endMs)}`));
  }
  if (watch.rollback) {
    parts.push(mark(watch.rollback.startMs, '#d97a00', `▶ rollback ${at(watch.rollback.startMs)}`));
    parts.push(mark(watch.rollback.endMs, '#d97a00', `■ rollback ${at(watch.rollback.endMs)}`));
  }
  const axis = [
    `<line x1="${plot.left}" x2="${width - plot.right}" y1="${rateBottom}" y2="${rateBottom}" stroke="#888"/>`,
    `<line x1="${plot.left}" x2="${width - plot.right}" y1="${latBottom}" y2="${latBottom}" stroke="#888"/>`,
    `<text x="4" y="${rateTop + 10}" font-size="11">${peak} rps</text>`,
    `<text x="4" y="${rateBottom}" font-size="11">0</text>`,
    `<text x="4" y="${latTop + 10}" font-size="11">${esc(formatMs(p99Peak))}</text>`,
    `<text x="4" y="${latTop + 24}" font-size="11">p99</text>`,
  ];
  for (let t = 0; t <= seconds; t += seconds > 30 ? 5 : 1) {
    axis.push(`<text x="${x(t * 1000) - 4}" y="${latBottom + 16}" font-size="11">${t}s</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="watch timeline" data-watch-timeline="">${axis.join('')}${parts.join('')}</svg>`;
}

function esc(text: string): string {
  return html`${text}`.value;
}
