import { relative } from 'node:path';
import type { UserStage } from '../../config/types.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { renderConsole } from '../../report/console.ts';
import { runGate } from '../../run/run-gate.ts';
import { openTarget } from '../../target/open-target.ts';
import { type Command, targetOptions } from '../command.ts';
import { exportRunMetrics, pushOption, pushTarget, pushWithAuth } from '../run-metrics.ts';

/** `tollgate gate --env staging`: every configured stage, one verdict, one report, one exit code. */
export const gateCommand: Command = {
  name: 'gate',
  summary: "run the environment's stages (generate-check, contract, suites, load) and judge every gate",
  usage: 'tollgate gate --env <name> [--fail-fast] [--stages contract,load:smoke]',
  examples: [
    'tollgate gate --env local',
    'tollgate gate --env staging --fail-fast',
    'tollgate gate --env local --stages contract',
  ],
  options: {
    ...targetOptions,
    ...pushOption,
    'fail-fast': { type: 'boolean', description: 'stop after the first stage that does not pass' },
    stages: {
      type: 'string',
      description:
        "comma-separated stages instead of the environment's: generate-check, contract, suites, diff, load:<profile>",
      valueName: 'list',
    },
    'allow-unreliable': {
      type: 'boolean',
      description: 'do not fail on gates marked unreliable (e.g. the load generator was saturated)',
    },
  },
  async run(ctx) {
    const stages = ctx.values.stages === undefined ? undefined : parseStages(String(ctx.values.stages));
    const pushUrl = pushTarget(ctx);
    const target = await openTarget(ctx);
    let push: ReturnType<typeof pushWithAuth>;
    let result: Awaited<ReturnType<typeof runGate>>;
    try {
      push = pushWithAuth(pushUrl, target.env);
      result = await runGate(target, {
        stages,
        failFast: ctx.values['fail-fast'] === true,
        allowUnreliable: ctx.values['allow-unreliable'] === true,
        runDir: ctx.values['run-dir'] as string | undefined,
        signal: ctx.signal,
        log: ctx.err,
      });
    } finally {
      await target.close();
    }
    for (const report of result.reports.filter((r) => r.error)) {
      ctx.err(`reporter ${report.reporter} failed (the other reports were written): ${report.error}`);
    }
    const reportPath = relative(ctx.cwd, `${result.dir}/index.html`) || `${result.dir}/index.html`;
    if (ctx.json) {
      ctx.out(JSON.stringify({ exitCode: result.exitCode, dir: result.dir, model: result.model }, null, 2));
    } else {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      ctx.out(renderConsole(result.model, { color, reportPath }).trimEnd());
    }
    await exportRunMetrics(ctx, result.model, result.dir, 'gate', push);
    return result.exitCode;
  },
};

/** `contract,load:smoke,suites` -> stages; a typo is a usage error naming the bad entry. */
export function parseStages(text: string): UserStage[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s): UserStage => {
      if (s === 'generate-check' || s === 'contract' || s === 'suites' || s === 'diff') return s;
      const load = /^load:(.+)$/.exec(s);
      if (load) return { load: load[1] };
      throw new TollgateError(
        'TG_USAGE',
        `--stages: unknown stage "${s}" (use generate-check, contract, suites, diff or load:<profile>)`,
      );
    });
}
