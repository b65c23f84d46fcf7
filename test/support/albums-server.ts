import {
  binaryOf,
  ensureGoApiBuilt,
  type GoApi,
  type GoApiDefinition,
  type StartOptions,
  startGoApi,
} from './go-api.ts';

/** The reference Gin API under examples/albums-api, built once and started per test file. */
const albums: GoApiDefinition = { name: 'albums-api', envPrefix: 'ALBUMS', readyPath: '/readyz' };
export const albumsBinary = binaryOf(albums);

export type AlbumsApi = GoApi;
export type { StartOptions };

/** Builds the Go binary when it is missing or older than a Go source file. */
export const ensureAlbumsApiBuilt = (): string => ensureGoApiBuilt(albums);

/** Starts the API on a free loopback port and waits until /readyz answers. */
export const startAlbumsApi = (options: StartOptions = {}): Promise<AlbumsApi> => startGoApi(albums, options);
