import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const specFile = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

/**
 * Baseline and candidate must be two builds of one API: the spec each side
 * serves (`servedSpec`; the Gin example serves none, so a small server
 * stands in for each side's `/swagger/doc.yaml`) must have the same title,
 * version and operations, or compare stops with one line (exit 2).
 */
describe('compare: the two sides serve different specs or versions', () => {
  let baseline: AlbumsApi;
  let candidate: AlbumsApi;
  const served: Record<string, string> = {};
  let specs: Server;
  let specsURL = '';
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-compare-mismatch-'));
  const original = readFileSync(specFile, 'utf8');

  beforeAll(async () => {
    [baseline, candidate] = await Promise.all([startAlbumsApi(), startAlbumsApi()]);
    specs = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(served[req.url?.slice(1) ?? ''] ?? '');
    });
    await new Promise<void>((ready) => specs.listen(0, '127.0.0.1', ready));
    specsURL = `http://127.0.0.1:${(specs.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), candidate?.stop()]);
    await new Promise((closed) => specs?.close(closed));
    rmSync(dir, { recursive: true, force: true });
  });

  const compare = async (name: string, baselineSpec: string, candidateSpec: string) => {
    served[`${name}-baseline.yaml`] = baselineSpec;
    served[`${name}-candidate.yaml`] = candidateSpec;
    const cwd = mkdtempSync(join(dir, `${name}-`));
    const config = {
      specs: { albums: specFile },
      environments: {
        c: {
          baseURL: baseline.baseURL,
          baseline: { baseURL: baseline.baseURL, servedSpec: `${specsURL}/${name}-baseline.yaml` },
          candidate: { baseURL: candidate.baseURL, servedSpec: `${specsURL}/${name}-candidate.yaml` },
          compare: { durationSec: 3, contract: false, minSamples: 5 },
        },
      },
    };
    writeFileSync(join(cwd, 'tollgate.config.mjs'), `export default ${JSON.stringify(config)};\n`);
    return runCli(['compare', '--env', 'c', '--run-dir', join(cwd, 'run')], { cwd });
  };
  const changed = (edit: (doc: { info: { version: string }; paths: Record<string, unknown> }) => void) => {
    const doc = parse(original);
    edit(doc);
    return stringify(doc);
  };

  test('another info.version: exit 2, one line naming both versions and where they were read', async () => {
    const r = await compare(
      'version',
      original,
      changed((doc) => (doc.info.version = '2.0.0')),
    );
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(
      oneLine(r),
      /^TG_COMPARE_MISMATCH: the baseline serves "Albums API" 1\.0\.0 \(http:.*\/version-baseline\.yaml\) and the candidate "Albums API" 2\.0\.0 \(http:.*\/version-candidate\.yaml\) \(point baseline/,
    );
  });

  test('an operation only the candidate has: exit 2, one line naming it', async () => {
    const r = await compare(
      'ops',
      original,
      changed((doc) => {
        doc.paths['/v1/charts'] = {
          get: { operationId: 'listCharts', responses: { '200': { description: 'ok' } } },
        };
      }),
    );
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(
      oneLine(r),
      /^TG_COMPARE_MISMATCH: baseline and candidate serve "Albums API" 1\.0\.0 with different operations: only the candidate has GET \/v1\/charts \(/,
    );
  });

  test('the same spec on both sides: the comparison runs and promotes', async () => {
    const r = await compare('same', original, original);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^compare: PROMOTE/m);
  });
});
