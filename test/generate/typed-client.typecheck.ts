/**
 * Type-level test of the generated albums client: `tsc --noEmit` compiles
 * this file (CI runs it; typecheck.test.ts also runs it alone, with and
 * without the `@ts-expect-error` lines). Each directive marks a call the
 * client must reject. Nothing here is executed.
 */
import {
  type Client,
  type components,
  createApiClient,
  type operations,
} from '../../specs/generated/albums.ts';

const client: Client = createApiClient({
  baseUrl: 'http://127.0.0.1:8080',
  headers: { Authorization: 'Bearer token' },
  fetch: (request) => globalThis.fetch(request),
});

type Album = components['schemas']['Album'];
type AlbumInput = operations['createAlbum']['requestBody']['content']['application/json'];

export async function accepted(): Promise<Album | undefined> {
  const input: AlbumInput = { title: 'Giant Steps', artist: 'John Coltrane', price: 24.99 };
  await client.GET('/v1/albums', { params: { query: { limit: 10, genre: 'jazz' } } });
  await client.POST('/v1/albums', { params: { header: { 'Idempotency-Key': 'k-1' } }, body: input });
  const { data } = await client.GET('/v1/albums/{id}', { params: { path: { id: 1 } } });
  return data;
}

export async function rejected(): Promise<void> {
  // @ts-expect-error: no such path (`/v1/album/{id}`)
  await client.GET('/v1/album/{id}', { params: { path: { id: 1 } } });

  // @ts-expect-error: the album id is an integer, not a string
  await client.GET('/v1/albums/{id}', { params: { path: { id: 'one' } } });

  await client.POST('/v1/albums', {
    params: { header: { 'Idempotency-Key': 'k-2' } },
    // @ts-expect-error: price is a required field of AlbumInput
    body: { title: 'Giant Steps', artist: 'John Coltrane' },
  });
}
