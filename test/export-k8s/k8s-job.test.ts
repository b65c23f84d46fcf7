import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterAll, test } from 'vitest';
import { parse } from 'yaml';
import { oneLine, runCli } from '../support/run-cli.ts';
import { typecheck } from '../support/typecheck.ts';

/**
 * `tollgate export k8s-job`: the manifest is checked against the Kubernetes
 * Job API twice: by kubernetes-models' validator (compiled from Kubernetes'
 * OpenAPI schema: types, enums, required fields) and by tsc against
 * kubernetes-types (the same API as TypeScript types: no unknown field).
 * No cluster runs here; the pod's shell command is expanded for each index.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-k8s-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportJob = (args: string[]) => runCli(['export', 'k8s-job', ...args], { cwd: root });

function validationError(manifest: unknown): string | undefined {
  try {
    new Job(manifest as ConstructorParameters<typeof Job>[0]).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function typecheckJob(manifest: unknown): Promise<{ code: number; output: string }> {
  const file = join(dir, `job-${Date.now()}.ts`);
  writeFileSync(
    file,
    `import type { Job } from 'kubernetes-types/batch/v1';\nexport const job: Job = ${JSON.stringify(manifest, null, 2)};\n`,
  );
  return typecheck(dir, [file], {
    target: 'ES2022',
    paths: { 'kubernetes-types/*': [join(root, 'node_modules/kubernetes-types/*')] },
  });
}

test('export k8s-job: an Indexed Job of n shards that the Job API schema accepts', async () => {
  const out = join(dir, 'smoke.job.yaml');
  const result = await exportJob([
    'smoke',
    '--env',
    'staging',
    '--shards',
    '4',
    '--image',
    'registry.example/api-tests:1.2.3',
    '--out',
    out,
  ]);
  assert.equal(result.code, 0, result.stderr);
  const job = parse(readFileSync(out, 'utf8'));
  assert.equal(validationError(job), undefined);
  const typed = await typecheckJob(job);
  assert.equal(typed.code, 0, typed.output);
  assert.equal(job.apiVersion, 'batch/v1');
  assert.equal(job.kind, 'Job');
  assert.match(job.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  assert.equal(job.spec.completionMode, 'Indexed');
  assert.equal(job.spec.completions, 4);
  assert.equal(job.spec.parallelism, 4);
  assert.equal(job.spec.backoffLimit, 0);
  const pod = job.spec.template.spec;
  assert.equal(pod.restartPolicy, 'Never');
  const [container] = pod.containers;
  assert.equal(container.image, 'registry.example/api-tests:1.2.3');
  // Credentials and the base URL from a Secret, never inlined.
  assert.deepEqual(
    container.env.map((e: { name: string }) => e.name),
    ['STAGING_URL', 'STAGING_TOKEN'],
  );
  for (const e of container.env) {
    assert.equal(e.value, undefined);
    assert.equal(e.valueFrom.secretKeyRef.key, e.name);
  }
  assert.deepEqual(pod.volumes[0].persistentVolumeClaim, { claimName: 'tollgate-smoke-reports' });
  assert.equal(container.volumeMounts[0].mountPath, '/reports');
  // Pod k (JOB_COMPLETION_INDEX=k, set by Kubernetes in Indexed Jobs) is shard k+1 of 4.
  const [shell, flag, command] = container.command;
  assert.deepEqual([shell, flag], ['sh', '-c']);
  for (const index of [0, 3]) {
    const expanded = execFileSync('sh', ['-c', `echo ${command.replace(/^npx /, '')}`], {
      env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(index) },
      encoding: 'utf8',
    }).trim();
    assert.equal(
      expanded,
      `tollgate load smoke --env staging --shard ${index + 1}/4 --run-dir /reports/shard-${index + 1}`,
    );
  }
});

test('the schema checks are live: a misspelt mode, a string count and an unknown field are refused', async () => {
  const job = parse(readFileSync(join(dir, 'smoke.job.yaml'), 'utf8'));
  assert.match(
    String(validationError({ ...job, spec: { ...job.spec, completionMode: 'indexed' } })),
    /completionMode/,
  );
  assert.match(
    String(validationError({ ...job, spec: { ...job.spec, completions: '4' } })),
    /completions must be integer/,
  );
  const unknown = await typecheckJob({ ...job, spec: { ...job.spec, completionMod: 'Indexed' } });
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.output, /completionMod/);
});

test('export k8s-job: bad input is one line, exit 2', async () => {
  const cases = [
    [['smoke', '--env', 'staging', '--image', 'x'], /needs --shards <n>/],
    [
      ['smoke', '--env', 'staging', '--shards', '0', '--image', 'x'],
      /--shards must be a whole number from 1 to 1000, got "0"/,
    ],
    [['smoke', '--env', 'staging', '--shards', '4'], /needs --image <image>/],
    [['smoke', '--shards', '4', '--image', 'x'], /needs --env/],
  ] as const;
  for (const [args, message] of cases) {
    const result = await exportJob([...args, '--out', join(dir, 'bad.yaml')]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(oneLine(result), message);
  }
});
