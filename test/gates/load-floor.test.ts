import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { loadFloor } from '../../src/gates/load-floor.ts';

const base = { profile: 'p', source: 'load/p.ts', env: 'staging', gates: 2, requests: 40 };

describe('loadFloor: a load run that judged nothing, or measured only unwanted answers, is never a pass', () => {
  test('no gates for the environment: one failing gate naming the profile and environment', () => {
    const floor = loadFloor({ ...base, gates: 0, unexpected: 0, statusCodes: { 200: 40 } });
    assert.equal(floor.length, 1);
    assert.equal(floor[0].verdict, 'fail');
    assert.equal(floor[0].name, 'gates');
    assert.match(
      floor[0].note!,
      /not judged: profile "p" \(load\/p\.ts\) has no gates for environment "staging"/,
    );
  });
  test('every answer unexpected (all 302): one failing gate naming the statuses', () => {
    const floor = loadFloor({ ...base, unexpected: 40, statusCodes: { 302: 40 } });
    assert.deepEqual(
      floor.map((g) => [g.name, g.verdict, g.measuredText]),
      [['answers.expected', 'fail', '0 of 40']],
    );
    assert.match(floor[0].note!, /no answer had an expected status \(got 302×40;/);
  });
  test('gates present and some expected answers: nothing added', () => {
    assert.deepEqual(loadFloor({ ...base, unexpected: 39, statusCodes: { 302: 39, 200: 1 } }), []);
  });
  test('no answer at all is left to the unreachable rule, not called unexpected', () => {
    assert.deepEqual(loadFloor({ ...base, requests: 0, unexpected: 0, statusCodes: {} }), []);
  });
});
