import { resolve } from 'node:path';
import { type GoApi, type GoApiDefinition, type StartOptions, startGoApi } from './go-api.ts';

/**
 * The second reference Gin API, examples/admin-api: an admin scaffold with an
 * envelope on every answer, login/logout, and the Swagger 2.0 swag generates.
 */
const admin: GoApiDefinition = { name: 'admin-api', envPrefix: 'ADMIN', readyPath: '/api/health' };
export const adminSpecPath = resolve(import.meta.dirname, '../../examples/admin-api/docs/swagger.yaml');

/** Starts the API (ADMIN_FAULTS from options.faults) on a free loopback port. */
export const startAdminApi = (options: StartOptions = {}): Promise<GoApi> => startGoApi(admin, options);

/** `ok`: the envelope's success code, 0 unless the server runs with ADMIN_CODES. */
async function call(baseURL: string, path: string, init: RequestInit = {}, ok = 0): Promise<unknown> {
  const res = await fetch(`${baseURL}/api${path}`, init);
  const body = (await res.json()) as { code: number; data: unknown; msg: string };
  if (res.status < 200 || res.status > 299 || body.code !== ok)
    throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.data;
}

/**
 * Logs in as the seeded admin (captcha "8888"): a token of its own, which a
 * run's logout of the server token does not revoke.
 */
export async function loginAdmin(baseURL: string, ok = 0): Promise<string> {
  const data = (await call(
    baseURL,
    '/base/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: '123456', captcha: '8888' }),
    },
    ok,
  )) as { token: string };
  return data.token;
}

/**
 * Every user, role and file on the server (id and name), to compare before
 * and after a run; pages of 50 (the boundary-500 fault breaks pageSize=100).
 */
export async function adminSnapshot(
  baseURL: string,
  token: string,
  ok = 0,
): Promise<Record<string, string[]>> {
  const headers = { authorization: `Bearer ${token}` };
  const snapshot: Record<string, string[]> = {};
  for (const [kind, name] of [
    ['users', 'username'],
    ['roles', 'roleName'],
    ['files', 'name'],
  ] as const) {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const data = (await call(baseURL, `/${kind}?page=${page}&pageSize=50`, { headers }, ok)) as {
        list: Record<string, unknown>[];
        total: number;
      };
      items.push(...data.list);
      if (data.list.length === 0 || items.length >= data.total) break;
    }
    snapshot[kind] = items.map((item) => `${item.id} ${item[name]}`);
  }
  return snapshot;
}

/**
 * The ids admin-api gives next (user, role, file), read by making one of
 * each and deleting it: the difference before and after a run is exactly how
 * many of each the run made, whatever it reported.
 */
export async function adminNextIds(baseURL: string, token: string): Promise<number[]> {
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const probe = `probe${process.hrtime.bigint()}`;
  const role = (await call(baseURL, '/roles', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ roleName: probe }),
  })) as { id: number };
  const user = (await call(baseURL, '/users', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: probe, password: 'probe!1', nickName: 'probe', roleId: role.id }),
  })) as { id: number };
  const form = new FormData();
  form.append('file', new Blob(['probe']), 'probe.txt');
  const file = (await call(baseURL, '/files/upload', { method: 'POST', headers: auth, body: form })) as {
    file: { id: number };
  };
  for (const path of [`/users/${user.id}`, `/roles/${role.id}`])
    await call(baseURL, path, { method: 'DELETE', headers: auth });
  const gone = await fetch(`${baseURL}/api/files/${file.file.id}`, { method: 'DELETE', headers: auth });
  if (gone.status !== 204) throw new Error(`probe file ${file.file.id} not deleted: ${gone.status}`);
  return [user.id, role.id, file.file.id];
}
