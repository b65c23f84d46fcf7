/**
 * tollgate contract vs Schemathesis on both reference Gin APIs (albums-api,
 * admin-api): planted faults found, false alarms on a clean server, wall
 * time, per API. Installs Schemathesis into .tollgate/schemathesis-venv when
 * missing. Usage:
 *   node --import tsx bench/contract-vs-schemathesis/run.ts [--runs 3] [--api albums-api|admin-api] [--tool tollgate|schemathesis]
 * Prints a table and writes bench/results/contract-vs-schemathesis.md
 * (only with both APIs and both tools).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { adminSpecPath, startAdminApi } from '../../test/support/admin-server.ts';
import { startAlbumsApi } from '../../test/support/albums-server.ts';
import type { GoApi } from '../../test/support/go-api.ts';
import { adminExpectations, adminFaultSets } from './admin-faults.ts';
import { expectations, type FaultSet, faultSets, parseSchemathesis, type StFailure } from './faults.ts';

const root = resolve(import.meta.dirname, '../..');
const venv = join(root, '.tollgate/schemathesis-venv');
const st = join(venv, 'bin/schemathesis');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 1);

/** One reference API, its faults, and how each tool is pointed at it. */
interface BenchApi {
  name: string;
  specPath: string;
  start: (set: FaultSet) => Promise<GoApi>;
  faultSets: FaultSet[];
  expectations: Record<string, [string, string, (f: StFailure) => boolean]>;
  /** What a user of this API puts in tollgate's config; shown in the results. */
  tollgate: ContractOptions;
  tollgateNote: string;
  /** `--url` for Schemathesis: the base URL with the spec's base path, as its docs ask. */
  stUrl: (baseURL: string) => string;
  stArgs: string[];
}

const allApis: BenchApi[] = [
  {
    name: 'albums-api',
    specPath: join(root, 'specs/albums.openapi.yaml'),
    start: (set) => startAlbumsApi(set),
    faultSets,
    expectations,
    tollgate: { maxResponseMs: 1500 },
    tollgateNote: 'defaults and `maxResponseMs: 1500` (slow-offset)',
    stUrl: (baseURL) => baseURL,
    stArgs: ['--max-response-time', '1.5'],
  },
  {
    name: 'admin-api',
    specPath: adminSpecPath,
    start: (set) => startAdminApi(set),
    faultSets: adminFaultSets,
    expectations: adminExpectations,
    tollgate: { envelope: { code: '/code', ok: [0], message: '/msg', data: '/data' }, maxResponseMs: 2000 },
    tollgateNote:
      "`envelope: { code: '/code', ok: [0], message: '/msg', data: '/data' }`, `maxResponseMs: 2000`",
    stUrl: (baseURL) => `${baseURL}/api`,
    stArgs: ['--max-response-time', '2'],
  },
];
const apis = allApis.filter((api) => !arg('--api') || api.name === arg('--api'));

function ensureSchemathesis(): string {
  if (!existsSync(st)) {
    mkdirSync(join(root, '.tollgate'), { recursive: true });
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin/pip'), ['install', '-q', 'schemathesis'], { stdio: 'inherit' });
  }
  return execFileSync(st, ['--version'], { encoding: 'utf8' }).trim();
}

