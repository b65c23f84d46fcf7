import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type Nginx, startNginx } from '../support/nginx.ts';
import { type Daemon, startPushgateway } from '../support/prometheus.ts';
import { errorLine, oneLine, runCli } from '../support/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
// bcrypt (cost 4) of `password` below, as the Pushgateway's --web.config.file wants it
const user = 'tollgate';
const password = 'promql-gates-test';
const bcrypt = '$2a$04$gX7Io3DAgJ4eVtXFCvv4rOAVHYnP0NHIJW4MxoyxDI8xu6./qZyEG';
const credentials = { PG_USER: user, PG_PASSWORD: password };

/** Every file of a run folder, read as text, for "the secret is nowhere". */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('--push to a real Pushgateway behind basic auth, credentials from env vars named in the config', () => {
  let api: AlbumsApi;
  let gateway: Daemon;
  let dir: string;
  beforeAll(async () => {
    [api, gateway] = await Promise.all([startAlbumsApi(), startPushgateway({ basicAuth: { user, bcrypt } })]);
    dir = mkdtempSync(join(tmpdir(), 'tollgate-push-auth-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const base = JSON.stringify(api.baseURL);
    writeFileSync(
      join(dir, 'tollgate.config.ts'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, environments: {
  local: { baseURL: ${base}, pushgateway: { auth: { basic: { username: { env: 'PG_USER' }, password: { env: 'PG_PASSWORD' } } } } },
  bearer: { baseURL: ${base}, pushgateway: { auth: { bearer: { env: 'PG_TOKEN' } } } },
  open: { baseURL: ${base} },
} };\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), gateway?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const contract = (env: string, runDir: string, vars: Record<string, string> = {}) =>
    runCli(
      [
        'contract',
        '--env',
        env,
        '--operations',
        'getAlbum',
        '--run-dir',
        join(dir, runDir),
        '--push',
        gateway.url,
      ],
      { cwd: dir, env: vars },
    );
  const pushed = async (envName: string) => {
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const text = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: auth } })).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith('tollgate_run_verdict{') && l.includes(`env="${envName}"`));
  };

  test('with the credentials the push lands; the password is in no output and no file', async () => {
    const r = await contract('local', 'with-auth', credentials);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(
      r.stderr,
      /pushed the run's metrics to http:\/\/127\.0\.0\.1:\d+\/ \(job tollgate, env local/,
    );
    const verdict = await pushed('local');
    assert.ok(
      verdict.some((l) => l.includes('verdict="pass"') && l.endsWith(' 1')),
      verdict.join('\n'),
    );
    for (const text of [r.stdout, r.stderr, folderText(join(dir, 'with-auth'))]) {
      assert.ok(!text.includes(password), 'the password leaked');
      assert.ok(!text.includes(Buffer.from(`${user}:${password}`).toString('base64')), 'the header leaked');
    }
  });

  test('without credentials: exit 3, one line naming the config key to set, metrics.prom still written', async () => {
    const r = await contract('open', 'no-auth');
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      errorLine(r),
      /^TG_PUSH_FAILED: the Pushgateway at http:\/\/127\.0\.0\.1:\d+\/ refused the push \(401\): it wants credentials: set environments\.open\.pushgateway\.auth/,
    );
    assert.ok(existsSync(join(dir, 'no-auth', 'metrics.prom')));
    assert.deepEqual(await pushed('open'), [], 'nothing pushed');
  });

  test('a wrong password or a bearer token basic auth does not know: exit 3, no secret printed', async () => {
    const wrong = await contract('local', 'wrong', { PG_USER: user, PG_PASSWORD: 'not-the-password' });
    assert.equal(wrong.code, 3, wrong.stderr);
    assert.match(
      errorLine(wrong),
      /refused the push \(401\): check the credentials of environments\.local\.pushgateway\.auth \(the run's reports/,
    );
    assert.ok(!(wrong.stderr + wrong.stdout).includes('not-the-password'));
    const bearer = await contract('bearer', 'bearer', { PG_TOKEN: 'sekret-token-123' });
    assert.equal(bearer.code, 3, bearer.stderr);
    assert.match(errorLine(bearer), /check the credentials of environments\.bearer\.pushgateway\.auth /);
    assert.ok(!(bearer.stderr + bearer.stdout).includes('sekret-token-123'));
  });

  test('a credential variable that is not set: exit 2 before the run, naming it', async () => {
    const r = await contract('local', 'unset', { PG_USER: user });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      oneLine(r),
      /^TG_ENV_VAR_MISSING: environments\.local\.pushgateway\.auth\.basic\.password reads \$PG_PASSWORD, which is not set/,
    );
    assert.equal(existsSync(join(dir, 'unset')), false, 'nothing ran');
  });

  test('credentials in the --push URL are refused without printing them (exit 2)', async () => {
    const r = await runCli(
      ['contract', '--env', 'open', '--push', `http://${user}:${password}@127.0.0.1:9091/`],
      { cwd: dir },
    );
    assert.equal(r.code, 2);
    assert.match(
      oneLine(r),
      /^TG_USAGE: --push http:\/\/\*\*\*@127\.0\.0\.1:9091\/: credentials do not go in the URL/,
    );
    assert.ok(!r.stderr.includes(password));
  });
});

describe('--push with a bearer token to a real Pushgateway behind a real nginx that checks it', () => {
  const token = 'bearer-token-for-the-test';
  let api: AlbumsApi;
  let gateway: Daemon;
  let proxy: Nginx;
  let dir: string;
  beforeAll(async () => {
    [api, gateway] = await Promise.all([startAlbumsApi(), startPushgateway()]);
    proxy = await startNginx([new URL(gateway.url).host], { bearer: token });
    dir = mkdtempSync(join(tmpdir(), 'tollgate-push-bearer-'));
    writeFileSync(
      join(dir, 'tollgate.config.mjs'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, environments: { bearer: { baseURL: ${JSON.stringify(api.baseURL)}, pushgateway: { auth: { bearer: { env: 'PG_TOKEN' } } } } } };\n`,
    );
  });
  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([api?.stop(), gateway?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const push = (runDir: string, value: string) =>
    runCli(
      [
        'contract',
        '--env',
        'bearer',
        '--operations',
        'getAlbum',
        '--run-dir',
        join(dir, runDir),
        '--push',
        proxy.baseURL,
      ],
      { cwd: dir, env: { PG_TOKEN: value } },
    );

  test('the right token lands the push; a wrong one is exit 3, one line; the token is printed nowhere', async () => {
    const ok = await push('right', token);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.ok(
      text
        .split('\n')
        .some(
          (l) =>
            l.startsWith('tollgate_run_verdict{') &&
            l.includes('env="bearer"') &&
            l.includes('verdict="pass"') &&
            l.endsWith(' 1'),
        ),
      'pushed through the proxy',
    );
    const wrong = await push('wrong', 'not-the-token');
    assert.equal(wrong.code, 3, wrong.stderr);
    assert.match(
      errorLine(wrong),
      /refused the push \(401\): check the credentials of environments\.bearer\.pushgateway\.auth /,
    );
    for (const text of [ok.stdout, ok.stderr, wrong.stdout, wrong.stderr, folderText(join(dir, 'right'))])
      assert.ok(!text.includes(token) && !text.includes('not-the-token'), 'a token leaked');
  });
});
