import assert from 'node:assert/strict';
import { test } from 'vitest';
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
