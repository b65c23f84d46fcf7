import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { compareSettings } from '../../src/compare/compare-settings.ts';
import { compareTargets } from '../../src/compare/compare-targets.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { compareTarget } from '../support/compare-target.ts';

const token = 'compare-contract-token';

/**
 * The contract engine against both sides of a comparison, real albums-api
 * processes with the `wrong-type` fault switch (getAlbum's price as a
 * string, found by response-schema): a finding only the candidate has is a
 * regression (critical: roll back); one both have is known (reported, not
 * failing); one only the baseline has is fixed.
 */
describe('compare: contract findings of baseline and candidate', () => {
  let spec: LoadedSpec;
  let clean: AlbumsApi;
  let typed: AlbumsApi;
  let typedToo: AlbumsApi;
  beforeAll(async () => {
    const env = { ALBUMS_TOKEN: token };
    [clean, typed, typedToo, spec] = await Promise.all([
      startAlbumsApi({ env }),
      startAlbumsApi({ env, faults: ['wrong-type'] }),
      startAlbumsApi({ env, faults: ['wrong-type'] }),
      loadSpec(new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname),
    ]);
  });
  afterAll(async () => {
    await Promise.all([clean?.stop(), typed?.stop(), typedToo?.stop()]);
  });

  const compare = (baseline: AlbumsApi, candidate: AlbumsApi) => {
    const headers = { Authorization: `Bearer ${token}` };
    return compareTargets(compareTarget(spec, token), {
      sides: {
        baseline: { baseURL: baseline.baseURL, headers },
        candidate: { baseURL: candidate.baseURL, headers },
      },
      settings: compareSettings({ durationSec: 1, rate: 20, minSamples: 1 }),
      cwd: process.cwd(),
      signal: new AbortController().signal,
      log: () => {},
    });
  };
  const wrongType = (f: { check: string; operation: string }) =>
    f.check === 'response-schema' && f.operation === 'GET /v1/albums/{id}';

  test('fault only on the candidate: a regression by response-schema on getAlbum, critical, roll back', async () => {
    const { result, contract } = await compare(clean, typed);
    assert.ok(contract, 'both contract runs are kept');
    const regressions = result.contract?.regressions ?? [];
    assert.ok(regressions.some(wrongType), JSON.stringify(regressions));
    assert.ok(regressions.every(wrongType), `only the fault's finding: ${JSON.stringify(regressions)}`);
    const metric = result.metrics.find((m) => m.metric === 'contract');
    assert.equal(metric?.class, 'high');
    assert.match(
      metric?.reason ?? '',
      /^contract: \d+ findings? only the candidate has \(response-schema on GET \/v1\/albums\/\{id\}/,
    );
    assert.equal(result.verdict.decision, 'rollback');
    assert.match(result.verdict.criticalFailure ?? '', /^contract: /);
  });

  test('fault on both: known, reported and not failing', async () => {
    const { result } = await compare(typed, typedToo);
    assert.deepEqual(result.contract?.regressions, []);
    assert.ok(result.contract?.known.some(wrongType), JSON.stringify(result.contract?.known));
    const metric = result.metrics.find((m) => m.metric === 'contract');
    assert.equal(metric?.class, 'pass', metric?.reason);
    assert.match(metric?.reason ?? '', /^contract: no new findings \([1-9]\d* known on both, 0 fixed\)$/);
  });

  test('fault absent on both: no regression, nothing known; fixed by the candidate: not a regression', async () => {
    const same = await compare(clean, clean);
    assert.deepEqual(same.result.contract?.regressions, [], JSON.stringify(same.result.contract));
    assert.deepEqual(same.result.contract?.known, [], JSON.stringify(same.result.contract));
    const fixed = await compare(typed, clean);
    assert.deepEqual(fixed.result.contract?.regressions, [], JSON.stringify(fixed.result.contract));
    assert.ok(fixed.result.contract?.fixed.some(wrongType), JSON.stringify(fixed.result.contract?.fixed));
    assert.equal(fixed.result.metrics.find((m) => m.metric === 'contract')?.class, 'pass');
  });
});
