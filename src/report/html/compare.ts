import type { MetricResult, RunModel } from '../../run/model.ts';
import { promqlSideText } from '../compare-promql-text.ts';
import { metricLine } from '../compare-text.ts';
import { html, type Raw } from '../escape-html.ts';
import { exitWords } from '../watch-text.ts';
import { outputBlock } from './output-block.ts';

/**
 * `tollgate compare`: the verdict and why, then per operation and metric the
 * effect with its interval and the two sides side by side (p50 / p95 / p99
 * for latency, counts and rates for errors), each with its class.
 */
export function renderCompare(model: RunModel): Raw {
  const c = model.compare;
  if (!c) return html``;
  const v = c.verdict;
  return html`<section id="compare"><h2>Compare <span class="muted small">baseline ${c.baseline.url} · candidate ${c.candidate.url} · ${c.rate} rps each · ${c.seconds}s interleaved · seed ${c.seed}</span></h2>
<div class="banner">${v.decision === 'promote' ? 'Promote' : 'Roll back'}: ${v.classification}, score ${v.score} (pass at ${c.thresholds.pass}, marginal at ${c.thresholds.marginal})</div>
${v.reasons.length ? html`<ul>${v.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
${(c.warnings ?? []).length ? html`<ul class="warnings">${(c.warnings ?? []).map((w) => html`<li><strong>Warning</strong>: ${w}</li>`)}</ul>` : ''}
${c.rollback ? html`<p>Rollback <code>${c.rollback.command}</code> (${c.rollback.trigger}): <strong>${exitWords(c.rollback)}</strong></p>${outputBlock('Rollback output', c.rollback)}` : ''}
<table class="compare"><thead><tr><th>operation</th><th>metric</th><th>baseline</th><th>candidate</th><th>effect, CI, p</th><th>result</th></tr></thead>
<tbody>${c.metrics.map(row)}</tbody></table>
${c.notes.length ? html`<ul>${c.notes.map((n) => html`<li class="muted">${n}</li>`)}</ul>` : ''}
</section>`;
}

function row(m: MetricResult): Raw {
  const parts = metricLine(m).split('  ');
  return html`<tr><td>${m.op}</td><td>${m.metric}</td><td>${side(m, 'baseline')}</td><td>${side(m, 'candidate')}</td><td>${parts.slice(1, -1).join(' · ')}</td><td>${parts.at(-1)}</td></tr>`;
}

function side(m: MetricResult, which: 'baseline' | 'candidate'): string {
  const s = m[which];
  if (m.metric === 'promql') return promqlSideText(m, which);
  if (m.metric === 'latency') {
    const f = (v: number | undefined) => (v === undefined ? '-' : `${Math.round(v * 100) / 100}`);
    return `p50 ${f(s.p50)} / p95 ${f(s.p95)} / p99 ${f(s.p99)} ms (${s.samples} samples)`;
  }
  return `${s.count ?? 0} of ${s.requests}`;
}
