import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import type { RunModel } from '../../src/run/model.ts';
import { adminSnapshot, adminSpecPath, loginAdmin, startAdminApi } from '../support/admin-server.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * A load run whose cleanup leaves created resources on the server is no
 * pass, as a contract run that does: exit 1, the `cleanup.leftover` gate
 * fails, the run says INCOMPLETE in the console, load.json, run.json, HTML,
 * JUnit and Markdown, with one curl per leftover carrying `$TOLLGATE_TOKEN`
 * and never the token. Real `tollgate load` on a real admin-api answering
 * code 1 for success and 0 for a refusal (ADMIN_CODES=1,0), read through
 * the config's `contract.envelope` (ok: [1]), as the contract run reads it.
 */
const defineProfile = resolve(import.meta.dirname, '../../src/load/profile/define-profile.ts');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(baseURL: string, workers: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-leftovers-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tollgate.config.mjs'),
    `export default {
  specs: { admin: ${JSON.stringify(adminSpecPath)} },
  reportsDir: 'reports',
  contract: { envelope: { code: '/code', ok: [1], message: '/msg', data: '/data' } },
  environments: { local: { baseURL: ${JSON.stringify(baseURL)}, auth: { bearer: { env: 'TOLLGATE_TOKEN' } } } },
};
`,
  );
  writeFileSync(
    join(dir, 'roles.ts'),
    `import { defineProfile } from ${JSON.stringify(defineProfile)};
let n = 0;
export default defineProfile({
  model: 'open', rate: 10, duration: '1s', contractSample: 0, workers: ${workers},
  requests: [{ path: '/roles', method: 'post', body: () => ({ roleName: \`load-\${process.pid}-\${Date.now()}-\${++n}\` }) }],
  gates: { local: { 'errors.rate': '<1%' } },
});
`,
  );
  return dir;
}

async function loadRun(faults: string[], workers: number) {
  const api = await startAdminApi({ faults, env: { ADMIN_CODES: '1,0' } });
  try {
    const own = await loginAdmin(api.baseURL, 1);
    const before = await adminSnapshot(api.baseURL, own, 1);
    const dir = project(api.baseURL, workers);
    const runDir = join(dir, 'run');
    const cli = await runCli(['load', 'roles.ts', '--env', 'local', '--run-dir', runDir], {
      cwd: dir,
      env: { TOLLGATE_TOKEN: api.token },
    });
    const after = await adminSnapshot(api.baseURL, own, 1);
    const file = (name: string) => readFileSync(join(runDir, name), 'utf8');
    const files = Object.fromEntries(
      ['load.json', 'run.json', 'index.html', 'junit.xml', 'summary.md'].map((name) => [name, file(name)]),
    );
    const left = after.roles.filter((r) => !before.roles.includes(r)).map((r) => r.split(' ')[0]);
    return { cli, before, after, left: left.sort(), files, token: api.token };
  } finally {
    await api.stop();
  }
}

describe('tollgate load: leftovers fail the run, with a curl each', () => {
  test('fault present (delete-refused, code 0 inside HTTP 200), two worker threads: exit 1, INCOMPLETE everywhere, a curl per role left', async () => {
    const { cli, left, files, token } = await loadRun(['delete-refused'], 2);
    const n = left.length;
    assert.ok(n > 0, 'the fault left no role behind');
    const out = cli.stdout;
    assert.equal(cli.code, 1, cli.stderr + out);
    const text = `cleanup left ${n} created resources on the server`;
    assert.match(out.split('\n')[0], new RegExp(`INCOMPLETE: ${text}$`));
    assert.match(out, new RegExp(`FAIL +cleanup.leftover ==0 \\(measured ${n}\\)`));
    assert.match(out, /role deletion is locked \(tried twice\) ×/);
    const curls = out.match(/^ {4}curl .*-X DELETE .*$/gm) ?? [];
    const named = (list: string[]) => list.map((c) => /\/api\/roles\/(\d+)/.exec(c)?.[1]).sort();
    assert.deepEqual(named(curls), left, 'the curls name exactly the roles the server kept');
    for (const curl of curls) assert.match(curl, /\$TOLLGATE_TOKEN/);

    const saved = JSON.parse(files['load.json']);
    assert.equal(saved.verdict, 'fail');
    assert.equal(saved.cleanup.leftover, n);
    assert.deepEqual(named(saved.cleanup.curls), left);
    const gate = saved.gates.find((g: { name: string }) => g.name === 'cleanup.leftover');
    assert.equal(gate?.verdict, 'fail');
    const model = JSON.parse(files['run.json']) as RunModel;
    assert.equal(model.verdict, 'fail');
    assert.equal(model.load?.[0].cleanup?.leftover, n);
    assert.match(model.stages[0].summary, new RegExp(`INCOMPLETE: ${text}`));
    assert.match(files['index.html'], new RegExp(`Incomplete: ${text}`));
    assert.match(files['junit.xml'], new RegExp(`<failure type="cleanup" message="${text}`));
    assert.match(files['summary.md'], new RegExp(`\\*\\*Incomplete:\\*\\* ${text}`));
    for (const name of ['index.html', 'junit.xml', 'summary.md']) {
      const ids = [...files[name].matchAll(/curl [^\n]*?\/api\/roles\/(\d+)/g)].map((m) => m[1]).sort();
      assert.deepEqual(ids, left, `${name}: a curl per leftover`);
    }
    for (const [name, body] of Object.entries({ stdout: out, stderr: cli.stderr, ...files }))
      assert.ok(!body.includes(token), `${name} carries the token`);
  });

  test('fault absent: every role is deleted, exit 0, no leftover gate, no curl, left as found', async () => {
    const { cli, before, after, files } = await loadRun([], 1);
    assert.deepEqual(after, before);
    assert.equal(cli.code, 0, cli.stderr + cli.stdout);
    assert.doesNotMatch(cli.stdout, /INCOMPLETE|cleanup\.leftover|curl /);
    const saved = JSON.parse(files['load.json']);
    assert.ok(saved.cleanup.created > 0);
    assert.equal(saved.cleanup.deleted, saved.cleanup.created);
    assert.equal(saved.cleanup.curls, undefined);
    assert.match(
      files['index.html'],
      new RegExp(`Cleanup: ${saved.cleanup.created} created, ${saved.cleanup.created} deleted\\.`),
    );
    for (const name of ['index.html', 'junit.xml', 'summary.md'])
      assert.doesNotMatch(files[name], /Incomplete|type="cleanup"/, name);
  });
});
