import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { Exchange, RequestRecord } from '../../src/http/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { startAlbumsApi } from '../support/albums-server.ts';

const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

// A real server that dies mid-run (SIGKILL after the 60th request): the engine
// stops, keeps what it gathered and says why, instead of throwing it away.
test('a server that dies mid-run: the run stops, is marked aborted and keeps what it gathered', async () => {
  const api = await startAlbumsApi();
  const spec = await loadSpec(specPath);
  let sent = 0;
  const send = async (request: RequestRecord, options: { timeoutMs: number; signal?: AbortSignal }) => {
    if (++sent === 60) api.process.kill('SIGKILL');
    return sendRequest(request, options) as Promise<Exchange>;
  };
  try {
    const run = await runContract({
      spec,
      baseURL: api.baseURL,
      headers: { authorization: `Bearer ${api.token}` },
      secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
      options: { maxCases: 10, workers: 2, timeoutMs: 2000 },
      send,
    });
    assert.ok(run.aborted, 'the run is marked aborted');
    assert.match(run.aborted.reason, /stopped answering|refused|unreachable/i);
    assert.ok(run.cases >= 50, `cases gathered before the crash are kept (${run.cases})`);
    assert.ok(sent < 200, `the run stopped soon after the crash (${sent} requests)`);
  } finally {
    await api.stop();
  }
});
