/** Number formatting shared by every renderer, so HTML, Markdown and console agree. */

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 10) return `${ms.toFixed(2)}ms`;
  if (ms < 1000) return `${ms.toFixed(1)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

/** Wall-clock durations: `1m 01s`, `18.4s`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** A 0..1 ratio as a percentage: `0.5%`, `12%`, `0%`. */
export function formatPct(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const pct = ratio * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) < 10) return `${Number(pct.toFixed(2))}%`;
  return `${pct.toFixed(0)}%`;
}

export function formatRps(rps: number): string {
  return rps >= 100 ? rps.toFixed(0) : rps.toFixed(1);
}

/** Signed relative change: `+12%`, `-3.4%`, `±0%`; `new` when there was no base. */
export function formatChange(change: number | undefined): string {
  if (change === undefined) return 'new';
  if (change === 0) return '±0%';
  const pct = change * 100;
  const text = Math.abs(pct) < 10 ? Number(pct.toFixed(1)).toString() : pct.toFixed(0);
  return `${pct > 0 ? '+' : ''}${text}%`;
}

/** Change in percentage points for rates: `+1.25pp`. */
export function formatPointChange(now: number, before: number): string {
  const pp = (now - before) * 100;
  if (pp === 0) return '±0pp';
  return `${pp > 0 ? '+' : ''}${Number(pp.toFixed(2))}pp`;
}

/** Relative change above which a latency increase is called a regression in summaries. */
export const REGRESSION_THRESHOLD = 0.1;
