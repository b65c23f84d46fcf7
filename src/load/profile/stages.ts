import type { Stage, StageKind } from './define-profile.ts';

/** A stage with absolute times and start/end load, as the engines read it. */
export interface TimedStage {
  kind: StageKind;
  startMs: number;
  endMs: number;
  /** Open model: rps at start and end. */
  fromRate: number;
  toRate: number;
  /** Closed model: connections at start and end. */
  fromConnections: number;
  toConnections: number;
}

export interface Schedule {
  stages: TimedStage[];
  totalMs: number;
  warmupMs: number;
}

/** `'30s'`, `'2m'`, `'500ms'`, `'1h'` or a number of seconds -> milliseconds; NaN when unreadable. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value >= 0 ? value * 1000 : Number.NaN;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) return Number.NaN;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * factor;
}

export interface ScheduleInput {
  model: 'open' | 'closed';
  stages?: Stage[];
  duration?: string | number;
  rate?: number;
  connections?: number;
}

export interface Overrides {
  /** Seconds of measured load (warm-up kept; other stages scaled to fit). */
  durationSec?: number;
  /** Peak arrival rate; every stage's rate scales with it. */
  rate?: number;
  /** Closed model: peak connections (scales every stage); open: connection cap. */
  connections?: number;
}

/**
 * Lays the stages on a time line. Ramps interpolate from the previous
 * stage's load; overrides scale the profile's shape instead of flattening it.
 */
export function buildSchedule(input: ScheduleInput, overrides: Overrides = {}): Schedule {
  const defaultConnections = input.connections ?? 10;
  const raw: Stage[] = input.stages?.length
    ? input.stages
    : [
        {
          kind: 'steady',
          duration: input.duration ?? '10s',
          rate: input.rate,
          connections: defaultConnections,
        },
      ];
  let durations = raw.map((s) => parseDuration(s.duration));
  if (overrides.durationSec !== undefined) {
    const measured = durations.reduce((sum, d, i) => (raw[i].kind === 'warmup' ? sum : sum + d), 0);
    const factor = measured > 0 ? (overrides.durationSec * 1000) / measured : 1;
    durations = durations.map((d, i) => (raw[i].kind === 'warmup' ? d : d * factor));
  }
  const peakRate = Math.max(0, ...raw.map((s) => s.rate ?? input.rate ?? 0));
  const rateFactor = overrides.rate !== undefined && peakRate > 0 ? overrides.rate / peakRate : 1;
  const peakConns = Math.max(0, ...raw.map((s) => s.connections ?? defaultConnections));
  const connFactor =
    input.model === 'closed' && overrides.connections !== undefined && peakConns > 0
      ? overrides.connections / peakConns
      : 1;

  const stages: TimedStage[] = [];
  let t = 0;
  let prevRate = 0;
  let prevConns = 1;
  raw.forEach((s, i) => {
    const rate =
      (s.rate ?? (overrides.rate !== undefined && peakRate === 0 ? overrides.rate : (input.rate ?? 0))) *
      rateFactor;
    const conns = Math.max(1, Math.round((s.connections ?? defaultConnections) * connFactor));
    const ramps = s.kind === 'ramp' || s.kind === 'rampdown';
    stages.push({
      kind: s.kind,
      startMs: t,
      endMs: t + durations[i],
      fromRate: ramps ? prevRate : rate,
      toRate: rate,
      fromConnections: ramps ? prevConns : conns,
      toConnections: conns,
    });
    t += durations[i];
    prevRate = rate;
    prevConns = conns;
  });
  const warmupMs = stages
    .filter((s) => s.kind === 'warmup')
    .reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  return { stages, totalMs: t, warmupMs };
}

export function stageAt(schedule: Schedule, tMs: number): TimedStage | undefined {
  return schedule.stages.find((s) => tMs >= s.startMs && tMs < s.endMs);
}

/** Open model: the arrival rate (rps) at time t. */
export function rateAt(schedule: Schedule, tMs: number): number {
  const s = stageAt(schedule, tMs);
  if (!s) return 0;
  const f = s.endMs > s.startMs ? (tMs - s.startMs) / (s.endMs - s.startMs) : 1;
  return s.fromRate + (s.toRate - s.fromRate) * f;
}

/** Closed model: connections at time t (ramps interpolate). */
export function connectionsAt(s: TimedStage, tMs: number): number {
  const f = s.endMs > s.startMs ? (tMs - s.startMs) / (s.endMs - s.startMs) : 1;
  return Math.max(1, Math.round(s.fromConnections + (s.toConnections - s.fromConnections) * f));
}

/** Expected number of arrivals over the measured (non-warm-up) stages. */
export function plannedArrivals(schedule: Schedule): number {
  return schedule.stages
    .filter((s) => s.kind !== 'warmup')
    .reduce((sum, s) => sum + ((s.fromRate + s.toRate) / 2) * ((s.endMs - s.startMs) / 1000), 0);
}

/**
 * Open model: when (ms since start) the n-th arrival (n from 0) is due, or
 * Infinity when the schedule ends first. Exact for ramps: within a stage the
 * rate is linear, so the arrival count is quadratic in time and is inverted
 * in closed form; a ramp from zero does not stall on a near-zero rate.
 */
export function arrivalTime(schedule: Schedule, n: number): number {
  let before = 0;
  for (const s of schedule.stages) {
    const T = (s.endMs - s.startMs) / 1000;
    if (T <= 0) continue;
    const a = s.fromRate;
    const b = (s.toRate - s.fromRate) / T;
    const inStage = a * T + (b * T * T) / 2;
    if (n < before + inStage) {
      const k = n - before;
      const tau = Math.abs(b) < 1e-9 ? k / a : (-a + Math.sqrt(Math.max(0, a * a + 2 * b * k))) / b;
      return s.startMs + tau * 1000;
    }
    before += inStage;
  }
  return Number.POSITIVE_INFINITY;
}
