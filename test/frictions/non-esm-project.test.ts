import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { runCli } from '../support/run-cli.ts';

// Issue 14 §3.1: a Gin team's repository is not an ES module package. Its
// config and profiles import from 'tollgate' by name and load as .ts, .mts
// and .js all the same, in ES or CommonJS syntax (`require('tollgate')`,
// `module.exports =`; once: "Cannot require() ES Module … in a cycle").
const root = resolve(import.meta.dirname, '../..');

const profileSource = (syntax: 'esm' | 'cjs') =>
  `${syntax === 'esm' ? "import { defineProfile } from 'tollgate';\nexport default" : "const { defineProfile } = require('tollgate');\nmodule.exports ="} defineProfile({
  model: 'closed', connections: 1, duration: '1s',
  requests: [{ path: '/v1/albums', method: 'get' }],
  gates: { local: { 'errors.rate': '<1%' } },
});\n`;

describe('a project without "type": "module" (issue 14 §3.1)', () => {
  let api: AlbumsApi;
  let dir: string;
  beforeAll(async () => {
    api = await startAlbumsApi();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-cjs-project-'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "my-gin-api", "version": "1.0.0" }\n');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/tollgate'), 'dir');
    mkdirSync(join(dir, 'load'));
    writeFileSync(join(dir, 'spec.yaml'), readFileSync(join(root, 'specs/albums.openapi.yaml')));
    writeFileSync(join(dir, 'load/first.ts'), profileSource('esm'));
    writeFileSync(join(dir, 'load/second.mts'), profileSource('esm'));
    writeFileSync(join(dir, 'load/third.js'), profileSource('esm'));
    writeFileSync(join(dir, 'load/fourth.js'), profileSource('cjs'));
    writeFileSync(join(dir, 'load/fifth.cjs'), profileSource('cjs'));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each config kind once; every profile kind (ES and CommonJS syntax) with the first.
  const allProfiles = ['first', 'load/second.mts', 'load/third.js', 'fourth', 'fifth'];
  for (const [ext, syntax, profiles] of [
    ['ts', 'esm', allProfiles],
    ['mts', 'esm', ['first']],
    ['js', 'esm', ['first']],
    ['js', 'cjs', ['first']],
    ['cjs', 'cjs', ['fifth']],
  ] as const) {
    test(`tollgate.config.${ext} (${syntax}) loads, with profiles ${profiles.join(', ')}`, async () => {
      for (const old of ['ts', 'mts', 'js', 'cjs'])
        rmSync(join(dir, `tollgate.config.${old}`), { force: true });
      const head =
        syntax === 'esm'
          ? "import { defineConfig } from 'tollgate';\nexport default"
          : "const { defineConfig } = require('tollgate');\nmodule.exports =";
      writeFileSync(
        join(dir, `tollgate.config.${ext}`),
        `${head} defineConfig({ specs: { albums: 'spec.yaml' }, environments: { local: { baseURL: ${JSON.stringify(api.baseURL)} } } });\n`,
      );
      for (const profile of profiles) {
        const runDir = join(dir, `run-${ext}-${syntax}-${profile.replaceAll('/', '-')}`);
        const r = await runCli(['load', profile, '--env', 'local', '--run-dir', runDir], { cwd: dir });
        assert.equal(r.code, 0, `${profile} with tollgate.config.${ext}: ${r.stderr}${r.stdout}`);
        assert.doesNotMatch(r.stderr, /require\(\) ES Module|failed to load/);
        const saved = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
        assert.equal(saved.verdict, 'pass');
        assert.ok(saved.totals.requests > 0, 'the profile sent requests');
      }
    });
  }
});
