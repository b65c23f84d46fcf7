import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
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
