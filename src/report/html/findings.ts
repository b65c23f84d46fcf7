import { type Finding, type RunModel, type Severity, severityOf, unansweredText } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';
import { formatMs } from '../format.ts';
import { findingsByCheck, groupViews } from '../summary-data.ts';
import { sortableTable } from './table.ts';

/** Findings shown in full per check; the rest are counted (run.json has them all). */
const MAX_PER_CHECK = 40;
/** Body characters shown; bodies are already truncated upstream, this bounds the page. */
const MAX_BODY = 4000;

/** The group table (one row per cause), then every finding grouped by check. */
export function renderFindings(model: RunModel): Raw {
  const contract = model.contract;
  if (!contract) return html``;
  const groups = sortableTable({
    id: 'group-table',
    filter: 'Filter finding groups…',
    columns: [
      { label: 'Severity' },
      { label: 'Check' },
      { label: 'Operation' },
      { label: 'Finding' },
      { label: 'Expected' },
      { label: 'Received' },
      { label: 'Count', num: true },
    ],
    rows: groupViews(model).map((g) => ({
      cells: [
        { html: severityBadge(severityOf(g)), sort: severityOf(g) },
        html`<a href="#finding-${g.first}">${g.check}</a>`,
        html`<code>${g.operation}</code>`,
        html`${g.title}${g.location ? html` <code class="muted">${g.location}</code>` : ''}`,
        g.expected,
        g.received,
        { html: g.count, sort: g.count },
      ],
    })),
    empty: `No findings in ${contract.cases} cases.`,
  });
  const byCheck = findingsByCheck(model);
  const checks = byCheck.map(([check]) => check);
  const filter =
    contract.findings.length > 0
      ? html`<div class="table-tools"><input type="search" id="finding-filter" placeholder="Filter findings (operation, status, text)…" aria-label="Filter findings">
<select id="finding-check" aria-label="Check"><option value="">All checks</option>${checks.map((c) => html`<option value="${c}">${c}</option>`)}</select>
<span class="muted small" id="finding-count"></span></div>`
      : '';
  const sections = byCheck.map(([check, list]) => {
    const shown = list.slice(0, MAX_PER_CHECK);
    const more = list.length - shown.length;
    return html`<details class="check" open data-check="${check}"><summary>${check} <span class="badge fail count">${list.length}</span></summary>
${shown.map(({ index, finding }) => renderFinding(index, finding))}
${more > 0 ? html`<p class="muted small">… and ${more} more ${check} findings in run.json.</p>` : ''}</details>`;
  });
  const u = contract.unanswered;
  const unanswered =
    u && u.timeouts + u.connection > 0
      ? html`<p class="unanswered"><strong>${unansweredText(u)}</strong></p>`
      : '';
  const warnings = contract.findings.filter((f) => severityOf(f) === 'warning').length;
  const notices = contract.notices ?? [];
  return html`<section id="findings"><h2>Findings <span class="muted small">${contract.findings.length - warnings} errors · ${warnings} warnings in ${contract.cases} cases · seed ${contract.seed}</span></h2>
${notices.length ? html`<ul class="notices">${notices.map((n) => html`<li><span class="badge warn">notice</span> ${n}</li>`)}</ul>` : ''}
${unanswered}${groups}
${contract.findings.length > 0 ? html`<h3>All findings by check</h3>` : ''}${filter}${sections}</section>`;
}

function renderFinding(index: number, f: Finding): Raw {
  const req = f.request;
  const res = f.response;
  const requestText = [
    `${req.method} ${req.url}`,
    ...headerLines(req.headers),
    ...(req.body ? ['', clip(req.body)] : []),
  ].join('\n');
  const responseText = [
    `HTTP ${res.status} · ${formatMs(res.elapsedMs)}`,
    ...headerLines(res.headers),
    '',
    clip(res.body),
  ].join('\n');
  return html`<article class="finding" id="finding-${index}" data-check="${f.check}">
<h4>${severityBadge(severityOf(f))}<span>${f.title}</span><code>${f.operation}</code><span class="badge neutral">${f.phase}</span>${f.location ? html`<code class="muted">${f.location}</code>` : ''}<span class="muted small">replay ${f.replayId}</span></h4>
<div class="expect-received"><div class="er expected">${f.expected}</div><div class="er received">${f.received}</div></div>
<div class="exchange"><div><h5>Request</h5><pre class="request">${requestText}</pre></div>
<div><h5>Response</h5><pre class="response-body">${responseText}</pre></div></div>
<div class="curl"><pre id="curl-${index}">${f.curl}</pre><button type="button" class="copy" data-copy="curl-${index}">Copy curl</button></div>
</article>`;
}

/** Errors in the fail colour; warnings and info in the warn one (shown, not failing by default). */
function severityBadge(severity: Severity): Raw {
  return html`<span class="badge ${severity === 'error' ? 'fail' : 'warn'} severity">${severity}</span>`;
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function clip(body: string): string {
  if (body.length <= MAX_BODY) return body;
  return `${body.slice(0, MAX_BODY)}\n… (${body.length - MAX_BODY} more characters)`;
}
