import { join, relative, resolve } from 'node:path';
import { defaults } from '../../config/defaults.ts';
import { loadConfig } from '../../config/load-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { renderConsole } from '../../report/console.ts';
import { writeReports } from '../../report/write-reports.ts';
import { readRun, resolveRunDir } from '../../run/run-file.ts';
import type { Command } from '../command.ts';

/** `tollgate report latest`: renders a run folder's reports again from its run.json. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'render the HTML, JUnit and Markdown reports of a run again from its run.json',
  usage: 'tollgate report [<run-id>|<run-folder>|latest]',
  examples: ['tollgate report latest', 'tollgate report reports/2026-11-30T03-40-12Z-local'],
  options: {
    config: { type: 'string', short: 'c', description: 'config file (for reportsDir)', valueName: 'file' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 1) {
      throw new TollgateError(
        'TG_USAGE',
        `report takes one run, got ${ctx.positionals.length}: ${ctx.positionals.join(' ')}`,
      );
    }
    const config = await loadConfig(ctx.cwd, ctx.values.config as string | undefined);
    const reportsDir = resolve(config?.root ?? ctx.cwd, config?.reportsDir ?? defaults.reportsDir);
    const dir = resolveRunDir(reportsDir, ctx.positionals[0] ?? 'latest', ctx.cwd);
    const model = readRun(dir);
    const outcomes = writeReports(dir, model);
    const failed = outcomes.filter((o) => o.error);
    for (const o of failed)
      ctx.err(`reporter ${o.reporter} failed (the other reports were written): ${o.error}`);
    if (ctx.json) {
      ctx.out(JSON.stringify({ dir, reports: outcomes }, null, 2));
    } else {
      const reportPath = relative(ctx.cwd, join(dir, 'index.html'));
      ctx.out(
        renderConsole(model, {
          reportPath,
          color: process.stdout.isTTY === true && !process.env.NO_COLOR,
        }).trimEnd(),
      );
    }
    return failed.length > 0 ? ExitCode.Failed : ExitCode.Pass;
  },
};
