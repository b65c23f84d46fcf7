import assert from 'node:assert/strict';
import { test } from 'vitest';
import { planSmoke } from '../../src/monitor/smoke-plan.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { readMix } from '../../src/traffic/read-mix.ts';

const albums = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

test("albums' read mix: every GET that can be filled, ids from the spec's examples, no writes", async () => {
  const spec = await loadSpec(albums);
  const mix = readMix(spec);
  const ops = mix.requests.map((r) => r.op);
  assert.ok(ops.includes('listAlbums') && ops.includes('getAlbum') && ops.includes('listTracks'), ops.join());
  assert.ok(
    mix.requests.every((r) => r.method === 'GET' || r.method === 'HEAD'),
    'reads only',
  );
  assert.ok(!ops.includes('createAlbum') && !ops.includes('deleteAlbum'));
  const getAlbum = mix.requests.find((r) => r.op === 'getAlbum')!;
  assert.equal(getAlbum.target, '/v1/albums/1');
  const list = mix.requests.find((r) => r.op === 'listAlbums')!;
  assert.doesNotMatch(list.target, /artist=|cursor=/, 'optional filters are not sent with their examples');
});

test('an operation whose required path parameter has no example is skipped, saying which parameter', async () => {
  const spec = await loadSpec(albums);
  const op = spec.operations.find((o) => o.id === 'getAlbum')!;
  const bare = {
    ...op,
    id: 'getBare',
    parameters: op.parameters.map((p) => ({
      ...p,
      example: undefined,
      examples: undefined,
      schema: { type: 'integer' },
    })),
  };
  const mix = readMix({ ...spec, operations: [bare] });
  assert.deepEqual(mix.requests, []);
  assert.deepEqual(mix.skipped, ['getBare (no example for id)']);
});

test("a GET whose name is a command (gin-vue-admin's /api/freshCasbin, /api/syncApi) is never sent; reads that only look alike are", async () => {
  const spec = await loadSpec(albums);
  const op = spec.operations.find((o) => o.id === 'listAlbums')!;
  const at = (path: string) => ({ ...op, id: path, key: `GET ${path}`, path, parameters: [] });
  const commands = [
    '/api/freshCasbin',
    '/api/syncApi',
    '/cache/clear',
    '/jobs/{id}/restart',
    '/user/resetPassword',
  ];
  const reads = [
    '/api/getApiGroups',
    '/settings',
    '/statistics',
    '/runs',
    '/synchronisations',
    '/api/v1/users',
  ];
  const mix = readMix({ ...spec, operations: [...commands, ...reads].map(at) });
  assert.deepEqual(
    mix.requests.map((r) => r.op),
    reads,
  );
  assert.deepEqual(
    mix.skipped.map((s) => s.replace(/ \(.*/, '')),
    commands,
  );
  assert.match(mix.skipped[0], /reads as a command, "fresh"/);
});

test('a required query parameter is never guessed: a string without example is skipped, a number takes its minimum', async () => {
  const spec = await loadSpec(albums);
  const op = spec.operations.find((o) => o.id === 'listAlbums')!;
  const withQuery = (id: string, schema: Record<string, unknown>) => ({
    ...op,
    id,
    parameters: [{ name: 'q', in: 'query' as const, required: true, style: 'form', explode: true, schema }],
  });
  const mix = readMix({
    ...spec,
    operations: [
      withQuery('byType', { type: 'string' }),
      withQuery('byPage', { type: 'integer', minimum: 3 }),
    ],
  });
  assert.deepEqual(mix.skipped, ['byType (no example for q)']);
  assert.deepEqual(
    mix.requests.map((r) => r.target),
    ['/v1/albums?q=3'],
  );
});

test("the monitor's probe plan follows the same rule: no logout, no command GET, unless the config names it", async () => {
  const spec = await loadSpec(albums);
  const op = spec.operations.find((o) => o.id === 'listAlbums')!;
  const at = (path: string) => ({ ...op, id: path, key: `GET ${path}`, path, parameters: [] });
  const ops = { ...spec, operations: ['/auth/logout', '/api/freshCasbin', '/v1/albums'].map(at) };
  const plan = planSmoke(ops, 10);
  assert.deepEqual(
    plan.probes.map((p) => p.operation.path),
    ['/v1/albums'],
  );
  assert.deepEqual(
    plan.skipped.map((s) => `${s.operation}: ${s.reason.split(',')[0]}`),
    ['GET /auth/logout: ends a session', 'GET /api/freshCasbin: its name reads as a command'],
  );
  const named = planSmoke(ops, 10, { names: ['/api/freshCasbin'], where: 'tollgate.config.ts' });
  assert.deepEqual(
    named.probes.map((p) => p.operation.path),
    ['/api/freshCasbin'],
  );
});
