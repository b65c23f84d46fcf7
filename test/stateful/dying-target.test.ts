import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { cleanupBudgetMs } from '../../src/contract/cleanup.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import { contractSummaryLines } from '../../src/contract/summary-text.ts';
import type { ContractOptions } from '../../src/contract/types.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { Exchange, RequestRecord } from '../../src/http/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { adminEnvelope } from '../contract/run-against-admin.ts';
import { adminSpecPath, startAdminApi } from '../support/admin-server.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import type { GoApi } from '../support/go-api.ts';
import { albumsSpec } from './albums-state.ts';

/**
 * A target that dies mid-run (a real Gin API, SIGKILLed once the run's
 * creates are on it, its create answering an undocumented 2xx): cleanup
 * still runs, within its bounded time, and names every resource the server
 * was left with, exactly those the wire saw created and not deleted, each
 * with a paste-ready curl that carries `$TOLLGATE_TOKEN`, never the token.
 * On albums-api (`create-200`) and admin-api (`create-201`, answers in
 * HTTP 200 envelopes).
 */
interface Reference {
  name: string;
  start: () => Promise<GoApi>;
  spec: string;
  options: ContractOptions;
  /** `roles/12` for a 2xx answer that made something, from the path and body the wire carried. */
  created: (method: string, path: string, status: number, json: unknown) => string | undefined;
  /** `roles/12` for a DELETE that took. */
  deleted: (method: string, path: string, status: number, json: unknown) => string | undefined;
  /** The base path the spec's paths sit under. */
  base: string;
}

const albums: Reference = {
  name: 'albums-api (create-200)',
  start: () => startAlbumsApi({ faults: ['create-200'] }),
  spec: albumsSpec,
  options: { maxCases: 10, workers: 2, timeoutMs: 2000 },
  base: '',
  created: (method, path, status, json) => {
    const id = (json as { id?: number } | undefined)?.id;
    return method === 'POST' && path === '/v1/albums' && status < 300 && id !== undefined
      ? `v1/albums/${id}`
      : undefined;
  },
  deleted: (method, path, status) => {
    const m = /^\/(v1\/albums\/\d+)$/.exec(path);
    return method === 'DELETE' && m && status < 300 ? m[1] : undefined;
  },
};

/** admin-api's envelope: `{code: 0, data}` is done, anything else a refusal. */
const okData = (json: unknown) => {
  const body = json as { code?: number; data?: Record<string, unknown> } | undefined;
  return body?.code === 0 ? body.data : undefined;
};

const admin: Reference = {
  name: 'admin-api (create-201)',
  start: () => startAdminApi({ faults: ['create-201'] }),
  spec: adminSpecPath,
  options: { maxCases: 10, workers: 2, timeoutMs: 2000, envelope: adminEnvelope },
  base: '/api',
  created: (method, path, status, json) => {
    const kind = { '/api/roles': 'roles', '/api/users': 'users', '/api/files/upload': 'files' }[path];
    const data = okData(json);
    const id = kind === 'files' ? (data?.file as { id?: number } | undefined)?.id : data?.id;
    return method === 'POST' && kind && status < 300 && id !== undefined ? `${kind}/${id}` : undefined;
  },
  deleted: (method, path, status, json) => {
    const m = /^\/api\/((roles|users|files)\/\d+)$/.exec(path);
    const took = status === 204 || (status < 300 && okData(json) !== undefined);
    return method === 'DELETE' && m && took ? m[1] : undefined;
  },
};

describe('a dying target: cleanup is bounded and names every resource left, with a curl each', () => {
  for (const ref of [albums, admin])
    test(ref.name, async () => {
      const api = await ref.start();
      // What the wire says the server holds of the run's creates.
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
        const made = ref.created(request.method, path, status, json);
        if (made) alive.add(made);
        const gone = ref.deleted(request.method, path, status, json);
        if (gone) alive.delete(gone);
        return exchange;
      };
      try {
        const run = await runContract({
          spec: await loadSpec(ref.spec),
          baseURL: api.baseURL,
          headers: { authorization: `Bearer ${api.token}` },
          secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
          options: ref.options,
          send,
        });
        assert.ok(killedAt > 0, `the server was never killed (${sent} requests)`);
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
        const pattern = new RegExp(`${ref.base}/((?:v1/albums|roles|users|files)/\\d+)`);
        const named = curls.map((c) => pattern.exec(c)?.[1]).sort();
        assert.deepEqual(named, [...alive].sort(), 'the curls name exactly what the server kept');
        for (const curl of curls) {
          assert.match(curl, /-X DELETE .*\$TOLLGATE_TOKEN/);
          assert.ok(!curl.includes(api.token), 'a curl carries the token');
        }
        for (const resource of alive) {
          const line = leftover.find((l) => l.startsWith(`DELETE /${resource}:`));
          assert.ok(line, `${resource} is not among the leftovers: ${leftover.join('\n')}`);
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
});
