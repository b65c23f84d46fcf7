import type { RunModel } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';

/** The spec's own smells, each once, apart from the findings: they are not the server's fault. */
export function renderSpecWarnings(model: RunModel): Raw {
  const warnings = model.contract?.specWarnings ?? [];
  if (warnings.length === 0) return html``;
  return html`<section id="spec-warnings"><h2>Spec warnings <span class="muted small">${warnings.length} · not findings, not gated</span></h2>
<ul class="small">${warnings.map((w) => html`<li>${w.message} <span class="muted">[${w.code}]</span>${w.pointer ? html` <code>${w.pointer}</code>` : ''}</li>`)}</ul></section>`;
}
