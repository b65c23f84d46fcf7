import type { UserEnvironment } from '../config/types.ts';
import { parseGateSet } from '../gates/parse-gates.ts';
import type { LoadedProfile } from '../load/profile/loaded-profile.ts';
import { buildSchedule } from '../load/profile/stages.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { k6Credentials } from './k6-credentials.ts';
import { k6Scenario } from './k6-scenarios.ts';
import { k6Script } from './k6-script.ts';
import { k6Mix } from './k6-steps.ts';
import { k6Thresholds } from './k6-thresholds.ts';

export interface K6Export {
  script: string;
  /** Variables the script reads besides BASE_URL (credentials). */
  variables: string[];
  /** One line each: what the k6 run will not do as `tollgate load` does. */
  notices: string[];
}

/** A profile, one environment's gates and credentials, and the spec -> a k6 script. */
export function exportK6(input: {
  profile: LoadedProfile;
  envName: string;
  env: UserEnvironment;
  spec: LoadedSpec;
  command: string;
}): K6Export {
  const { profile, envName } = input;
  const p = profile.options;
  const gates = parseGateSet(p.gates?.[envName], `${profile.source}: gates.${envName}`);
  const schedule = buildSchedule(p);
  const abort = abortOnFail(p.abortOnFail, schedule.warmupMs);
  const thresholds = k6Thresholds(gates, abort && { delayAbortEval: abort.delayAbortEval });
  const notices = thresholds.dropped.map(
    (d) => `gate ${d.gate} ${d.threshold} is not in the k6 script: ${d.reason}`,
  );
  if (gates.length === 0)
    notices.push(`${profile.source} has no gates for "${envName}": the script has no thresholds`);
  if (schedule.warmupMs > 0 || p.gateWindow === 'steady')
    notices.push(
      `k6 judges thresholds over the whole run, warm-up included (tollgate judges ${p.gateWindow === 'steady' ? 'steady stages only' : 'after the warm-up'}); tollgate import k6 judges as tollgate does`,
    );
  if (abort)
    notices.push(
      `abortOnFail: k6 aborts at the first breach after ${abort.delayAbortEval}, not after ${abort.afterSec}s of breach`,
    );
  if (p.model === 'open')
    notices.push(
      'k6 measures latency from the actual send; tollgate gates the open model on latency from the planned send',
    );
  const creates = p.requests.some((r) =>
    ('steps' in r && r.steps ? r.steps : [r as { method: string }]).some((s) => s.method === 'post'),
  );
  if (creates && p.cleanup !== false)
    notices.push('the k6 script does not delete what its POSTs create (tollgate load does after its run)');
  const credentials = k6Credentials(input.env);
  const script = k6Script({
    command: input.command,
    profileName: profile.name,
    envName,
    source: profile.source,
    scenario: k6Scenario(profile),
    thresholds,
    credentials,
    basePath: input.spec.basePath,
    timeoutMs: p.timeoutMs ?? 10_000,
    mix: k6Mix(profile, input.spec.operations),
  });
  return { script, variables: credentials.variables, notices };
}

/** tollgate's abortOnFail as k6's: abort at a breach once warm-up and grace are over. */
function abortOnFail(option: LoadedProfile['options']['abortOnFail'], warmupMs: number) {
  if (!option) return undefined;
  const o = option === true ? {} : option;
  const graceSec = o.graceSec ?? 5;
  return { delayAbortEval: `${warmupMs / 1000 + graceSec}s`, afterSec: o.afterSec ?? 3 };
}
