import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'vitest';
import { assertRunnable, outputScrubber, startCommand } from '../../src/command/run-command.ts';

const options = (timeoutMs = 10_000) => ({
  cwd: process.cwd(),
  t0: performance.now(),
  timeoutMs,
  scrub: outputScrubber([{ value: 'hunter2-secret', envName: 'TOKEN' }], {}),
});

test('output is bounded: the first 4 KiB and the last 28 KiB, the cut counted', async () => {
  const run = await startCommand(
    { shell: 'echo FIRST; head -c 200000 /dev/zero | tr "\\0" x; echo; echo LAST' },
    options(),
  ).done;
  assert.equal(run.exitCode, 0);
  assert.ok(run.output.startsWith('FIRST'), run.output.slice(0, 20));
  assert.ok(run.output.trimEnd().endsWith('LAST'));
  assert.ok(run.output.length < 33 * 1024, `${run.output.length} chars kept`);
  assert.ok((run.outputCut ?? 0) > 160_000, `cut ${run.outputCut}`);
});

test('a short output is kept whole, with secrets and secret-named variables redacted', async () => {
  const scrub = outputScrubber([{ value: 'hunter2-secret', envName: 'TOKEN' }], {
    DEPLOY_API_KEY: 'k-123456',
  });
  const run = await startCommand(
    { argv: ['sh', '-c', 'echo token hunter2-secret key k-123456; echo err >&2; exit 4'] },
    { ...options(), scrub },
  ).done;
  assert.equal(run.exitCode, 4);
  assert.equal(run.outputCut, undefined);
  assert.match(run.output, /token \[REDACTED\] key \[REDACTED\]/);
  assert.match(run.output, /err/);
});

test('a command over its timeout is stopped (its whole process group) and marked', async () => {
  const started = performance.now();
  const run = await startCommand({ shell: 'sleep 30 & sleep 30' }, options(300)).done;
  assert.equal(run.timedOut, true);
  assert.equal(run.signal, 'SIGTERM');
  assert.ok(performance.now() - started < 5000);
});

test('a daemon the command leaves behind holding stdout does not keep the run waiting', async () => {
  const started = performance.now();
  const run = await startCommand({ shell: 'sleep 5 & echo started' }, options()).done;
  assert.equal(run.exitCode, 0);
  assert.match(run.output, /started/);
  assert.ok(performance.now() - started < 2000, 'returned before the background sleep ended');
});

test('a program that is not there is refused before it runs; one that is passes', () => {
  assert.throws(
    () => assertRunnable({ argv: ['surely-not-a-program-xyz'] }, process.cwd(), 'the command after --'),
    /command not found: surely-not-a-program-xyz/,
  );
  assert.throws(
    () => assertRunnable({ shell: './missing.sh green' }, process.cwd(), '--on-fail'),
    /\.\/missing\.sh/,
  );
  assert.doesNotThrow(() => assertRunnable({ argv: ['sh', '-c', 'true'] }, process.cwd(), 'x'));
  assert.doesNotThrow(() => assertRunnable({ shell: 'sleep 1 && true' }, process.cwd(), 'x'));
});
