import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunModel } from '../run/model.ts';
import { renderConsole } from './console.ts';
import { renderHtml } from './html/page.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

/**
 * Reporters by name, each a pure `model -> text` plus the file it goes to.
 * Adding an output is one entry here.
 */
export const reporters = {
  html: { file: 'index.html', render: renderHtml },
  junit: { file: 'junit.xml', render: renderJunit },
  markdown: { file: 'summary.md', render: renderMarkdown },
  console: { file: 'console.txt', render: (model: RunModel) => renderConsole(model) },
} satisfies Record<string, { file: string; render: (model: RunModel) => string }>;

export type ReporterName = keyof typeof reporters;

const defaultReporters: ReporterName[] = ['html', 'junit', 'markdown'];

export interface ReportOutcome {
  reporter: ReporterName;
  /** Absolute path written, when it worked. */
  file?: string;
  /** The reporter's crash, when it did not; the others still ran. */
  error?: string;
}

/**
 * Writes every report of a run into its folder. One reporter crashing (a bug,
 * a full disk) does not stop the others; its error comes back as data for
 * the caller to print.
 */
export function writeReports(
  dir: string,
  model: RunModel,
  names: ReporterName[] = defaultReporters,
  env: NodeJS.ProcessEnv = process.env,
): ReportOutcome[] {
  const outcomes = names.map((reporter): ReportOutcome => {
    try {
      const { file, render } = reporters[reporter];
      const path = join(dir, file);
      writeFileSync(path, render(model));
      return { reporter, file: path };
    } catch (error) {
      return { reporter, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  });
  appendStepSummary(model, outcomes, env);
  return outcomes;
}

/** GitHub Actions shows `$GITHUB_STEP_SUMMARY` on the run page; append, as other steps may write too. */
function appendStepSummary(model: RunModel, outcomes: ReportOutcome[], env: NodeJS.ProcessEnv): void {
  const target = env.GITHUB_STEP_SUMMARY;
  if (!target) return;
  try {
    writeFileSync(target, renderMarkdown(model), { flag: 'a' });
  } catch (error) {
    outcomes.push({ reporter: 'markdown', error: `GITHUB_STEP_SUMMARY: ${(error as Error).message}` });
  }
}
