import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { CreatedLedger } from '../../src/load/cleanup/created-ledger.ts';
import { formatLoadSummary } from '../../src/load/format-summary.ts';
import type { BuiltRequest } from '../../src/load/plan/request-plan.ts';
import type { RequestContext } from '../../src/load/profile/define-profile.ts';
import { runLoad } from '../../src/load/run-load.ts';
import type { LoadedProfile, LoadReport } from '../../src/load/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { albumsSpec, albumsState } from '../stateful/albums-state.ts';
import { adminSnapshot, adminSpecPath, loginAdmin, startAdminApi } from '../support/admin-server.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import type { GoApi } from '../support/go-api.ts';

/**
 * The load engine's cleanup ledger says exactly what the server was left
 * with: every 2xx create counts (a 200 where 201 is documented, an id in a
 * wrapper, a track below its album), a DELETE refused inside HTTP 200 is
 * no deletion, and each leftover carries why. Real albums-api and admin-api.
 */
let key = 0;

/** A short open-model run of one scenario, as a profile file would define it. */
function profile(steps: unknown[]): LoadedProfile {
  const requests = [{ name: 'c', steps }] as LoadedProfile['options']['requests'];
  return {
    name: 'cleanup-truth',
    source: 'cleanup-truth.ts',
    options: { model: 'open', rate: 10, duration: '1s', contractSample: 0, requests },
  };
}

const albumThenTrack = profile([
  {
    path: '/v1/albums',
    method: 'post',
    params: () => ({ header: { 'Idempotency-Key': `truth-${process.pid}-${++key}` } }),
    body: (ctx: RequestContext) => ({
      title: `T ${ctx.iteration}`,
      artist: 'tollgate',
      price: 1,
      year: 2024,
    }),
    capture: (res: { json?: unknown }) => {
      const json = res.json as { id?: number; album?: { id: number } } | undefined;
      return { id: json?.id ?? json?.album?.id };
    },
  },
  {
    path: '/v1/albums/{id}/tracks',
    method: 'post',
    params: (ctx: RequestContext) => ({ path: { id: Number(ctx.vars.id) } }),
    body: { title: 'track', durationSeconds: 60 },
  },
]);

const role = profile([
  {
    path: '/roles',
    method: 'post',
    body: (ctx: RequestContext) => ({ roleName: `load-${ctx.iteration}-${++key}` }),
  },
]);

const creates = (r: LoadReport, id: string) =>
  Object.entries(r.perOperation.find((o) => o.operation === id)?.statusCodes ?? {})
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);

async function onAlbums(faults: string[]) {
  const api = await startAlbumsApi({ faults });
  try {
    const before = await albumsState(api);
    const spec = await loadSpec(albumsSpec);
    const headers = { Authorization: `Bearer ${api.token}` };
    const r = await runLoad({ profile: albumThenTrack, env: 'local', baseURL: api.baseURL, headers, spec });
    return { r, before, after: await albumsState(api) };
  } finally {
    await api.stop();
  }
}

/** admin-api with success code 1 and refusal code 0 (ADMIN_CODES), and the envelope config that reads it. */
const codes = {
  env: { ADMIN_CODES: '1,0' },
  ok: 1,
  envelope: { code: '/code', ok: [1], message: '/msg', data: '/data' },
};

async function onAdmin(faults: string[], coded?: typeof codes) {
  const api: GoApi = await startAdminApi({ faults, env: coded?.env });
  try {
    const own = await loginAdmin(api.baseURL, coded?.ok);
    const before = await adminSnapshot(api.baseURL, own, coded?.ok);
    const spec = await loadSpec(adminSpecPath);
    const headers = { Authorization: `Bearer ${api.token}` };
    const envelope = coded?.envelope;
    const r = await runLoad({ profile: role, env: 'local', baseURL: api.baseURL, headers, spec, envelope });
    return { r, before, after: await adminSnapshot(api.baseURL, own, coded?.ok) };
  } finally {
    await api.stop();
  }
}

describe('albums-api: every 2xx create counts, tracks go with their album', () => {
  for (const fault of ['create-200', 'id-in-wrapper'])
    test(`${fault}: created = albums + tracks the server answered 2xx, all deleted, left as found`, async () => {
      const { r, before, after } = await onAlbums([fault]);
      const albums = creates(r, 'createAlbum');
      const tracks = creates(r, 'createTrack');
      assert.ok(albums > 0 && tracks > 0, `albums ${albums}, tracks ${tracks}`);
      assert.equal(r.cleanup?.created, albums + tracks);
      assert.equal(r.cleanup?.deleted, albums + tracks);
      assert.equal(r.cleanup?.leftover, 0);
      assert.deepEqual(after, before);
    });
});

describe('admin-api: a DELETE refused inside HTTP 200 is no deletion', () => {
  test('fault absent: every role made is deleted, left as found', async () => {
    const { r, before, after } = await onAdmin([]);
    const made = creates(r, 'POST /roles');
    assert.ok(made > 0);
    assert.equal(r.cleanup?.created, made);
    assert.equal(r.cleanup?.deleted, made);
    assert.deepEqual(after, before);
  });

  test('delete-refused: every role is a leftover, with why, and the summary says so', async () => {
    const { r, before, after } = await onAdmin(['delete-refused']);
    const made = creates(r, 'POST /roles');
    const left = after.roles.filter((x) => !before.roles.includes(x));
    assert.ok(made > 0);
    assert.equal(left.length, made, 'the fault keeps every role');
    assert.equal(r.cleanup?.created, made);
    assert.equal(r.cleanup?.deleted, 0);
    assert.equal(r.cleanup?.leftover, made);
    const why = 'answered 200 with code 7: role deletion is locked (tried twice)';
    assert.deepEqual(r.cleanup?.leftoverReasons, { [why]: made });
    const line = formatLoadSummary(r).find((l) => l.includes('cleanup:')) ?? '';
    assert.match(
      line,
      new RegExp(
        `cleanup: ${made} created, 0 deleted, ${made} left over \\(${why.replace(/[()]/g, '\\$&')} ×${made}\\)`,
      ),
    );
  });
});

