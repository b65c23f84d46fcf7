import assert from 'node:assert/strict';
import { test } from 'vitest';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { buildSchedule } from '../../src/load/profile/stages.ts';
import { arrivalShare, connectionsOf, parseShard, shardSchedule } from '../../src/load/shard/shard.ts';

test('parseShard reads i/n and refuses 0/4, 5/4, 1/0 and other spellings', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, of: 4 });
  assert.deepEqual(parseShard('4/4'), { index: 4, of: 4 });
  for (const bad of ['0/4', '5/4', '1/0', '2of4', '-1/4', '1/1001', '']) {
    assert.throws(
      () => parseShard(bad),
      (e: unknown) =>
        e instanceof TollgateError && e.code === 'TG_USAGE' && e.message.includes(`got "${bad}"`),
    );
  }
});

test('shards × worker threads send every arrival of the schedule exactly once', () => {
  for (const [of, workers] of [
    [1, 1],
    [4, 1],
    [3, 2],
    [4, 3],
  ]) {
    const seen = new Map<number, number>();
    for (let index = 1; index <= of; index++)
      for (let w = 0; w < workers; w++) {
        const share = arrivalShare({ index, of }, w, workers);
        for (let n = share.index; n < 240; n += share.of) seen.set(n, (seen.get(n) ?? 0) + 1);
      }
    assert.equal(seen.size, 240, `${of} shards × ${workers} threads`);
    assert.ok([...seen.values()].every((c) => c === 1));
  }
});

test('closed model: connections split so that they sum to the stage', () => {
  for (const c of [4, 5, 7, 100])
    for (const of of [1, 2, 3, 4]) {
      const parts = Array.from({ length: of }, (_, i) => connectionsOf(c, { index: i + 1, of }));
      assert.equal(
        parts.reduce((a, b) => a + b, 0),
        c,
      );
      assert.ok(Math.max(...parts) - Math.min(...parts) <= 1);
    }
  const schedule = buildSchedule({
    model: 'closed',
    stages: [
      { kind: 'ramp', duration: '2s', connections: 8 },
      { kind: 'steady', duration: '2s', connections: 8 },
    ],
  });
  const s = shardSchedule(schedule, { index: 3, of: 3 }, 'p.ts');
  assert.deepEqual(
    s.stages.map((st) => [st.fromConnections, st.toConnections]),
    [
      [0, 2],
      [2, 2],
    ],
  );
  assert.throws(
    () => shardSchedule(schedule, { index: 1, of: 9 }, 'p.ts'),
    /holds 8 connection\(s\), too few for 9 shards/,
  );
});
