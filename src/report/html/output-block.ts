import type { CommandRun } from '../../run/model.ts';
import { html, type Raw } from '../escape-html.ts';

/** A command's output (a deploy, a rollback), folded: it is long and already redacted. */
export function outputBlock(title: string, run: CommandRun | undefined): Raw {
  if (!run) return html``;
  const cut = run.outputCut ? ` (${run.outputCut} bytes cut in the middle)` : '';
  return html`<details><summary>${title}${cut}</summary><pre>${run.output || '(no output)'}</pre></details>`;
}
