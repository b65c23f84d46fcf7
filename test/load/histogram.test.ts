import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  decodeHistogram,
  encodeHistogram,
  newHistogram,
  percentileMs,
  recordMicros,
  summarize,
} from '../../src/load/metrics/histogram.ts';

const ordered = ['min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;

function assertWithinRecorded(s: ReturnType<typeof summarize>, label: string): void {
  for (let i = 1; i < ordered.length; i++) {
    assert.ok(
      s[ordered[i - 1]] <= s[ordered[i]],
      `${label}: ${ordered[i - 1]} ${s[ordered[i - 1]]} > ${ordered[i]} ${s[ordered[i]]}`,
    );
  }
  assert.ok(s.mean >= s.min && s.mean <= s.max, `${label}: mean ${s.mean} outside [${s.min}, ${s.max}]`);
}

test('percentiles never exceed the recorded max (HDR bucket tops are clamped)', () => {
  // one sample: HDR's bucket top is 123.519 ms for 123.457 ms
  const one = newHistogram();
  recordMicros(one, 123_457);
  const s = summarize(one);
  assert.equal(s.max, 123.457);
  assert.equal(s.p999, 123.457);
  assert.equal(s.p50, 123.457);
  assertWithinRecorded(s, 'one sample');
  assert.equal(percentileMs(one, 99.9), 123.457);

  // a tail of one slow request among fast ones: p999 lands in the slow bucket
  const tail = newHistogram();
  for (let i = 0; i < 999; i++) recordMicros(tail, 1_003 + (i % 7));
  recordMicros(tail, 987_654);
  assertWithinRecorded(summarize(tail), 'slow tail');
  assert.ok(percentileMs(tail, 100) <= summarize(tail).max);

  // and after the base64 round trip the load workers use
  assertWithinRecorded(summarize(decodeHistogram(encodeHistogram(tail))), 'decoded');
});

test('clamping leaves a spread distribution’s percentiles where they are', () => {
  const h = newHistogram();
  for (let ms = 1; ms <= 1000; ms++) recordMicros(h, ms * 1000);
  const s = summarize(h);
  assertWithinRecorded(s, 'spread');
  assert.ok(Math.abs(s.p50 - 500) <= 1, `p50 ${s.p50}`);
  assert.ok(Math.abs(s.p99 - 990) <= 1, `p99 ${s.p99}`);
  assert.ok(Math.abs(s.p999 - 999) <= 1, `p999 ${s.p999}`);
  assert.equal(s.max, 1000);
  assert.equal(s.min, 1);
});
