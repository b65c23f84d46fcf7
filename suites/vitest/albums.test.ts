import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { paths } from '../../specs/generated/albums.ts';
import { openTollgate, type TollgateClients } from '../../src/public/vitest.ts';

// Users write `from 'tollgate/vitest'`; this repo imports its own source.
let tollgate: TollgateClients<paths>;
beforeAll(async () => {
  tollgate = await openTollgate<paths>();
});
afterAll(() => tollgate?.close());

describe('albums (vitest)', () => {
  test('lists the catalogue as the spec says', async () => {
    const listed = await tollgate.api.GET('/v1/albums', { params: { query: { limit: 2, offset: 0 } } });
    expect(listed).toMatchSpec();
    expect(listed.data?.items).toHaveLength(2);
  });

  test('creates, reads and deletes an album, each answer as documented', async () => {
    const created = await tollgate.api.POST('/v1/albums', {
      params: { header: { 'Idempotency-Key': randomUUID() } },
      body: { title: 'A Love Supreme', artist: 'John Coltrane', price: 14.5, year: 1965, genre: 'jazz' },
    });
    expect(created).toMatchSpec();
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const read = await tollgate.api.GET('/v1/albums/{id}', { params: { path: { id } } });
    expect(read).toMatchSpec();
    expect(read.data).toMatchObject({ title: 'A Love Supreme' });
    const deleted = await tollgate.api.DELETE('/v1/albums/{id}', { params: { path: { id } } });
    expect(deleted).toMatchSpec();
    const gone = await tollgate.api.GET('/v1/albums/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone).toMatchSpec();
  });

  test('a request without the token is refused as documented', async () => {
    const response = await tollgate.http('/v1/albums', {
      method: 'POST',
      auth: false,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ title: 'x', artist: 'y', price: 1 }),
    });
    expect(response.status).toBe(401);
    expect(response).toMatchSpec();
  });
});
