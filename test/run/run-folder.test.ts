import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { appendHistory, previousRun, readHistory, summariseRun } from '../../src/run/history.ts';
import { readLatest, updateLatest } from '../../src/run/latest.ts';
import { createRunDir, runTimestamp } from '../../src/run/run-dir.ts';
import { readRun, resolveRunDir, writeRun } from '../../src/run/run-file.ts';
import { compareRuns } from '../../src/run/trends.ts';
import { fixtureModel } from '../report/fixtures/model.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tg-run-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('createRunDir', () => {
  test('names the folder after the time and environment, unique within a second', () => {
    const now = new Date('2026-11-30T03:40:12.345Z');
    const a = createRunDir(join(root, 'reports'), 'local', undefined, now);
    const b = createRunDir(join(root, 'reports'), 'local', undefined, now);
    assert.equal(a.id, '2026-11-30T03-40-12Z-local');
    assert.equal(b.id, '2026-11-30T03-40-12Z-local-2');
    assert.ok(existsSync(a.dir) && existsSync(b.dir));
  });
  test('unsafe environment names become portable folder names', () => {
    const { id } = createRunDir(root, '../../etc x', undefined, new Date('2026-01-01T00:00:00Z'));
    assert.equal(id, '2026-01-01T00-00-00Z-.._.._etc_x');
    assert.ok(!id.includes('/'));
  });
  test('an explicit --run-dir is used as is', () => {
    const { id, dir } = createRunDir(root, 'local', join(root, 'mine', 'run-7'));
    assert.equal(id, 'run-7');
    assert.ok(existsSync(dir));
  });
  test('runTimestamp is filesystem-safe', () =>
    assert.equal(runTimestamp(new Date(0)), '1970-01-01T00-00-00Z'));
});

describe('run.json, latest and resolveRunDir', () => {
  test('writeRun/readRun round-trip; latest points at the newest run', () => {
    const reports = join(root, 'reports');
    const { id, dir } = createRunDir(reports, 'local');
    const model = { ...fixtureModel(), id };
    writeRun(dir, model);
    assert.deepEqual(readRun(dir), model);
    updateLatest(reports, id);
    assert.equal(readLatest(reports), id);
    assert.equal(readlinkSync(join(reports, 'latest')), id);
    assert.equal(readFileSync(join(reports, 'latest.txt'), 'utf8'), `${id}\n`);
    assert.equal(resolveRunDir(reports, 'latest', root), dir);
    assert.equal(resolveRunDir(reports, id, root), dir);
    assert.equal(resolveRunDir('reports', dir, '/'), dir);
  });
  test('missing or foreign run.json is a TG_RUN_NOT_FOUND user error', () => {
    assert.throws(() => readRun(root), { code: 'TG_RUN_NOT_FOUND' });
    writeFileSync(join(root, 'run.json'), '{"hello":1}');
    assert.throws(() => readRun(root), { code: 'TG_RUN_NOT_FOUND', message: /not a tollgate run/ });
    assert.throws(() => resolveRunDir(root, 'nope', root), { code: 'TG_RUN_NOT_FOUND' });
    assert.throws(() => resolveRunDir(join(root, 'empty'), 'latest', root), { code: 'TG_RUN_NOT_FOUND' });
  });
});

describe('history and trends', () => {
  test('previousRun is the run before this one of the same environment', () => {
    const first = { ...fixtureModel(), id: 'r1' };
    const other = { ...fixtureModel(), id: 'o1', env: 'staging' };
    const second = { ...fixtureModel(), id: 'r2' };
    assert.equal(previousRun(root, 'local'), undefined);
    appendHistory(root, first);
    appendHistory(root, other);
    assert.equal(previousRun(root, 'local', 'r2')?.id, 'r1');
    appendHistory(root, second);
    assert.equal(previousRun(root, 'local', 'r2')?.id, 'r1');
    assert.equal(previousRun(root, 'local')?.id, 'r2');
    assert.equal(previousRun(root, 'staging', 'o1'), undefined);
  });

  test('a torn line does not hide the rest of the history', () => {
    appendHistory(root, { ...fixtureModel(), id: 'r1' });
    writeFileSync(join(root, 'history', 'local.ndjson'), '{"torn', { flag: 'a' });
    assert.deepEqual(
      readHistory(root, 'local').map((r) => r.id),
      ['r1'],
    );
  });

  test('compareRuns: latency deltas per operation and findings new and fixed by group key', () => {
    const before = fixtureModel();
    const now = fixtureModel();
    now.load![0].perOperation[1].latencyMs.p95 = 10;
    now.contract!.groups = now.contract!.groups.filter((g) => g.check !== 'auth-enforced');
    now.contract!.groups.push({
      key: 'k-new',
      check: 'use-after-delete',
      operation: 'DELETE /x',
      title: 'Still there',
      count: 1,
      first: 0,
    });
    const trends = compareRuns(summariseRun(now), summariseRun({ ...before, id: 'prev' }));
    assert.equal(trends.previous.id, 'prev');
    const row = trends.operations.find(
      (r) => r.operation === 'GET /v1/albums/{id}' && r.source === 'load:baseline',
    );
    assert.deepEqual(row?.p95, { now: 10, before: before.load![0].perOperation[1].latencyMs.p95 });
    assert.deepEqual(
      trends.findings.new.map((g) => g.key),
      ['k-new'],
    );
    assert.deepEqual(
      trends.findings.fixed.map((g) => g.check),
      ['auth-enforced'],
    );
    assert.equal(trends.findings.unchanged, 3);
    // contract latencies are compared too, with 5xx share as the error rate
    const contractRow = trends.operations.find(
      (r) => r.source === 'contract' && r.operation === 'GET /v1/albums/{id}',
    );
    assert.equal(contractRow?.errorRate.now, 2 / 150);
  });

  test('identical runs: no new, no fixed', () => {
    const s = summariseRun(fixtureModel());
    const t = compareRuns(s, s);
    assert.equal(t.findings.new.length + t.findings.fixed.length, 0);
  });
});
