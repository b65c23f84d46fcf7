/**
 * tollgate contract vs Schemathesis on the reference Gin API: planted faults
 * found, false alarms on a clean server, wall time. Installs Schemathesis
 * into .tollgate/schemathesis-venv when missing. Usage:
 *   node --import tsx bench/contract-vs-schemathesis/run.ts [--runs 3]
 * Prints a table and writes bench/results/contract-vs-schemathesis.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runContract } from '../../src/contract/run-contract.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { startAlbumsApi } from '../../test/support/albums-server.ts';
import { expectations, faultSets, parseSchemathesis } from './faults.ts';

const root = resolve(import.meta.dirname, '../..');
const specPath = join(root, 'specs/albums.openapi.yaml');
const venv = join(root, '.tollgate/schemathesis-venv');
const st = join(venv, 'bin/schemathesis');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 1;

function ensureSchemathesis(): string {
  if (!existsSync(st)) {
    mkdirSync(join(root, '.tollgate'), { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin/pip'), ['install', '-q', 'schemathesis'], { stdio: 'inherit' });
  }
  return execFileSync(st, ['--version'], { encoding: 'utf8' }).trim();
}

function runSchemathesis(baseURL: string, token: string): Promise<{ output: string; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(
      st,
      ['run', specPath, '--url', baseURL, '-H', `Authorization: Bearer ${token}`, '--no-color'],
      {
        cwd: join(root, '.tollgate'),
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    child.on('exit', () => done({ output, ms: performance.now() - started }));
  });
}

interface Outcome {
  found: Set<string>;
  falseAlarms: number;
  ms: number;
  alarmList: string[];
}

async function measure(tool: 'tollgate' | 'schemathesis'): Promise<Outcome> {
  const outcome: Outcome = { found: new Set(), falseAlarms: 0, ms: 0, alarmList: [] };
  const spec = await loadSpec(specPath);
  for (const set of faultSets) {
    const api = await startAlbumsApi({ faults: set.faults });
    try {
      if (tool === 'tollgate') {
        const started = performance.now();
        const run = await runContract({
          spec,
          baseURL: api.baseURL,
          headers: { authorization: `Bearer ${api.token}` },
          secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
          options: {},
        });
        outcome.ms += performance.now() - started;
        for (const fault of set.faults) {
          const [check, operation] = expectations[fault];
          if (run.findings.some((f) => f.check === check && f.operation === operation))
            outcome.found.add(fault);
        }
        if (set.faults.length === 0) {
          outcome.falseAlarms += run.groups.length;
          outcome.alarmList.push(...run.groups.map((g) => `${g.check} ${g.operation}`));
        }
      } else {
        const { output, ms } = await runSchemathesis(api.baseURL, api.token);
        outcome.ms += ms;
        const failures = parseSchemathesis(output);
        for (const fault of set.faults) if (failures.some(expectations[fault][2])) outcome.found.add(fault);
        if (set.faults.length === 0) {
          outcome.falseAlarms += failures.length;
          outcome.alarmList.push(...failures.map((f) => `${f.code} ${f.title} (${f.section})`));
        }
      }
    } finally {
      await api.stop();
    }
  }
  return outcome;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const version = ensureSchemathesis();
const planted = faultSets.flatMap((s) => s.faults);
const results: Record<string, Outcome[]> = { tollgate: [], schemathesis: [] };
for (let i = 0; i < runs; i++) {
  for (const tool of ['tollgate', 'schemathesis'] as const) {
    process.stderr.write(`run ${i + 1}/${runs}: ${tool}...\n`);
    results[tool].push(await measure(tool));
  }
}
const row = (tool: string) => {
  const outs = results[tool];
  const found = median(outs.map((o) => o.found.size));
  return `| ${tool} | ${found}/${planted.length} | ${median(outs.map((o) => o.falseAlarms))} | ${(median(outs.map((o) => o.ms)) / 1000).toFixed(1)} s |`;
};
const perFault = planted.map((fault) => {
  const hit = (tool: string) => `${results[tool].filter((o) => o.found.has(fault)).length}/${runs}`;
  return `| ${fault} | ${expectations[fault][0]} on ${expectations[fault][1]} | ${hit('tollgate')} | ${hit('schemathesis')} |`;
});
const lines = [
  '# tollgate contract vs Schemathesis',
  '',
  `Reference Gin API (examples/albums-api), ${planted.length} planted contract faults in ${faultSets.length - 1} server configurations that do not mask each other, plus a clean server for false alarms. Defaults for both tools (tollgate: seed 1, 25 cases per operation and phase, 4 workers; ${version}: \`schemathesis run <spec> --url <base> -H 'Authorization: Bearer ...'\`). Wall time summed over the ${faultSets.length} server configurations, median of ${runs} run(s), on a shared 2-core machine.`,
  '',
  '| tool | planted faults found | false alarms (clean server) | wall time |',
  '| --- | --- | --- | --- |',
  row('tollgate'),
  row('schemathesis'),
  '',
  '| fault | expected | tollgate | schemathesis |',
  '| --- | --- | --- | --- |',
  ...perFault,
  '',
  `False alarms, last run: tollgate: ${results.tollgate.at(-1)?.alarmList.join('; ') || 'none'}; schemathesis: ${results.schemathesis.at(-1)?.alarmList.join('; ') || 'none'}.`,
  '',
];
const text = lines.join('\n');
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/contract-vs-schemathesis.md'), text);
process.stdout.write(text);
