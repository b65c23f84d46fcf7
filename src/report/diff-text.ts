import type { DiffFinding, DiffResult, SpecLocation } from '../run/model.ts';

/** `specs/albums.yaml:42` (or the pointer when the file has no line for it). */
export function placeText(at: SpecLocation | undefined): string {
  if (!at) return '-';
  return at.line === undefined ? `${at.source}${at.pointer}` : `${at.source}:${at.line}`;
}

/** Findings that count first (ERR, WARN, INFO), ignored ones last. */
export function diffRows(diff: DiffResult): DiffFinding[] {
  return [...diff.findings.filter((f) => !f.ignored), ...diff.findings.filter((f) => f.ignored)];
}

export function diffSummary(diff: DiffResult): string {
  const ignored = diff.findings.filter((f) => f.ignored).length;
  const counts = `${diff.counts.ERR} ERR, ${diff.counts.WARN} WARN, ${diff.counts.INFO} INFO`;
  return `${counts}${ignored > 0 ? `, ${ignored} ignored` : ''} (fail on ${diff.failOn})`;
}

/** Markdown section: the same in summary.md and in `$GITHUB_STEP_SUMMARY`. */
export function diffMarkdown(diff: DiffResult): string[] {
  const cell = (t: string) => t.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const out = [
    `### Spec diff: ${diffSummary(diff)}`,
    '',
    `\`${cell(diff.base.source)}\` (${diff.base.format}) → \`${cell(diff.revision.source)}\` (${diff.revision.format})`,
    '',
  ];
  if (diff.findings.length === 0) return [...out, 'No changes.', ''];
  out.push('| Level | Check | Operation | Change | Base | Revision |', '|---|---|---|---|---|---|');
  for (const f of diffRows(diff)) {
    const level = f.ignored ? `~~${f.level}~~ ignored: ${cell(f.ignored)}` : f.level;
    out.push(
      `| ${level} | ${cell(f.id)} | \`${cell(f.operation)}\` | ${cell(f.text)} | ${cell(placeText(f.base))} | ${cell(placeText(f.revision))} |`,
    );
  }
  return [...out, ''];
}

/** GitHub Actions workflow commands: one annotation per counted finding, on the revision's line. */
export function githubAnnotations(diff: DiffResult): string[] {
  const kind = { ERR: 'error', WARN: 'warning', INFO: 'notice' } as const;
  return diff.findings
    .filter((f) => !f.ignored)
    .map((f) => {
      const at = f.revision?.line !== undefined ? f.revision : (f.base ?? f.revision);
      const file = at && !/^(https?|git):/.test(at.source) ? `file=${at.source},` : '';
      const line = at?.line !== undefined ? `line=${at.line},` : '';
      const message = `${f.operation}: ${f.text} (base ${placeText(f.base)}, revision ${placeText(f.revision)})`;
      return `::${kind[f.level]} ${file}${line}title=${f.id}::${message.replaceAll('%', '%25').replaceAll('\n', '%0A')}`;
    });
}
