/** What the generator knows about itself after a run. */
export interface SelfCheckInput {
  model: 'open' | 'closed';
  /** Open model: arrivals the schedule asked for in the measured window. */
  plannedRequests?: number;
  /** Requests actually sent in the measured window. */
  sentRequests: number;
  measuredSec: number;
  /** CPU seconds the generator used over wall seconds (1 = one core flat out). */
  cpu: number;
  /**
   * Closed model, Little's law: connections held open. (In the open model
   * in-flight and latency are measured by the same clock, which makes the law
   * an identity; the scheduler lag is checked there instead.)
   */
  meanInFlight?: number;
  /** Open model: mean delay between intended and actual send when a connection was free, ms. */
  meanLagMs?: number;
  /** Completed requests per second and mean latency (ms, uncorrected). */
  achievedRps: number;
  meanLatencyMs: number;
  dropped: number;
  /** Share of attempts that failed to connect (0..1). */
  connectionErrorShare?: number;
}

export interface SelfCheck {
  ok: boolean;
  problems: string[];
  targetRps?: number;
  achievedRps: number;
  cpu?: number;
}

/** Thresholds: generous enough for a shared CI box, tight enough to catch a generator that fell behind. */
const selfCheckLimits = {
  rateShortfall: 0.02,
  cpu: 0.9,
  littleTolerance: 0.35,
  littleMinInFlight: 2,
  lagMs: 5,
  /** Of the mean gap between arrivals: a send this late keeps the spacing the API sees. */
  lagShareOfGap: 0.25,
};

/**
 * Did the generator keep up? If it did not, a latency or rps gate measures the
 * generator, not the API: the gates become 'unreliable'. Pure.
 */
export function selfCheck(input: SelfCheckInput): SelfCheck {
  const problems: string[] = [];
  const targetRps =
    input.plannedRequests !== undefined && input.measuredSec > 0
      ? input.plannedRequests / input.measuredSec
      : undefined;
  const sentRps = input.measuredSec > 0 ? input.sentRequests / input.measuredSec : 0;
  if (targetRps !== undefined && targetRps > 0 && sentRps < targetRps * (1 - selfCheckLimits.rateShortfall)) {
    problems.push(
      `achieved ${fmt(sentRps)} rps of the ${fmt(targetRps)} rps target (${fmt((1 - sentRps / targetRps) * 100)}% short)`,
    );
  }
  if (input.dropped > 0)
    problems.push(
      `${input.dropped} arrivals never sent (every connection busy until the end, or the queue full)`,
    );
  // A server that refuses connections makes the client reconnect flat out: that CPU is the API's failure showing.
  const refusing = (input.connectionErrorShare ?? 0) > 0.01;
  if (input.cpu > selfCheckLimits.cpu && !refusing) {
    problems.push(`generator CPU saturated (${fmt(input.cpu * 100)}% of one core)`);
  }
  // 5 ms late matters at 500 rps (2 ms apart), not at a 20 rps smoke (50 ms apart) on a busy CI runner.
  const lagLimitMs = Math.max(
    selfCheckLimits.lagMs,
    targetRps ? (selfCheckLimits.lagShareOfGap * 1000) / targetRps : 0,
  );
  if (input.meanLagMs !== undefined && input.meanLagMs > lagLimitMs) {
    problems.push(
      `generator fell behind its schedule: requests left ${fmt(input.meanLagMs)} ms late on average`,
    );
  }
  const L = input.meanInFlight;
  if (L !== undefined && L >= selfCheckLimits.littleMinInFlight && input.achievedRps > 0) {
    const predicted = input.achievedRps * (input.meanLatencyMs / 1000);
    if (Math.abs(predicted - L) / L > selfCheckLimits.littleTolerance) {
      problems.push(
        `Little's law disagrees: ${fmt(L)} in flight but rps x mean latency = ${fmt(predicted)} (the generator, not the API, is adding delay)`,
      );
    }
  }
  return {
    ok: problems.length === 0,
    problems,
    targetRps,
    achievedRps: input.achievedRps,
    cpu: round2(input.cpu),
  };
}

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
