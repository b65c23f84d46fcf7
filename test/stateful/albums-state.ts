import { resolve } from 'node:path';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { AlbumsApi } from '../support/albums-server.ts';

export const albumsSpec = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

/** One engine run on a running albums API. */
export async function runOnAlbums(api: AlbumsApi, options: ContractOptions = {}): Promise<ContractRun> {
  return runContract({
    spec: await loadSpec(albumsSpec),
    baseURL: api.baseURL,
    headers: { authorization: `Bearer ${api.token}` },
    secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
    options: { maxCases: 5, workers: 4, ...options },
  });
}

/**
 * Everything a client can see of the albums API's data: every album (all
 * pages) and the tracks of each. Equal before and after a run means the run
 * left the server exactly as it found it.
 */
export async function albumsState(api: Pick<AlbumsApi, 'baseURL'>): Promise<unknown> {
  const albums: { id: number }[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = (await (await fetch(`${api.baseURL}/v1/albums?limit=100&offset=${offset}`)).json()) as {
      items: { id: number }[];
      total: number;
    };
    albums.push(...page.items);
    if (page.items.length < 100) break;
  }
  const tracks: Record<number, unknown> = {};
  for (const album of albums)
    tracks[album.id] = await (await fetch(`${api.baseURL}/v1/albums/${album.id}/tracks`)).json();
  return { albums, tracks };
}

/**
 * The ids the albums API gives next (album, track), read by making one of
 * each and deleting it: the difference before and after a run is exactly how
 * many albums and tracks the run made, whatever it reported.
 */
export async function albumsNextIds(api: Pick<AlbumsApi, 'baseURL' | 'token'>): Promise<number[]> {
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${api.baseURL}${path}`, {
      method: 'POST',
      headers: { ...headers, ...extra },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id?: number; album?: { id: number } };
    const id = json.id ?? json.album?.id;
    if (res.status >= 300 || id === undefined)
      throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return id;
  };
  const album = await post(
    '/v1/albums',
    { title: 'probe', artist: 'probe', price: 1 },
    { 'idempotency-key': `probe-${process.hrtime.bigint()}` },
  );
  const track = await post(`/v1/albums/${album}/tracks`, { title: 'probe', durationSeconds: 1 });
  const gone = await fetch(`${api.baseURL}/v1/albums/${album}`, { method: 'DELETE', headers });
  if (gone.status !== 204) throw new Error(`probe album ${album} not deleted: ${gone.status}`);
  return [album, track];
}
