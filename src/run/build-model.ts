import { isAbsolute, relative } from 'node:path';
import type { LoadedSpec } from '../spec/types.ts';
import type { GateResult, RunModel, Verdict } from './model.ts';
import type { StagesRun } from './run-stages.ts';

export interface RunModelInput {
  id: string;
  env: string;
  baseURL: string;
  startedAt: Date;
  durationMs: number;
  toolVersion: string;
  git?: RunModel['git'];
  spec?: LoadedSpec;
  run: StagesRun;
  /** Spec paths are shown relative to this folder (the config's). */
  root?: string;
  /** Unreliable gates do not fail the verdict. Default: false. */
  allowUnreliable?: boolean;
}

/** Joins the stages' outcomes into the one run model every report renders. */
export function buildRunModel(input: RunModelInput): RunModel {
  const { run } = input;
  const gates: GateResult[] = run.outcomes.flatMap((o) => o.gates ?? []);
  const loads = run.outcomes.flatMap((o) => (o.load ? [o.load] : []));
  const contract = run.outcomes.find((o) => o.contract)?.contract;
  const suites = run.outcomes.find((o) => o.suites);
  const diff = run.outcomes.find((o) => o.diff)?.diff;
  const watch = run.outcomes.find((o) => o.watch)?.watch;
  const compare = run.outcomes.find((o) => o.compare)?.compare;
  const model: RunModel = {
    schemaVersion: 1,
    id: input.id,
    env: input.env,
    baseURL: withoutCredentials(input.baseURL),
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    tool: { name: 'tollgate', version: input.toolVersion },
    verdict: runVerdict(run, gates, input.allowUnreliable ?? false),
    stages: run.stages,
    gates,
  };
  if (input.git) model.git = input.git;
  if (input.spec) {
    const s = input.spec;
    const inside = input.root && isAbsolute(s.source) ? relative(input.root, s.source) : undefined;
    const source = inside && !inside.startsWith('..') ? inside : s.source;
    model.spec = { source, title: s.title, version: s.apiVersion, format: specFormat(s) };
  }
  if (run.aborted) model.aborted = run.aborted;
  if (contract) model.contract = contract;
  if (loads.length > 0) model.load = loads;
  if (suites?.suites) model.suites = suites.suites;
  if (diff) model.diff = diff;
  if (watch) model.watch = watch;
  if (compare) model.compare = compare;
  if (suites?.playwrightReport) model.playwrightReport = suites.playwrightReport;
  return model;
}

function runVerdict(run: StagesRun, gates: GateResult[], allowUnreliable: boolean): Verdict {
  if (run.stages.some((s) => s.verdict === 'error')) return 'error';
  const failed =
    run.stages.some((s) => s.verdict === 'fail') ||
    gates.some((g) => g.verdict === 'fail' || (g.verdict === 'unreliable' && !allowUnreliable));
  return failed ? 'fail' : 'pass';
}

function specFormat(spec: LoadedSpec): string {
  return spec.version === '2.0' ? 'swagger-2.0' : `openapi-${spec.version}`;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
