import { fetchExchange } from '../http/fetch-exchange.ts';
import type { Exchange } from '../http/types.ts';
import type { LoadedSpec } from '../spec/types.ts';

/** Every response a tollgate client received, with the exchange and spec to judge it by. */
const recorded = new WeakMap<Response, { spec: LoadedSpec; exchange: Exchange }>();

/** A fetch that records each exchange, so `expect(response).toMatchSpec()` can judge it later. */
export function recordingFetch(spec: LoadedSpec, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const { response, exchange } = await fetchExchange(new Request(input, init), baseFetch);
    recorded.set(response, { spec, exchange });
    return response;
  };
}

export function recordedExchange(response: Response): { spec: LoadedSpec; exchange: Exchange } | undefined {
  return recorded.get(response);
}
