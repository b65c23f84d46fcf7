import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { parseEnvelopeFlag } from '../../src/config/envelope-flag.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { envelopeData, readEnvelope } from '../../src/http/envelope.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { startEnvelopeApi } from './envelope-server.ts';

/**
 * Envelope APIs answer everything 200 + {code, msg, data}. Assertions are
 * about which checks fire on which operations, never about case counts or
 * order, so they hold whatever cases other work adds.
 */
const envelope = { code: '/code', ok: [0], message: '/msg', data: '/data' };

async function run(
  api: { baseURL: string; specPath: string },
  options: ContractOptions,
): Promise<ContractRun> {
  return runContract({
    spec: await loadSpec(api.specPath),
    baseURL: api.baseURL,
    headers: {},
    secrets: [],
    options: { maxCases: 5, workers: 2, timeoutMs: 30_000, ...options },
  });
}

const on = (r: ContractRun, check: string) => [
  ...new Set(r.findings.filter((f) => f.check === check).map((f) => f.operation)),
];
const judgedAsAccepted = [
  'negative-data-rejected',
  'missing-required-header',
  'auth-enforced',
  'undeclared-method',
];

describe('envelope APIs (every answer 200 + {code, msg, data})', () => {
  test('without the config, correct code-7 rejections look accepted and one line suggests the config', async () => {
    const api = await startEnvelopeApi();
    try {
      const result = await run(api, {});
      assert.ok(on(result, 'negative-data-rejected').length > 0, 'the baseline false alarm did not happen');
      const lines = (result.notices ?? []).filter((n) => n.includes('envelope'));
      assert.equal(lines.length, 1, JSON.stringify(result.notices));
      assert.match(lines[0], /code: '\/code', ok: \[0\], message: '\/msg', data: '\/data'/);
      assert.match(lines[0], /--envelope code=\/code,ok=0,message=\/msg,data=\/data/);
    } finally {
      await api.stop();
    }
  });

  test('fault absent: with the envelope configured, code-7 rejections are not "negative data accepted"', async () => {
    const api = await startEnvelopeApi();
    try {
      for (const seed of [1, 7]) {
        const result = await run(api, { envelope, seed });
        assert.equal(result.aborted, undefined);
        for (const check of judgedAsAccepted)
          assert.deepEqual(on(result, check), [], `${check} at seed ${seed}`);
        assert.ok((result.perCheck['negative-data-rejected']?.cases ?? 0) > 0, 'no negative case was judged');
        assert.equal((result.notices ?? []).filter((n) => n.includes('envelope')).length, 0);
        assert.deepEqual(
          result.groups.map((g) => `${g.check} ${g.operation}`),
          [],
          'a clean envelope API has no findings',
        );
      }
    } finally {
      await api.stop();
    }
  });

  test('fault present: code 0 for an invalid qty is found on createItem only', async () => {
    const api = await startEnvelopeApi({ acceptBadQty: true });
    try {
      const result = await run(api, { envelope });
      assert.deepEqual(on(result, 'negative-data-rejected'), ['POST /items']);
      const finding = result.findings.find((f) => f.check === 'negative-data-rejected');
      assert.match(finding?.received ?? '', /Received: 200 with code 0/);
      assert.match(finding?.request.body ?? '', /"qty"/);
    } finally {
      await api.stop();
    }
  });
});

describe('reading an envelope', () => {
  test('outcome, message and data through the pointers', () => {
    assert.deepEqual(readEnvelope(envelope, { code: 7, msg: 'captcha', data: {} }), {
      ok: false,
      code: 7,
      message: 'captcha',
      data: {},
    });
    assert.equal(readEnvelope(envelope, { code: 0, msg: 'ok', data: { id: 3 } })?.ok, true);
    assert.equal(readEnvelope(envelope, { id: 3 }), undefined, 'a body without a code is not an envelope');
    assert.deepEqual(envelopeData(envelope, { code: 0, data: { id: 3 } }), { id: 3 });
    assert.deepEqual(envelopeData(false, { id: 3 }), { id: 3 });
    assert.deepEqual(envelopeData(envelope, [1, 2]), [1, 2]);
  });

  test('--envelope parses into the same shape, and bad input names the fix', () => {
    assert.deepEqual(parseEnvelopeFlag('code=/code,ok=0,message=/msg,data=/data'), envelope);
    assert.deepEqual(parseEnvelopeFlag('code=/errno,ok=0|200').ok, [0, 200]);
    assert.throws(() => parseEnvelopeFlag('code=code,ok=0'), /JSON pointer like \/code/);
    assert.throws(() => parseEnvelopeFlag('code=/code'), /needs code= and ok=/);
    assert.throws(() => parseEnvelopeFlag('status=/s'), /not one of code=/);
  });
});

describe('envelope config', () => {
  test('a malformed envelope names the exact path and rule', () => {
    const bad = { contract: { envelope: { code: 'code', ok: [0] } } };
    assert.throws(
      () => validateConfig(bad, 'tollgate.config.ts'),
      /contract\.envelope\.code must be a JSON pointer/,
    );
    const noOk = {
      environments: { local: { baseURL: 'http://x', contract: { envelope: { code: '/code', ok: [] } } } },
    };
    assert.throws(
      () => validateConfig(noOk, 'tollgate.config.ts'),
      /environments\.local\.contract\.envelope\.ok must be/,
    );
    validateConfig({ contract: { envelope: envelope } }, 'tollgate.config.ts');
    validateConfig({ contract: { envelope: false } }, 'tollgate.config.ts');
  });
});
