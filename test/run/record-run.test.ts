import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { buildRunModel } from '../../src/run/build-model.ts';
import { recordRun, singleStageRun } from '../../src/run/record-run.ts';
import { createRunDir } from '../../src/run/run-dir.ts';
import { readRun } from '../../src/run/run-file.ts';
import { contractOutcome } from '../../src/run/stages/contract-stage.ts';
import { fixtureModel } from '../report/fixtures/model.ts';

test('a one-engine command (contract only) records a full run: run.json, reports, history, latest, trends', () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'tg-record-'));
  try {
    const contract = fixtureModel().contract!;
    const engineRun = {
      ...contract,
      stats: { requests: 1, dropped: 0, timeouts: 0, transportErrors: 0 },
      unanswered: { requests: 1, timeouts: 0, connection: 0, budget: '1%' },
      replays: {},
    };
    const record = () => {
      const { id, dir } = createRunDir(reportsDir, 'adhoc');
      const run = singleStageRun(
        { name: 'contract', kind: 'contract', durationMs: 1200 },
        contractOutcome(engineRun),
      );
      const model = buildRunModel({
        id,
        env: 'adhoc',
        baseURL: 'http://127.0.0.1:1',
        startedAt: new Date(),
        durationMs: 1300,
        toolVersion: '0.0.0',
        run,
      });
      recordRun(model, { dir, reportsDir, moveLatest: true }, {});
      return { id, dir };
    };
    const first = record();
    const second = record();
    const model = readRun(second.dir);
    assert.equal(model.verdict, 'fail');
    assert.equal(model.gates[0].name, 'contract.findings');
    assert.equal(model.trends?.previous.id, first.id);
    assert.ok(existsSync(join(second.dir, 'index.html')));
    assert.equal(readFileSync(join(reportsDir, 'latest.txt'), 'utf8').trim(), second.id);
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
});

test('a --run-dir run keeps its history beside its folder and leaves the reports folder alone', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tg-record-rundir-'));
  const reportsDir = join(scratch, 'reports');
  try {
    const contract = fixtureModel().contract!;
    const engineRun = {
      ...contract,
      stats: { requests: 1, dropped: 0, timeouts: 0, transportErrors: 0 },
      unanswered: { requests: 1, timeouts: 0, connection: 0, budget: '1%' },
      replays: {},
    };
    const record = (explicit: string | undefined) => {
      const { id, dir } = createRunDir(reportsDir, 'local', explicit);
      const model = buildRunModel({
        id,
        env: 'local',
        baseURL: 'http://127.0.0.1:1',
        startedAt: new Date(),
        durationMs: 1300,
        toolVersion: '0.0.0',
        run: singleStageRun(
          { name: 'contract', kind: 'contract', durationMs: 1200 },
          contractOutcome(engineRun),
        ),
      });
      recordRun(model, { dir, reportsDir, moveLatest: explicit === undefined }, {});
      return { id, dir };
    };
    const user = record(undefined);
    const userHistory = readFileSync(join(reportsDir, 'history', 'local.ndjson'), 'utf8');
    const testRun = record(join(scratch, 'runs', 'test-run'));
    // the user's history and latest are untouched by the --run-dir run
    assert.equal(readFileSync(join(reportsDir, 'history', 'local.ndjson'), 'utf8'), userHistory);
    assert.equal(readFileSync(join(reportsDir, 'latest.txt'), 'utf8').trim(), user.id);
    // its history is beside it, and it did not compare itself with the user's run
    const beside = readFileSync(join(scratch, 'runs', 'history', 'local.ndjson'), 'utf8');
    assert.match(beside, /"id":"test-run"/);
    assert.equal(readRun(testRun.dir).trends, undefined);
    // the next user run compares against the user's previous run, not the test run
    const next = record(undefined);
    assert.equal(readRun(next.dir).trends?.previous.id, user.id);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
