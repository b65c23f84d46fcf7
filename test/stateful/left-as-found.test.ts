import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { contractOutcome } from '../../src/run/stages/contract-stage.ts';
import { runOnAdmin } from '../contract/run-against-admin.ts';
import {
  adminNextIds,
  adminSnapshot,
  adminSpecPath,
  loginAdmin,
  startAdminApi,
} from '../support/admin-server.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import type { GoApi } from '../support/go-api.ts';
import { runCli } from '../support/run-cli.ts';
import { albumsNextIds, albumsSpec, albumsState, runOnAlbums } from './albums-state.ts';

/**
 * Staging is left exactly as found, and the cleanup ledger says exactly what
 * the server was left with, on both reference APIs, each with a create that
 * answers an undocumented 2xx (albums `create-200`: 200 where 201 is
 * documented; admin `create-201`: 201 where 200 is): after a full run, after
 * the request cap and after a real SIGINT to the CLI. "Exactly as found" is
 * the same records; "exactly what it made" is the server's own id counters
 * (one probe of each kind before and after), against the ledger's `created`.
 */
interface Reference {
  name: string;
  start: () => Promise<GoApi>;
  /** What a client can see of the data, with a token of the test's own. */
  state: (api: GoApi) => Promise<unknown>;
  /** How many records the server has made so far (sum of its next ids). */
  made: (api: GoApi) => Promise<number>;
  run: (api: GoApi, options: ContractOptions) => Promise<ContractRun>;
  cliArgs: (api: GoApi) => string[];
}

const sum = (ids: number[]) => ids.reduce((a, b) => a + b, 0);
const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
const auth = (api: GoApi) => ['-H', `Authorization: Bearer ${api.token}`];

const albums: Reference = {
  name: 'albums-api (create-200)',
  start: () => startAlbumsApi({ faults: ['create-200'] }),
  state: albumsState,
  made: async (api) => sum(await albumsNextIds(api)),
  run: (api, options) => runOnAlbums(api, options),
  cliArgs: (api) => ['--spec', albumsSpec, '--base-url', api.baseURL, ...auth(api), '--max-cases', '5'],
};

const admin: Reference = {
  name: 'admin-api (create-201)',
  start: () => startAdminApi({ faults: ['create-201'] }),
  state: async (api) => adminSnapshot(api.baseURL, await loginAdmin(api.baseURL)),
  made: async (api) => sum(await adminNextIds(api.baseURL, await loginAdmin(api.baseURL))),
  run: runOnAdmin,
  cliArgs: (api) => [
    '--spec',
    adminSpecPath,
    '--base-url',
    api.baseURL,
    ...auth(api),
    '--envelope',
    'code=/code,ok=0,message=/msg,data=/data',
  ],
};

/** Runs `body` between two looks at the server; the look before a probe so the probe leaves nothing. */
async function around(ref: Reference, body: (api: GoApi) => Promise<number>) {
  const api = await ref.start();
  try {
    const madeBefore = await ref.made(api);
    const before = await ref.state(api);
    const created = await body(api);
    const after = await ref.state(api);
    // The probes themselves take one id of each kind: 3 on admin, 2 on albums.
    const probes = (await ref.made(api)) - madeBefore - created;
    assert.deepEqual(after, before, 'the server was not left exactly as found');
    assert.equal(probes, ref === admin ? 3 : 2, `the ledger says ${created} created; the server made more`);
  } finally {
    await api.stop();
  }
}

function assertTruthful(run: ContractRun) {
  assert.ok(run.cleanup.created > 0, 'the run created nothing');
  assert.deepEqual(run.cleanup.leftover, []);
  assert.equal(run.cleanup.deleted, run.cleanup.created);
  assert.doesNotMatch(contractOutcome(run).summary, /CLEANUP LEFT/);
}