describe('admin-api answering code 1 for success and 0 for a refusal: cleanup reads the configured envelope', () => {
  // Detection alone ({code != 0, msg} is a refusal) reads a refusal with code 0 as done.
  test('fault absent: every role made is deleted (code 1), none a leftover, left as found', async () => {
    const { r, before, after } = await onAdmin([], codes);
    const made = creates(r, 'POST /roles');
    assert.ok(made > 0);
    assert.equal(r.cleanup?.created, made);
    assert.equal(r.cleanup?.deleted, made);
    assert.equal(r.cleanup?.leftover, 0);
    assert.deepEqual(after, before);
  });

  test('delete-refused (code 0 inside HTTP 200): every role is a leftover, refused by the envelope', async () => {
    const { r, before, after } = await onAdmin(['delete-refused'], codes);
    const made = creates(r, 'POST /roles');
    const left = after.roles.filter((x) => !before.roles.includes(x));
    assert.ok(made > 0);
    assert.equal(left.length, made, 'the fault keeps every role');
    assert.equal(r.cleanup?.deleted, 0);
    assert.equal(r.cleanup?.leftover, made);
    const why = 'answered 200 with code 0: role deletion is locked (tried twice)';
    assert.deepEqual(r.cleanup?.leftoverReasons, { [why]: made });
  });
});

describe('a target killed mid-load (admin-api, SIGKILL): cleanup is bounded and names every role, with a curl each', () => {
  test('the run aborts, every 2xx role is a leftover with a curl carrying $TOLLGATE_TOKEN, the leftover gate fails', async () => {
    const api: GoApi = await startAdminApi();
    const long = { ...role, options: { ...role.options, duration: '20s' } };
    let killedAt = 0;
    try {
      const r = await runLoad({
        profile: long,
        env: 'local',
        baseURL: api.baseURL,
        headers: { Authorization: `Bearer ${api.token}` },
        secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
        spec: await loadSpec(adminSpecPath),
        onSecond: (_point, elapsedMs) => {
          if (elapsedMs >= 2000 && !killedAt) {
            killedAt = performance.now();
            api.process.kill('SIGKILL');
          }
        },
      });
      const sinceKill = performance.now() - killedAt;
      assert.ok(killedAt > 0, 'the server was never killed');
      assert.match(r.aborted?.reason ?? '', /target stopped answering/);
      // 2 s of silence to notice, the stopped run's 5 s cleanup budget, and slack for a loaded machine.
      assert.ok(sinceKill < 15_000, `${Math.round(sinceKill)} ms from the kill to the end`);
      const made = creates(r, 'POST /roles');
      assert.ok(made > 0);
      assert.equal(r.cleanup?.created, made);
      assert.equal(r.cleanup?.leftover, made);
      const curls = r.cleanup?.curls ?? [];
      const ids = curls.map((c) => /\/api\/roles\/(\d+)/.exec(c)?.[1]);
      assert.equal(new Set(ids).size, made, 'one curl per role the server answered 2xx for');
      for (const curl of curls) {
        assert.match(curl, /-X DELETE .*\$TOLLGATE_TOKEN/);
        assert.ok(!curl.includes(api.token), 'a curl carries the token');
      }
      assert.equal(r.gates.find((g) => g.name === 'cleanup.leftover')?.verdict, 'fail');
    } finally {
      await api.stop();
    }
  });
});

describe('a 2xx create cleanup cannot delete is a leftover from the start, said why', () => {
  test('no id in the answer; an envelope that made nothing and a POST with nothing below are not creates', async () => {
    const spec = await loadSpec(albumsSpec);
    const admin = await loadSpec(adminSpecPath);
    const op = (s: typeof spec, id: string) => s.operations.find((o) => o.id === id);
    const post = (s: typeof spec, id: string, path: string) =>
      ({ method: 'POST', path, operation: op(s, id) }) as unknown as BuiltRequest;
    const ledger = new CreatedLedger();
    ledger.record(post(spec, 'createAlbum', '/v1/albums'), {
      status: 200,
      headers: {},
      body: '{"title":"no id"}',
    });
    ledger.record(post(spec, 'createAlbum', '/v1/albums'), { status: 201, headers: {}, body: '{"id":41}' });
    ledger.record(post(admin, 'createRole', '/api/roles'), {
      status: 200,
      headers: {},
      body: '{"code":7,"data":{},"msg":"exists"}',
    });
    const login = admin.operations.find((o) => o.method === 'post' && o.path.endsWith('/login'));
    assert.ok(login);
    ledger.record({ method: 'POST', path: '/api/base/login', operation: login } as unknown as BuiltRequest, {
      status: 200,
      headers: {},
      body: '{}',
    });
    const albums = ledger.resolve(spec, '');
    assert.deepEqual(albums.resources, [{ label: 'DELETE /v1/albums/41', path: '/v1/albums/41' }]);
    assert.deepEqual(albums.undeletable, [
      {
        label: 'POST /v1/albums (answered 200)',
        reason: 'no id found in the answer, so no DELETE could be sent',
      },
    ]);
    const roles = ledger.resolve(admin, '/api');
    assert.equal(roles.undeletable.length + roles.resources.length, 2, 'only the two albums');
  });
});
