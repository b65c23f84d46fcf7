import { expect, idempotencyKey, test } from '../fixtures.ts';

test.describe('albums', () => {
  test('lists the catalogue one page at a time', async ({ api }) => {
    const { data, response } = await api.GET('/v1/albums', { params: { query: { limit: 2, offset: 0 } } });
    expect(response.status).toBe(200);
    expect(data?.items).toHaveLength(2);
    expect(data?.limit).toBe(2);
    expect(Number(response.headers.get('x-total-count'))).toBe(data?.total);
    expect(data?.total).toBeGreaterThanOrEqual(3);

    const next = await api.GET('/v1/albums', { params: { query: { limit: 2, offset: 2 } } });
    const firstIds = data?.items.map((a) => a.id) ?? [];
    for (const album of next.data?.items ?? []) expect(firstIds).not.toContain(album.id);
  });

  test('creates, reads, updates and deletes an album', async ({ api }) => {
    const created = await api.POST('/v1/albums', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: { title: 'Kind of Blue', artist: 'Miles Davis', price: 19.99, year: 1959, genre: 'jazz' },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.response.headers.get('location')).toBe(`/v1/albums/${id}`);

    const read = await api.GET('/v1/albums/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ title: 'Kind of Blue', artist: 'Miles Davis', price: 19.99 });

    const patched = await api.PATCH('/v1/albums/{id}', { params: { path: { id } }, body: { price: 9.99 } });
    expect(patched.data?.price).toBe(9.99);
    expect(patched.data?.title).toBe('Kind of Blue');

    const replaced = await api.PUT('/v1/albums/{id}', {
      params: { path: { id } },
      body: { title: 'Kind of Blue (Legacy Edition)', artist: 'Miles Davis', price: 0 },
    });
    expect(replaced.data).toMatchObject({ title: 'Kind of Blue (Legacy Edition)', price: 0 });
    expect(replaced.data?.genre).toBeUndefined();

    const deleted = await api.DELETE('/v1/albums/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await api.GET('/v1/albums/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error?.code).toBe('not_found');
  });

  test('the same Idempotency-Key does not create twice', async ({ api }) => {
    const key = idempotencyKey();
    const body = { title: 'Blue Train', artist: 'John Coltrane', price: 12 };
    const first = await api.POST('/v1/albums', { params: { header: { 'Idempotency-Key': key } }, body });
    const second = await api.POST('/v1/albums', { params: { header: { 'Idempotency-Key': key } }, body });
    expect(second.data?.id).toBe(first.data?.id);
    await api.DELETE('/v1/albums/{id}', { params: { path: { id: first.data!.id } } });
  });

  test('filters by artist, case-insensitively', async ({ api }) => {
    const artist = `Artist ${idempotencyKey().slice(0, 8)}`;
    const created = await api.POST('/v1/albums', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: { title: 'Only One', artist, price: 5 },
    });
    const { data } = await api.GET('/v1/albums', { params: { query: { artist: artist.toUpperCase() } } });
    expect(data?.items.map((a) => a.id)).toEqual([created.data!.id]);
    expect(data?.total).toBe(1);
    await api.DELETE('/v1/albums/{id}', { params: { path: { id: created.data!.id } } });
  });
});

test.describe('tracks', () => {
  test('adds a track to an album and lists it', async ({ api }) => {
    const album = await api.POST('/v1/albums', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: { title: 'A Love Supreme', artist: 'John Coltrane', price: 15 },
    });
    const id = album.data!.id;
    const empty = await api.GET('/v1/albums/{id}/tracks', { params: { path: { id } } });
    expect(empty.data).toEqual([]);

    const track = await api.POST('/v1/albums/{id}/tracks', {
      params: { path: { id } },
      body: { title: 'Acknowledgement', durationSeconds: 469 },
    });
    expect(track.response.status).toBe(201);
    expect(track.data).toMatchObject({ number: 1, title: 'Acknowledgement', durationSeconds: 469 });

    const one = await api.GET('/v1/albums/{id}/tracks/{trackId}', {
      params: { path: { id, trackId: track.data!.id } },
    });
    expect(one.data?.title).toBe('Acknowledgement');
    const listed = await api.GET('/v1/albums/{id}/tracks', { params: { path: { id } } });
    expect(listed.data?.map((t) => t.title)).toEqual(['Acknowledgement']);
    await api.DELETE('/v1/albums/{id}', { params: { path: { id } } });
  });
});

test('health and readiness probes answer', async ({ api }) => {
  expect((await api.GET('/healthz')).data).toEqual({ status: 'ok' });
  expect((await api.GET('/readyz')).data).toEqual({ status: 'ready' });
});
