import { defaults } from '../../config/defaults.ts';
import type { ResolvedEnvironment } from '../../config/types.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import type { LoadedProfile } from '../profile/loaded-profile.ts';
import { buildSchedule, type Overrides } from '../profile/stages.ts';

const safeMethods = new Set(['get', 'head', 'options']);

/** Every request a profile can send: single requests and each step of a sequence. */
function requestSteps(profile: LoadedProfile): { method: string; path: string }[] {
  return profile.options.requests.flatMap((r) => ('steps' in r ? r.steps : [r]));
}

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
  const origin = new URL(targetURL).origin;
  const allowed = env.baseURL ? [new URL(env.baseURL).origin, ...(env.allowedHosts ?? [])] : [origin];
  if (!allowed.includes(origin)) {
    throw new TollgateError(
      'TG_UNSAFE_TARGET',
      `load target ${origin} is not a host of environment "${env.name}" (allowed: ${allowed.join(', ')})`,
    );
  }
  if (env.readOnly) {
    const writes = [
      ...new Set(
        requestSteps(profile)
          .filter((s) => !safeMethods.has(s.method.toLowerCase()))
          .map((s) => `${s.method.toUpperCase()} ${s.path}`),
      ),
    ];
    if (writes.length > 0) {
      throw new TollgateError(
        'TG_UNSAFE_TARGET',
        `environment "${env.name}" is readOnly: ${profile.source} sends ${writes.join(', ')}; a readOnly load sends only GET, HEAD and OPTIONS`,
        { hint: 'use a read-only profile for this environment' },
      );
    }
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
    // The cap is on requests: an arrival of a multi-step scenario sends every step.
    const steps = Math.max(1, ...p.requests.map((r) => ('steps' in r ? r.steps.length : 1)));
    const peak = Math.max(...schedule.stages.map((s) => Math.max(s.fromRate, s.toRate)));
    if (peak * steps > maxRate) {
      overrides.rate = maxRate / steps;
      notes.push(
        `rate capped at ${maxRate} rps by environments.${env.name}.maxRate (profile peak ${peak}${steps > 1 ? ` arrivals x ${steps} steps` : ''})`,
      );
    }
  }
  if (maxDurationSec !== undefined && schedule.totalMs / 1000 > maxDurationSec) {
    const measured = Math.max(1, maxDurationSec - schedule.warmupMs / 1000);
    overrides.durationSec = measured;
    notes.push(`duration capped at ${maxDurationSec}s by environments.${env.name}.maxDurationSec`);
  }
  return { overrides, notes };
}