function runSchemathesis(
  api: BenchApi,
  baseURL: string,
  token: string,
): Promise<{ output: string; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(
      st,
      [
        'run',
        api.specPath,
        '--url',
        api.stUrl(baseURL),
        '-H',
        `Authorization: Bearer ${token}`,
        '--no-color',
        ...api.stArgs,
      ],
      { cwd: join(root, '.tollgate'), env: { ...process.env, NO_COLOR: '1' } },
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

/** Findings that fail the gate: errors (a finding without a severity is one). */
const isError = (g: object) => ((g as { severity?: string }).severity ?? 'error') === 'error';

async function measure(api: BenchApi, tool: 'tollgate' | 'schemathesis'): Promise<Outcome> {
  const outcome: Outcome = { found: new Set(), falseAlarms: 0, ms: 0, alarmList: [] };
  const spec = await loadSpec(api.specPath);
  for (const set of api.faultSets) {
    const server = await api.start(set);
    try {
      if (tool === 'tollgate') {
        const started = performance.now();
        const run = await runContract({
          spec,
          baseURL: server.baseURL,
          headers: { authorization: `Bearer ${server.token}` },
          secrets: [{ value: server.token, envName: 'TOLLGATE_TOKEN' }],
          options: api.tollgate,
        });
        outcome.ms += performance.now() - started;
        for (const fault of set.faults) {
          const [check, operation] = api.expectations[fault];
          if (run.findings.some((f) => f.check === check && f.operation === operation))
            outcome.found.add(fault);
        }
        if (set.faults.length === 0) {
          const errors = run.groups.filter(isError);
          outcome.falseAlarms += errors.length;
          outcome.alarmList.push(...errors.map((g) => `${g.check} ${g.operation}`));
        }
      } else {
        const { output, ms } = await runSchemathesis(api, server.baseURL, server.token);
        outcome.ms += ms;
        const failures = parseSchemathesis(output);
        for (const fault of set.faults)
          if (failures.some(api.expectations[fault][2])) outcome.found.add(fault);
        if (set.faults.length === 0) {
          outcome.falseAlarms += failures.length;
          outcome.alarmList.push(...failures.map((f) => `${f.code} ${f.title} (${f.section})`));
        }
      }
    } finally {
      await server.stop();
    }
  }
  return outcome;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const tools = (['tollgate', 'schemathesis'] as const).filter((t) => !arg('--tool') || t === arg('--tool'));
type Tool = 'tollgate' | 'schemathesis';
const version = tools.includes('schemathesis') ? ensureSchemathesis() : 'schemathesis (not run)';
const results = new Map<string, Record<Tool, Outcome[]>>();
for (const api of apis) results.set(api.name, { tollgate: [], schemathesis: [] });
for (let i = 0; i < runs; i++) {
  for (const api of apis) {
    for (const tool of tools) {
      process.stderr.write(`run ${i + 1}/${runs}: ${api.name} ${tool}...\n`);
      results.get(api.name)![tool].push(await measure(api, tool));
    }
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const lines = [
  '# tollgate contract vs Schemathesis',
  '',
  `Both reference Gin APIs, each with planted contract faults in server configurations that do not mask each other, plus a clean server for false alarms. tollgate: seed 1, 25 cases per operation and phase, 4 workers; ${version}: \`schemathesis run <spec> --url <base> -H 'Authorization: Bearer ...'\`. A false alarm is an error finding on the clean server (tollgate: warnings and spec warnings do not count; Schemathesis has no severities). Wall time summed over an API's server configurations, median of ${runs} run(s), on a shared 2-core machine.`,
  '',
  '| API | tool | planted faults found | false alarms (clean server) | wall time | Schemathesis time / tollgate time |',
  '| --- | --- | --- | --- | --- | --- |',
];
const sections: string[] = [];
for (const api of apis) {
  const r = results.get(api.name)!;
  const planted = api.faultSets.flatMap((s) => s.faults);
  const ms = (tool: Tool) => median(r[tool].map((o) => o.ms));
  for (const tool of tools) {
    const found = median(r[tool].map((o) => o.found.size));
    const ratio = tool === 'tollgate' ? `${(ms('schemathesis') / ms('tollgate')).toFixed(1)}x` : '';
    lines.push(
      `| ${api.name} | ${tool} | ${found}/${planted.length} | ${median(r[tool].map((o) => o.falseAlarms))} | ${seconds(ms(tool))} | ${ratio} |`,
    );
  }
  const hit = (tool: Tool, fault: string) => `${r[tool].filter((o) => o.found.has(fault)).length}/${runs}`;
  sections.push(
    '',
    `## ${api.name}`,
    '',
    `Spec \`${api.specPath.slice(root.length + 1)}\`; tollgate options: ${api.tollgateNote}; Schemathesis: \`--url ${api.stUrl('<base>')}\`${api.stArgs.length ? ` \`${api.stArgs.join(' ')}\`` : ''}. Configurations: ${api.faultSets.map((s) => `${s.name} (${s.faults.join(', ') || 'no faults'})`).join('; ')}.`,
    '',
    '| fault | expected | tollgate | schemathesis |',
    '| --- | --- | --- | --- |',
    ...planted.map(
      (fault) =>
        `| ${fault} | ${api.expectations[fault][0]} on ${api.expectations[fault][1]} | ${hit('tollgate', fault)} | ${hit('schemathesis', fault)} |`,
    ),
    '',
    `False alarms, last run: tollgate: ${r.tollgate.at(-1)?.alarmList.join('; ') || 'none'}; schemathesis: ${r.schemathesis.at(-1)?.alarmList.join('; ') || 'none'}.`,
  );
}
const text = [...lines, ...sections, ''].join('\n');
if (apis.length > 1 && tools.length > 1) {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/contract-vs-schemathesis.md'), text);
}
process.stdout.write(text);
