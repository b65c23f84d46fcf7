import { validateResponse } from '../../checks/validate-response.ts';
import type { Envelope } from '../../config/types.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { CreatedLedger } from '../cleanup/created-ledger.ts';
import { Recorder } from '../metrics/recorder.ts';
import { ContractSampler, type ResponseValidator } from '../plan/contract-sampler.ts';
import { RequestPlan, type ScenarioInput } from '../plan/request-plan.ts';
import type { LoadedProfile } from '../profile/loaded-profile.ts';
import { buildSchedule, type Overrides, type Schedule, stageAt } from '../profile/stages.ts';
import { type Shard, shardSchedule } from '../shard/shard.ts';

export interface PrepareInput {
  profile: LoadedProfile;
  baseURL: string;
  headers?: Record<string, string>;
  spec?: LoadedSpec;
  overrides?: Overrides;
  validate?: ResponseValidator | false;
  envelope?: Envelope | false;
  /** This process's slice of a sharded run (closed model: its share of the connections). */
  shard?: Shard;
  /** Closed model on worker threads: this thread's slice of the process's connections. */
  thread?: Shard;
}

/** What one process (or worker thread) needs to generate a profile's load. */
export function prepareRun(options: PrepareInput) {
  const p = options.profile.options;
  // The open model splits arrivals, not the schedule (see arrivalShare); the closed model splits
  // connections: over the shards (processes), then over the process's worker threads.
  const closed = p.model === 'closed';
  const source = options.profile.source;
  const process = shardSchedule(
    buildSchedule(p, options.overrides),
    closed ? options.shard : undefined,
    source,
  );
  const schedule = shardSchedule(process, closed ? options.thread : undefined, source);
  const url = new URL(options.baseURL);
  const basePath = options.spec?.basePath ?? '';
  let prefix = url.pathname.replace(/\/+$/, '');
  if (basePath && !prefix.endsWith(basePath)) prefix += basePath;
  const plan = new RequestPlan(p.requests as ScenarioInput[], {
    spec: options.spec,
    prefix,
    headers: lowerKeys(options.headers ?? {}),
    seed: p.seed ?? 1,
  });
  const spec = options.spec;
  const validate =
    options.validate === false
      ? undefined
      : (options.validate ??
        (spec ? (op, exchange) => validateResponse(spec, op, exchange).length : undefined));
  const gateWindow = p.gateWindow ?? 'measured';
  return {
    schedule,
    url,
    plan,
    recorder: new Recorder(p.model === 'open', plan.expectedStatuses()),
    sampler: new ContractSampler(p.contractSample ?? 0.01, validate, p.seed ?? 1),
    gateWindow,
    prefix,
    // Without a spec no DELETE can be found for what was created: nothing to record.
    created: spec && p.cleanup !== false ? new CreatedLedger() : undefined,
    counted: (t: number) => inWindow(schedule, t, gateWindow),
  };
}

function inWindow(schedule: Schedule, t: number, window: 'measured' | 'steady'): boolean {
  const stage = stageAt(schedule, t);
  if (!stage) return t >= schedule.warmupMs;
  return window === 'steady' ? stage.kind === 'steady' : stage.kind !== 'warmup';
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
