import { normalQuantile } from './normal.ts';

export interface ShiftEstimate {
  /** Hodges-Lehmann estimate of how much the candidate is shifted from the baseline: median of all y - x. */
  estimate: number;
  /** Bounds of the distribution-free confidence interval for the shift; undefined when the samples are too small for it. */
  lower?: number;
  upper?: number;
}

/**
 * Hodges-Lehmann shift of candidate `y` over baseline `x` with its
 * confidence interval from the ordered pairwise differences (Lehmann 1975:
 * the k-th smallest and k-th largest of the m*n differences, k from the
 * normal approximation of U, tie corrected). The m*n differences are never
 * built: the k-th smallest is found by bisection over values, counting the
 * pairs below a value in one pass over both sorted samples.
 */
export function hodgesLehmann(x: readonly number[], y: readonly number[], confidence: number): ShiftEstimate {
  const xs = [...x].sort((a, b) => a - b);
  const ys = [...y].sort((a, b) => a - b);
  const m = xs.length;
  const n = ys.length;
  const pairs = m * n;
  if (pairs === 0) return { estimate: Number.NaN };
  const kth = (k: number) => kthDifference(xs, ys, k);
  const estimate = pairs % 2 === 1 ? kth((pairs + 1) / 2) : (kth(pairs / 2) + kth(pairs / 2 + 1)) / 2;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const k = Math.floor(pairs / 2 - z * Math.sqrt((pairs * (m + n + 1)) / 12) * tieFactor(xs, ys));
  if (k < 1) return { estimate };
  return { estimate, lower: kth(k), upper: kth(pairs + 1 - k) };
}

/** sqrt of the tie correction of U's variance (1 without ties). */
function tieFactor(xs: number[], ys: number[]): number {
  const all = [...xs, ...ys].sort((a, b) => a - b);
  const n = all.length;
  let term = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1] === all[i]) j++;
    const t = j - i + 1;
    term += t * t * t - t;
    i = j + 1;
  }
  return Math.sqrt(Math.max(0, 1 - term / (n * (n * n - 1))));
}

/** How many differences ys[j] - xs[i] are <= d (both sorted ascending). */
function countAtMost(xs: number[], ys: number[], d: number): number {
  let count = 0;
  let i = 0;
  // For each y (ascending), the x's with x >= y - d form a suffix that only shrinks.
  for (const y of ys) {
    while (i < xs.length && xs[i] < y - d) i++;
    count += xs.length - i;
  }
  return count;
}

/** The k-th smallest (1-based) of the pairwise differences ys[j] - xs[i]. */
function kthDifference(xs: number[], ys: number[], k: number): number {
  let lo = ys[0] - xs[xs.length - 1];
  let hi = ys[ys.length - 1] - xs[0];
  // Bisection on value down to float resolution, then snap to an actual difference.
  for (let step = 0; step < 200 && hi - lo > Math.max(1e-12, Math.abs(hi) * 1e-15); step++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (countAtMost(xs, ys, mid) >= k) hi = mid;
    else lo = mid;
  }
  return snap(xs, ys, hi);
}

/** The largest actual difference <= d + a hair (bisection lands within float resolution of it). */
function snap(xs: number[], ys: number[], d: number): number {
  let best = Number.NEGATIVE_INFINITY;
  let i = 0;
  const limit = d + Math.max(1e-12, Math.abs(d) * 1e-12);
  for (const y of ys) {
    // Largest x-offset difference y - x <= limit: smallest x >= y - limit.
    while (i < xs.length && xs[i] < y - limit) i++;
    if (i < xs.length) best = Math.max(best, y - xs[i]);
  }
  return best;
}
