import createClient, { type Client } from 'openapi-fetch';
import { openTarget, type Target } from '../target/open-target.ts';
import { recordingFetch } from './recorded-exchanges.ts';

export interface TollgateClients<Paths extends {}> {
  /** The environment under test: base URL, spec, credentials as headers. */
  target: Target;
  /** Typed client; check an answer with `expect(response).toMatchSpec()`. */
  api: Client<Paths>;
  /**
   * Raw requests for what a typed client cannot send (malformed JSON, wrong
   * Content-Type). Path relative to the base URL; credentials are sent unless
   * `auth: false`.
   */
  http: (path: string, init?: RequestInit & { auth?: boolean }) => Promise<Response>;
  /** Stops the webServer the environment started, if any. */
  close: () => Promise<void>;
}

/**
 * For vitest suites: opens an environment of tollgate.config.ts (starting its
 * webServer when it has one) and returns typed clients whose responses
 * `toMatchSpec()` can judge. Default environment: `TOLLGATE_ENV`, else `local`.
 * Under `tollgate gate` the running server in `TOLLGATE_BASE_URL` is used.
 */
export async function openTollgate<Paths extends {}>(
  env = process.env.TOLLGATE_ENV ?? 'local',
): Promise<TollgateClients<Paths>> {
  const running = process.env.TOLLGATE_ENV === env ? process.env.TOLLGATE_BASE_URL : undefined;
  const target = await openTarget(
    { values: { env }, cwd: process.cwd(), err: (line) => process.stderr.write(`${line}\n`) },
    { baseURL: running },
  );
  const fetchRecorded = recordingFetch(target.spec);
  const api = createClient<Paths>({
    baseUrl: target.baseURL + target.spec.basePath,
    headers: target.headers,
    fetch: fetchRecorded,
  });
  const http: TollgateClients<Paths>['http'] = (path, init = {}) => {
    const { auth = true, ...rest } = init;
    const headers = new Headers(auth ? target.headers : withoutCredentials(target.headers));
    for (const [name, value] of new Headers(rest.headers)) headers.set(name, value);
    return fetchRecorded(target.baseURL + path, { ...rest, headers, redirect: 'manual' });
  };
  return { target, api, http, close: () => target.close() };
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const { authorization: _, cookie: __, ...rest } = headers;
  return rest;
}
