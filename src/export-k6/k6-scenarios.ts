import type { LoadedProfile } from '../load/profile/loaded-profile.ts';
import { buildSchedule, type TimedStage } from '../load/profile/stages.ts';

interface K6Stage {
  target: number;
  duration: string;
}

/** One k6 scenario, in the shape of `Options['scenarios'][name]` (k6/options). */
export type K6Scenario =
  | {
      executor: 'constant-arrival-rate';
      rate: number;
      timeUnit: '1s';
      duration: string;
      preAllocatedVUs: number;
      maxVUs: number;
    }
  | {
      executor: 'ramping-arrival-rate';
      startRate: number;
      timeUnit: '1s';
      preAllocatedVUs: number;
      maxVUs: number;
      stages: K6Stage[];
    }
  | { executor: 'constant-vus'; vus: number; duration: string }
  | { executor: 'ramping-vus'; startVUs: number; stages: K6Stage[] };

/**
 * The profile's stages as one k6 scenario, laid out by the same
 * `buildSchedule` the engines use. Open model -> arrival-rate executors
 * (k6's open model), closed -> VU executors. A stage that holds a new level
 * (steady, spike, warmup) after another level is a 0s jump then a hold,
 * since k6 stages always ramp linearly from the previous target.
 */
export function k6Scenario(profile: LoadedProfile): K6Scenario {
  const p = profile.options;
  const { stages } = buildSchedule(p);
  const open = p.model === 'open';
  const from = (s: TimedStage) => (open ? s.fromRate : s.fromConnections);
  const to = (s: TimedStage) => (open ? s.toRate : s.toConnections);
  if (stages.length === 1 && from(stages[0]) === to(stages[0])) {
    const duration = seconds(stages[0].endMs - stages[0].startMs);
    return open
      ? {
          executor: 'constant-arrival-rate',
          rate: to(stages[0]),
          timeUnit: '1s',
          duration,
          ...vus(p.connections, to(stages[0])),
        }
      : { executor: 'constant-vus', vus: to(stages[0]), duration };
  }
  const k6Stages: K6Stage[] = [];
  let level = from(stages[0]);
  for (const s of stages) {
    if (from(s) !== level) k6Stages.push({ target: from(s), duration: '0s' });
    k6Stages.push({ target: to(s), duration: seconds(s.endMs - s.startMs) });
    level = to(s);
  }
  if (!open) return { executor: 'ramping-vus', startVUs: from(stages[0]), stages: k6Stages };
  const peak = Math.max(...stages.map(to));
  return {
    executor: 'ramping-arrival-rate',
    startRate: from(stages[0]),
    timeUnit: '1s',
    ...vus(p.connections, peak),
    stages: k6Stages,
  };
}

/** VUs k6 keeps ready for an arrival rate: tollgate's open-model connection cap (default rate/20, 8..512). */
function vus(connections: number | undefined, peakRate: number): { preAllocatedVUs: number; maxVUs: number } {
  const cap = connections ?? Math.min(512, Math.max(8, Math.ceil(peakRate / 20)));
  return { preAllocatedVUs: Math.min(cap, Math.max(1, Math.ceil(peakRate / 20))), maxVUs: cap };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(12))}s`;
}
