import { normalSf } from './normal.ts';

export interface MannWhitneyResult {
  /** U of the candidate sample (`y`): how often a candidate value beats a baseline one, ties half. */
  u: number;
  /** Two-sided p-value (normal approximation, tie and continuity corrected, as scipy's `method='asymptotic'`). */
  pValue: number;
}

/**
 * Mann-Whitney U test of baseline `x` against candidate `y`, the test
 * Kayenta's judge runs per metric. Sorting both once gives average ranks
 * with ties; the normal approximation is what every canary judge uses at
 * these sample sizes (hundreds to thousands of latencies).
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  const all = [...x.map((v) => ({ v, y: false })), ...y.map((v) => ({ v, y: true }))].sort(
    (a, b) => a.v - b.v,
  );
  const n = all.length;
  let rankSumY = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1].v === all[i].v) j++;
    const rank = (i + j) / 2 + 1;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) if (all[k].y) rankSumY += rank;
    i = j + 1;
  }
  const u = rankSumY - (n2 * (n2 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { u, pValue: 1 };
  const z = (Math.abs(u - mu) - 0.5) / sigma;
  return { u, pValue: Math.min(1, 2 * normalSf(Math.max(0, z))) };
}
