import assert from 'node:assert/strict';
import { test } from 'vitest';
import { cleanupBudgetMs } from '../../src/contract/cleanup.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import { contractSummaryLines } from '../../src/contract/summary-text.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { Exchange, RequestRecord } from '../../src/http/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import { albumsSpec } from './albums-state.ts';

/**
 * A target that dies mid-run (a real albums-api, SIGKILLed once the run's
 * albums are on it, its create answering an undocumented 200): cleanup still
 * runs, within its bounded time, and names every album the server was left
 * with, exactly those the wire saw created and not deleted, each with a
 * paste-ready curl that carries `$TOLLGATE_TOKEN`, never the token.
 */
test('a dying target: cleanup is bounded and names every album left, with a curl each', async () => {
  const api = await startAlbumsApi({ faults: ['create-200'] });
  // What the wire says the server holds of the run's albums.
  const alive = new Set<string>();
  let sent = 0;
  let killedAt = 0;
  const send = async (request: RequestRecord, options: { timeoutMs: number; signal?: AbortSignal }) => {
    if (++sent > 150 && alive.size > 0 && !killedAt) {
      killedAt = performance.now();
      api.process.kill('SIGKILL');
    }
    const exchange = (await sendRequest(request, options)) as Exchange;
    const path = new URL(request.url).pathname;
    const { status, json } = exchange.response;
    const body = json as { id?: number } | undefined;
    if (request.method === 'POST' && path === '/v1/albums' && status < 300 && body?.id !== undefined)
      alive.add(String(body.id));
    const deleted = /^\/v1\/albums\/(\d+)$/.exec(path);
    if (request.method === 'DELETE' && deleted && status < 300) alive.delete(deleted[1]);
    return exchange;
  };
  try {
    const run = await runContract({
      spec: await loadSpec(albumsSpec),
      baseURL: api.baseURL,
      headers: { authorization: `Bearer ${api.token}` },
      secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
      options: { maxCases: 10, workers: 2, timeoutMs: 2000 },
      send,
    });
    assert.ok(killedAt > 0, 'the server was never killed');
    const sinceKill = performance.now() - killedAt;
    assert.ok(run.aborted, 'the run is marked aborted');
    assert.match(run.aborted.reason, /stopped answering/);
    assert.ok(
      sinceKill < cleanupBudgetMs.stopped + 5000,
      `${Math.round(sinceKill)} ms from the kill to the end`,
    );
    const { created, deleted, leftover, curls = [] } = run.cleanup;
    assert.ok(alive.size > 0);
    assert.equal(deleted + leftover.length, created);
    const named = curls.map((c) => /\/v1\/albums\/(\d+)/.exec(c)?.[1]).sort();
    assert.deepEqual(named, [...alive].sort(), 'the curls name exactly the albums the server kept');
    for (const curl of curls) {
      assert.match(curl, /-X DELETE .*\$TOLLGATE_TOKEN/);
      assert.ok(!curl.includes(api.token), 'a curl carries the token');
    }
    for (const id of alive) {
      const line = leftover.find((l) => l.startsWith(`DELETE /v1/albums/${id}:`));
      assert.ok(line, `album ${id} is not among the leftovers: ${leftover.join('\n')}`);
      assert.match(line, /\(tried twice\)$/);
    }
    const text = contractSummaryLines(run).join('\n');
    assert.match(
      text,
      new RegExp(
        `Cleanup: ${deleted}/${created} created resources deleted, ${leftover.length} left on the server:`,
      ),
    );
    assert.match(text, /delete them by hand:/);
  } finally {
    await api.stop();
  }
});
