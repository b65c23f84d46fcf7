import { normalQuantile, normalSf } from './normal.ts';

export interface ProportionShift {
  /** Candidate rate minus baseline rate (0..1 scale). */
  difference: number;
  /** Newcombe's hybrid score interval for the difference (method 10), at the given confidence. */
  lower: number;
  upper: number;
  /** One-sided p-value that the candidate's rate is higher (pooled two-proportion z-test). */
  pValue: number;
}

/**
 * Two-proportion comparison: `k1` of `n1` baseline requests against `k2` of
 * `n2` candidate requests. The interval is Newcombe's (Wilson bounds per
 * side), which stays sane at zero counts where the textbook Wald interval
 * collapses to nothing; the p-value is the pooled z-test.
 */
export function compareProportions(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  confidence: number,
): ProportionShift {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const [l1, u1] = wilson(k1, n1, z);
  const [l2, u2] = wilson(k2, n2, z);
  const difference = p2 - p1;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return {
    difference,
    lower: difference - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2),
    upper: difference + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2),
    pValue: se > 0 ? normalSf(difference / se) : difference > 0 ? 0 : 1,
  };
}

/** Wilson score interval for k of n. */
function wilson(k: number, n: number, z: number): [number, number] {
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