for (const ref of [albums, admin]) {
  describe(ref.name, () => {
    test('a full run: left exactly as found, created = what the server made', () =>
      around(ref, async (api) => {
        const run = await ref.run(api, {});
        assertTruthful(run);
        return run.cleanup.created;
      }));

    test('the request cap: incomplete, and still left exactly as found', () =>
      around(ref, async (api) => {
        const run = await ref.run(api, { maxRequests: 80 });
        assert.match(run.incomplete?.reason ?? '', /request cap \(maxRequests 80\) reached/);
        assertTruthful(run);
        return run.cleanup.created;
      }));

    test('SIGINT to the CLI mid-run: exit 130, cleanup runs, left exactly as found', () =>
      around(ref, async (api) => {
        const start = JSON.stringify(await ref.state(api));
        const dir = mkdtempSync(join(tmpdir(), 'tollgate-left-'));
        const child = spawn('node', [bin, 'contract', ...ref.cliArgs(api), '--run-dir', join(dir, 'run')], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NO_COLOR: '1' },
        });
        let stdout = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
        let grown = false;
        for (let i = 0; i < 600 && !grown && child.exitCode === null; i++) {
          await new Promise((r) => setTimeout(r, 25));
          grown = JSON.stringify(await ref.state(api)) !== start;
        }
        assert.ok(grown, `the run never created anything to interrupt: ${stdout}`);
        child.kill('SIGINT');
        assert.equal(await exited, 130, stdout);
        assert.match(stdout, /ABORTED \(interrupted\)/);
        const line = /Cleanup: (\d+)\/(\d+) created resources deleted\n/.exec(stdout);
        assert.ok(line, stdout);
        assert.equal(line[1], line[2], stdout);
        assert.doesNotMatch(stdout, /left on the server/);
        const saved = JSON.parse(readFileSync(join(dir, 'run', 'contract.json'), 'utf8'));
        assert.equal(saved.cleanup.created, Number(line[2]));
        return Number(line[2]);
      }));
  });
}

/** `tollgate contract` on admin-api judging server errors only: what remains is the cleanup's verdict. */
async function serverErrorsOnly(faults: string[]) {
  const api = await startAdminApi({ faults });
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-refused-'));
  try {
    const own = await loginAdmin(api.baseURL);
    const before = await adminSnapshot(api.baseURL, own);
    const args = [...admin.cliArgs(api), '--max-cases', '3', '--checks', 'not-a-server-error'];
    const result = await runCli(['contract', ...args, '--run-dir', join(dir, 'run')]);
    const after = await adminSnapshot(api.baseURL, own);
    const saved = JSON.parse(readFileSync(join(dir, 'run', 'contract.json'), 'utf8')) as ContractRun;
    return { ...result, before, after, saved, token: api.token };
  } finally {
    await api.stop();
  }
}

describe('a server that refuses deletes (admin-api delete-refused: code 7 inside HTTP 200)', () => {
  test('fault present: the leftovers are counted, named with a curl each, and the run is not a pass', async () => {
    const { code, stdout, before, after, saved, token } = await serverErrorsOnly(['delete-refused']);
    const left = after.roles.filter((r) => !before.roles.includes(r));
    assert.ok(left.length > 0, 'the fault left no role behind');
    assert.deepEqual(after.users, before.users, 'users are deleted as usual');
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^contract INCOMPLETE/m);
    assert.match(stdout, new RegExp(`created resources deleted, ${left.length} left on the server:`));
    const reasons = stdout.match(/^ {2}! DELETE \/roles\/\d+: .*$/gm) ?? [];
    assert.equal(reasons.length, left.length, stdout);
    for (const reason of reasons) assert.match(reason, /code 7: role deletion is locked \(tried twice\)$/);
    const curls = stdout.match(/^ {4}curl .*-X DELETE .*$/gm) ?? [];
    const ids = left.map((r) => r.split(' ')[0]).sort();
    assert.deepEqual(curls.map((c) => /\/api\/roles\/(\d+)/.exec(c)?.[1]).sort(), ids);
    for (const curl of curls) {
      assert.match(curl, /\$TOLLGATE_TOKEN/);
      assert.ok(!curl.includes(token), 'a curl carries the token');
    }
    assert.equal(saved.cleanup.leftover.length, left.length);
    assert.equal(saved.cleanup.deleted, saved.cleanup.created - left.length);
  });

  test('fault absent: the same run deletes everything and passes', async () => {
    const { code, stdout, before, after, saved } = await serverErrorsOnly([]);
    assert.deepEqual(after, before);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^contract PASSED/m);
    assert.ok(saved.cleanup.created > 0);
    assert.match(
      stdout,
      new RegExp(`Cleanup: ${saved.cleanup.created}/${saved.cleanup.created} created resources deleted\n`),
    );
  });
});
