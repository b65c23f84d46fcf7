import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'vitest';
import { evaluateGates } from '../../src/gates/evaluate-gates.ts';
import { parseGateSet } from '../../src/gates/parse-gates.ts';
import { formatLoadSummary, formatProgress } from '../../src/load/format-summary.ts';
import { gateValues } from '../../src/load/metrics/load-metrics.ts';
import { Recorder } from '../../src/load/metrics/recorder.ts';
import type { LoadReport } from '../../src/load/types.ts';
import { renderConsole } from '../../src/report/console.ts';
import { renderLoad } from '../../src/report/html/load.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { LoadResult, RunModel } from '../../src/run/model.ts';
import { loadOutcome } from '../../src/run/stages/load-stage.ts';
import { fixtureModel } from '../report/fixtures/model.ts';

/**
 * Issue 14, frictions 7 and 8: a load run shows corrected and uncorrected
 * latency, each labelled, gates on the one the README names, and a failed load
 * stage or a long list of failed suite tests says what failed and how many.
 */
const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

function openLoad(): LoadResult {
  return structuredClone(fixtureModel().load![0]);
}
function closedLoad(): LoadResult {
  const load = openLoad();
  load.model = 'closed';
  delete load.totals.correctedLatencyMs;
  for (const op of load.perOperation) delete op.correctedLatencyMs;
  return load;
}
function withLoad(load: LoadResult): RunModel {
  return { ...fixtureModel(), load: [load] };
}

describe('corrected vs uncorrected p99, labelled everywhere', () => {
  // fixture totals: uncorrected p99 5.20ms, corrected p99 5.98ms
  test('open model: the stage line, console, Markdown and HTML say which p99 is which', () => {
    const load = openLoad();
    assert.match(loadOutcome(load).summary, /p99 5\.98ms corrected \(5\.20ms uncorrected\)/);
    const text = renderConsole(withLoad(load));
    assert.match(
      text,
      /Load baseline .*corrected p50 1\.43ms · p95 3\.25ms · p99 5\.98ms \(uncorrected p99 5\.20ms\)/,
    );
    assert.match(text, /latency\.p99\s+<250ms\s+5\.98ms/);
    assert.match(renderMarkdown(withLoad(load)), /### Load: baseline .*latency corrected, as gated\)/);
    const html = String(renderLoad(withLoad(load)));
    assert.match(
      html,
      /corrected \(as gated\) p50 <strong>1\.43ms<\/strong> · p95 <strong>3\.25ms<\/strong> · p99 <strong>5\.98ms<\/strong> · uncorrected p50/,
    );
    assert.match(html, /Latency percentiles over time \(ms, corrected\)/);
    assert.match(html, />p99 \(uncorrected\)</);
  });

  test('closed model: every p99 is marked uncorrected, none corrected', () => {
    const load = closedLoad();
    assert.match(loadOutcome(load).summary, /p99 5\.20ms uncorrected,/);
    const text = renderConsole(withLoad(load));
    assert.match(text, /Load baseline .*uncorrected p50 1\.30ms · p95 2\.86ms · p99 5\.20ms · errors/);
    assert.doesNotMatch(text.split('Load baseline')[1].split('\n')[0], /[^n]corrected/);
    assert.match(renderMarkdown(withLoad(load)), /latency uncorrected, as gated\)/);
    assert.match(String(renderLoad(withLoad(load))), /uncorrected \(as gated\) p50/);
  });

  test('the load command prints both latency lines labelled, and its progress line too', () => {
    const load = openLoad();
    const report = { ...load, env: 'local' } as unknown as LoadReport;
    const lines = formatLoadSummary(report).join('\n');
    assert.match(lines, /latency {3}uncorrected p50 1\.30ms .*p99 5\.20ms .*\(from the actual send\)/);
    assert.match(lines, /latency {3}corrected {3}p50 1\.43ms .*p99 5\.98ms .*latency gates judge these/);
    const point = { t: 3, rps: 100, p50: 1, p95: 2, p99: 7, errors: 0, sent: 100 };
    assert.match(formatProgress(point, 3000, 10_000, false, 'open'), /p99 7\.00ms corrected/);
    assert.match(formatProgress(point, 3000, 10_000, false, 'closed'), /p99 7\.00ms uncorrected/);
  });
});

describe('latency gates judge the corrected latency, as the README says', () => {
  test('the README says which one the gates read', () => {
    assert.match(readme, /latency gates judge the \*\*corrected\*\* latency/i);
  });

  const gates = parseGateSet({ 'latency.p99': '<50ms' }, 'gates');
  function judge(recorder: Recorder) {
    return evaluateGates({ values: gateValues(recorder, gates, 1) }, gates)[0];
  }

  test('stall present: answered in 1 ms but sent 100 ms late, the p99 gate fails on the corrected 100 ms', () => {
    const recorder = new Recorder(true);
    for (let i = 0; i < 200; i++) recorder.response('getAlbum', 200, 1_000, 100_000, true);
    const gate = judge(recorder);
    assert.equal(gate.verdict, 'fail');
    assert.ok(gate.measured! > 90, `measured ${gate.measured}`);
  });

  test('stall absent: sent on time, the same gate passes', () => {
    const recorder = new Recorder(true);
    for (let i = 0; i < 200; i++) recorder.response('getAlbum', 200, 1_000, 1_100, true);
    assert.equal(judge(recorder).verdict, 'pass');
  });
});

describe('a failed load stage names its failing gate', () => {
  test('fault present: contract.violations failed, the stage line says so beside "errors 0.50%"', () => {
    const load = openLoad();
    load.gates = [
      {
        name: 'errors.rate',
        scope: 'load:baseline',
        threshold: '<1%',
        measured: 0.005,
        measuredText: '0.5%',
        verdict: 'pass',
      },
      {
        name: 'contract.violations',
        scope: 'load:baseline',
        threshold: '==0',
        measured: 10,
        measuredText: '10',
        verdict: 'fail',
      },
    ];
    const outcome = loadOutcome(load);
    assert.equal(outcome.verdict, 'fail');
    assert.match(outcome.summary, /errors 0\.50%; failed: contract\.violations 10 \(want ==0\)$/);
  });

  test('fault absent: every gate passed, no "failed:" in the line', () => {
    const load = openLoad();
    load.gates = load.gates.map((g) => ({ ...g, verdict: 'pass' as const }));
    const outcome = loadOutcome(load);
    assert.equal(outcome.verdict, 'pass');
    assert.doesNotMatch(outcome.summary, /failed/);
  });
});

describe('the console lists 10 failed suite tests and says how many more', () => {
  function suites(failed: number): RunModel {
    const tests = Array.from({ length: failed }, (_, i) => ({
      title: `albums › case ${i + 1}`,
      file: 'functional/albums.spec.ts',
      project: 'local',
      status: 'failed' as const,
    }));
    return { ...fixtureModel(), suites: { passed: 64, failed, skipped: 0, durationMs: 1000, tests } };
  }
  test('14 failed: ten listed, then "... and 4 more failed tests"', () => {
    const text = renderConsole(suites(14));
    assert.equal(text.match(/✗ albums › case/g)?.length, 10);
    assert.match(text, /^ {2}\.\.\. and 4 more failed tests \(see the report\)$/m);
  });
  test('10 failed: all ten listed, no "more"', () => {
    const text = renderConsole(suites(10));
    assert.equal(text.match(/✗ albums › case/g)?.length, 10);
    assert.doesNotMatch(text, /more failed tests/);
  });
});
