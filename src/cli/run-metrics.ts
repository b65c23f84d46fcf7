import { parsePushUrl, pushRunMetrics, writeRunMetrics } from '../metrics-out/export-run-metrics.ts';
import type { RunModel } from '../run/model.ts';
import type { CommandContext, OptionSpec } from './command.ts';

/** `--push`, which `contract`, `load` and `gate` take. */
export const pushOption = {
  push: {
    type: 'string',
    description: "push the run's metrics to this Pushgateway (job tollgate, grouped by env and command)",
    valueName: 'url',
  },
} satisfies Record<string, OptionSpec>;

/** Checked before a run starts, so a typo costs nothing. */
export function pushTarget(ctx: CommandContext): URL | undefined {
  const value = ctx.values.push;
  return typeof value === 'string' ? parsePushUrl(value) : undefined;
}

/**
 * After the run is recorded: `metrics.prom` in its folder, always, then the
 * push when `--push` was given (a failed push throws TG_PUSH_FAILED, exit 3).
 */
export async function exportRunMetrics(
  ctx: CommandContext,
  model: RunModel,
  dir: string,
  command: string,
  push: URL | undefined,
): Promise<void> {
  await writeRunMetrics(dir, model);
  if (!push) return;
  await pushRunMetrics(push, model, command);
  if (!ctx.json)
    ctx.err(`pushed the run's metrics to ${push.href} (job tollgate, env ${model.env}, command ${command})`);
}
