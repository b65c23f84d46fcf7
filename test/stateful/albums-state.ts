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
