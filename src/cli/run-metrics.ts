import { pushgatewayHeaders } from '../config/pushgateway-headers.ts';
import type { ResolvedEnvironment } from '../config/types.ts';
import {
  type PushTarget,
  parsePushUrl,
  pushRunMetrics,
  writeRunMetrics,
} from '../metrics-out/export-run-metrics.ts';
import type { RunModel } from '../run/model.ts';
import type { CommandContext, OptionSpec } from './command.ts';

/** `--push`, which `contract`, `load`, `gate` and `watch` take. */
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
 * The push with the environment's credentials (`pushgateway.auth`), read
 * from their env vars before the run: a missing one is exit 2 then, not
 * after the run.
 */
export function pushWithAuth(
  url: URL | undefined,
  env: Pick<ResolvedEnvironment, 'name' | 'pushgateway'>,
): PushTarget | undefined {
  if (!url) return undefined;
  return { url, headers: pushgatewayHeaders(env), authFrom: `environments.${env.name}.pushgateway.auth` };
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
  push: PushTarget | undefined,
): Promise<void> {
  await writeRunMetrics(dir, model);
  if (!push) return;
  await pushRunMetrics(push, model, command);
  if (!ctx.json)
    ctx.err(
      `pushed the run's metrics to ${push.url.href} (job tollgate, env ${model.env}, command ${command})`,
    );
}
