import { test as base } from '@playwright/test';
import createClient, { type Client } from 'openapi-fetch';
import { openTarget, type Target } from '../target/open-target.ts';
import { checkingFetch } from './checking-fetch.ts';

export interface TollgateWorkerFixtures {
  /** The environment under test; each Playwright project sets it. Default: `TOLLGATE_ENV` or `local`. */
  tollgateEnv: string;
  /** The resolved target: base URL, spec, headers. Opened once per worker (starting the webServer if needed). */
  target: Target;
}

export interface TollgateTestFixtures<Paths extends {}> {
  /** Typed client for the environment under test; every response is checked against the spec. */
  api: Client<Paths>;
  /**
   * Raw requests for what a typed client cannot send (malformed JSON, wrong
   * Content-Type). Path relative to the base URL; credentials are sent unless
   * `auth: false`. Responses are checked against the spec like `api`'s.
   */
  http: (path: string, init?: RequestInit & { auth?: boolean }) => Promise<Response>;
}

/**
 * The Playwright `test` for suites that use a typed client:
 * `export const test = tollgateTest<paths>()`, then
 * `test('lists albums', async ({ api }) => { await api.GET('/v1/albums') })`.
 * When `tollgate gate` runs the suites it passes the running server in
 * `TOLLGATE_BASE_URL`, so no second server starts.
 */
export function tollgateTest<Paths extends {}>() {
  return base.extend<TollgateTestFixtures<Paths>, TollgateWorkerFixtures>({
    tollgateEnv: [process.env.TOLLGATE_ENV ?? 'local', { option: true, scope: 'worker' }],
    target: [
      async ({ tollgateEnv }, use) => {
        const running = process.env.TOLLGATE_ENV === tollgateEnv ? process.env.TOLLGATE_BASE_URL : undefined;
        const target = await openTarget(
          {
            values: { env: tollgateEnv },
            cwd: process.cwd(),
            err: (line) => process.stderr.write(`${line}\n`),
          },
          { baseURL: running },
        );
        await use(target);
        await target.close();
      },
      { scope: 'worker' },
    ],
    api: async ({ target }, use) => {
      const client = createClient<Paths>({
        baseUrl: target.baseURL + target.spec.basePath,
        headers: target.headers,
        fetch: checkingFetch(target.spec),
      });
      await use(client);
    },
    http: async ({ target }, use) => {
      const checked = checkingFetch(target.spec);
      await use((path, init = {}) => {
        const { auth = true, ...rest } = init;
        const headers = new Headers(auth ? target.headers : withoutCredentials(target.headers));
        for (const [name, value] of new Headers(rest.headers)) headers.set(name, value);
        return checked(target.baseURL + path, { ...rest, headers, redirect: 'manual' });
      });
    },
  });
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const { authorization: _, cookie: __, ...rest } = headers;
  return rest;
}
