import type { RunModel } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatDuration } from '../format.ts';
import { shortCommit, verdictLabel } from '../summary-data.ts';

/** Verdict, what was tested and where, and links to the sections below. */
export function renderHeader(model: RunModel): Raw {
  const meta: [string, unknown][] = [
    ['Environment', model.env],
    ['Base URL', model.baseURL],
    ['Spec', model.spec ? `${model.spec.title} ${model.spec.version}` : undefined],
    ['Spec file', model.spec ? `${shortPath(model.spec.source)} (${model.spec.format})` : undefined],
    ['Started', model.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')],
    ['Duration', formatDuration(model.durationMs)],
    [
      'Git',
      shortCommit(model)
        ? `${shortCommit(model)}${model.git?.branch ? ` on ${model.git.branch}` : ''}`
        : undefined,
    ],
    ['Tool', `${model.tool.name} ${model.tool.version}`],
    ['Run', model.id],
  ];
  const items = meta
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => html`<div><dt>${k}</dt><dd title="${v}">${v}</dd></div>`);
  const playwright = model.playwrightReport
    ? html`<a href="${model.playwrightReport}">Playwright report</a>`
    : '';
  const aborted = model.aborted
    ? html`<div class="banner">Run aborted: ${model.aborted.reason}. Results gathered so far are shown.</div>`
    : '';
  const lost = model.contract?.credentialsLost;
  const credentials = lost
    ? html`<div class="banner">Credentials stopped working after ${lost.after}: later ${String(lost.status)} answers were not judged. Not a pass.</div>`
    : '';
  const links = [
    model.gates.length > 0 ? html`<a href="#gates">Gates</a>` : '',
    model.trends && (model.trends.operations.length > 0 || model.contract)
      ? html`<a href="#trends">Trends</a>`
      : '',
    model.contract ? html`<a href="#operations">Operations</a>` : '',
    model.contract ? html`<a href="#findings">Findings (${model.contract.findings.length})</a>` : '',
    model.load?.length ? html`<a href="#load">Load</a>` : '',
    model.suites ? html`<a href="#suites">Suites</a>` : '',
    playwright,
  ];
  return html`<section id="summary">
<header class="run"><span class="verdict ${model.verdict}" data-verdict="${model.verdict}">${verdictLabel[model.verdict]}</span>
<h1>tollgate · ${model.env}${model.spec ? html` · <span class="muted">${model.spec.title}</span>` : ''}</h1></header>
${aborted}${credentials}
<dl class="meta">${items}</dl>
<nav class="toc">${links}</nav>
</section>`;
}

/** Absolute paths (a spec outside the project) show their last two segments (run.json keeps the full path). */
function shortPath(path: string): string {
  if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) return path;
  return `…/${path.split(/[\\/]/).slice(-2).join('/')}`;
}
