import { defaults } from '../config/defaults.ts';
import type { ResolvedEnvironment } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { buildSchedule, type Overrides } from './stages.ts';
import type { LoadedProfile } from './types.ts';

/**
 * Applies an environment's load limits to the overrides: a readOnly
 * environment refuses load unless allowLoad, and caps rate and duration
 * (maxRate/maxDurationSec); the load only ever goes to the environment's host.
 * Returns the overrides to run with and notes on what was capped.
 */
export function applyLoadLimits(
  env: ResolvedEnvironment,
  profile: LoadedProfile,
  requested: Overrides,
  targetURL: string,
): { overrides: Overrides; notes: string[] } {
  if (env.readOnly && !env.allowLoad) {
    throw new TollgateError(
      'TG_UNSAFE_TARGET',
      `environment "${env.name}" is readOnly: load is refused (set environments.${env.name}.allowLoad: true to allow capped load)`,
    );
  }
  if (env.baseURL && new URL(env.baseURL).host !== new URL(targetURL).host) {
    throw new TollgateError(
      'TG_UNSAFE_TARGET',
      `load target ${new URL(targetURL).host} is not the host of environment "${env.name}" (${new URL(env.baseURL).host})`,
    );
  }
  const maxRate = env.maxRate ?? (env.readOnly ? defaults.readOnly.maxRate : undefined);
  const maxDurationSec = env.maxDurationSec ?? (env.readOnly ? defaults.readOnly.maxDurationSec : undefined);
  const overrides = { ...requested };
  const notes: string[] = [];
  const p = profile.options;
  const schedule = buildSchedule(p, overrides);
  if (maxRate !== undefined) {
    if (p.model === 'closed') {
      throw new TollgateError(
        'TG_UNSAFE_TARGET',
        `environment "${env.name}" caps load at ${maxRate} rps, which a closed-model profile (${profile.source}) cannot respect; use an open-model profile`,
      );
    }
    const peak = Math.max(...schedule.stages.map((s) => Math.max(s.fromRate, s.toRate)));
    if (peak > maxRate) {
      overrides.rate = maxRate;
      notes.push(`rate capped at ${maxRate} rps by environments.${env.name}.maxRate (profile peak ${peak})`);
    }
  }
  if (maxDurationSec !== undefined && schedule.totalMs / 1000 > maxDurationSec) {
    const measured = Math.max(1, maxDurationSec - schedule.warmupMs / 1000);
    overrides.durationSec = measured;
    notes.push(`duration capped at ${maxDurationSec}s by environments.${env.name}.maxDurationSec`);
  }
  return { overrides, notes };
}
