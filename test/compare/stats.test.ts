import assert from 'node:assert/strict';
import { test } from 'vitest';
import { hodgesLehmann } from '../../src/compare/stats/hodges-lehmann.ts';
import { mannWhitneyU } from '../../src/compare/stats/mann-whitney.ts';
import { normalQuantile, normalSf } from '../../src/compare/stats/normal.ts';
import { compareProportions } from '../../src/compare/stats/proportions.ts';
import { Reservoir } from '../../src/compare/stats/reservoir.ts';

/**
 * Fixtures computed once with scipy 1.17.1 and statsmodels 0.15.0:
 * `mannwhitneyu(y, x, method='asymptotic')`, `norm.sf`/`norm.ppf`,
 * `confint_proportions_2indep(..., method='newcomb', alpha=0.02)` and
 * `proportions_ztest(..., alternative='larger')`. The Hodges-Lehmann
 * estimate and its 98% interval were computed there by brute force (numpy's
 * median and order statistics of all m*n differences), which the bisection
 * here never builds.
 */

/** Exponential-ish values, reproducible in Python with the same formula (rounded to 0.01, so some tie). */
function gen(n: number, seed: number, scale: number, shift: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const v = Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453;
    const f = v - Math.floor(v);
    return Math.round((scale * -Math.log(1 - f * 0.999) + shift) * 100) / 100;
  });
}

const close = (actual: number | undefined, expected: number, rel = 1e-9, what = '') =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= Math.max(1e-12, Math.abs(expected) * rel),
    `${what}: got ${actual}, want ${expected}`,
  );

const cases: [
  string,
  { x: number[]; y: number[]; u: number; p: number; hl: number; lower: number; upper: number },
][] = [
  [
    'small with ties',
    {
      x: [1, 2, 2, 3, 4, 5, 5, 5, 6, 7],
      y: [3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11],
      u: 87,
      p: 0.02561664199019978,
      hl: 3,
      lower: 0,
      upper: 6,
    },
  ],
  [
    'shifted exponential',
    {
      x: gen(300, 1, 2, 1),
      y: gen(280, 2, 2, 1.8),
      u: 57525.5,
      p: 1.3783117060127904e-14,
      hl: 0.9,
      lower: 0.66,
      upper: 1.15,
    },
  ],
  [
    'same distribution',
    {
      x: gen(200, 3, 1.5, 0.5),
      y: gen(200, 4, 1.5, 0.5),
      u: 19625.5,
      p: 0.7463204147283462,
      hl: -0.03,
      lower: -0.27,
      upper: 0.19,
    },
  ],
];

for (const [name, want] of cases) {
  test(`Mann-Whitney U and Hodges-Lehmann agree with scipy/numpy: ${name}`, () => {
    const mw = mannWhitneyU(want.x, want.y);
    close(mw.u, want.u, 1e-12, 'U');
    close(mw.pValue, want.p, 1e-7, 'p');
    const hl = hodgesLehmann(want.x, want.y, 0.98);
    close(hl.estimate, want.hl, 1e-9, 'estimate');
    close(hl.lower, want.lower, 1e-9, 'lower');
    close(hl.upper, want.upper, 1e-9, 'upper');
  });
}

test('the shift is found in the right direction and the interval covers it', () => {
  const x = gen(400, 5, 3, 10);
  const y = x.map((v) => v + 4);
  const hl = hodgesLehmann(x, y, 0.98);
  close(hl.estimate, 4, 1e-9, 'estimate');
  assert.ok(hl.lower! <= 4 && hl.upper! >= 4);
  assert.ok(hodgesLehmann(y, x, 0.98).estimate < 0);
});

test('too few values give no interval (never a made-up one)', () => {
  assert.equal(hodgesLehmann([1, 2], [3], 0.98).lower, undefined);
  assert.ok(Number.isNaN(hodgesLehmann([], [1], 0.98).estimate));
});

test('normal tail and quantile agree with scipy', () => {
  const sf: [number, number][] = [
    [0.5, 0.3085375387259869],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [4.5, 3.3976731247300535e-6],
    [8, 6.22096057427174e-16],
    [-1.5, 0.9331927987311419],
  ];
  for (const [z, p] of sf) close(normalSf(z), p, 1e-9, `sf(${z})`);
  const ppf: [number, number][] = [
    [0.01, -2.3263478740408408],
    [0.99, 2.3263478740408408],
    [0.975, 1.959963984540054],
    [1e-6, -4.753424308822899],
  ];
  for (const [p, z] of ppf) close(normalQuantile(p), z, 1e-9, `ppf(${p})`);
});

test('two proportions: Newcombe interval and pooled z-test agree with statsmodels', () => {
  const fixtures: [number[], number, number, number | undefined][] = [
    [[0, 400, 20, 400], 0.02605351947680068, 0.08189472556192756, 2.961658995156078e-6],
    [[3, 500, 5, 480], -0.011843610355635432, 0.02242444872417462, 0.22120475228930886],
    [[10, 1000, 10, 1000], -0.011593337898808505, 0.011593337898808505, 0.5],
    [[0, 50, 0, 50], -0.0976666559882379, 0.0976666559882379, undefined],
  ];
  for (const [[k1, n1, k2, n2], lower, upper, p] of fixtures) {
    const r = compareProportions(k1, n1, k2, n2, 0.98);
    close(r.lower, lower, 1e-9, `lower ${k1}/${n1} vs ${k2}/${n2}`);
    close(r.upper, upper, 1e-9, `upper ${k1}/${n1} vs ${k2}/${n2}`);
    if (p === undefined) assert.equal(r.pValue, 1);
    else close(r.pValue, p, 1e-7, `p ${k1}/${n1} vs ${k2}/${n2}`);
  }
});

test('the reservoir keeps at most its capacity and a uniform share of the stream', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const r = new Reservoir(500, random);
  for (let i = 0; i < 100_000; i++) r.add(i);
  assert.equal(r.values.length, 500);
  assert.equal(r.seen, 100_000);
  const late = r.values.filter((v) => v >= 50_000).length;
  assert.ok(late > 200 && late < 300, `half the stream should be about half the sample, got ${late}`);
});
