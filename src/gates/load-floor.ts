import { type GateResult, leftoverText, reasonsText } from '../run/model.ts';

export interface LoadFloorInput {
  /** Profile name and file, for the one line that names them. */
  profile: string;
  source: string;
  /** The environment whose gates judged the run. */
  env: string;
  /** How many gates the profile has for `env`. */
  gates: number;
  /** Answered requests, answers with a status the profile did not expect, and every status seen. */
  requests: number;
  unexpected: number;
  statusCodes: Record<string, number>;
  /** What cleanup left on the server after the run (how many, and why with how many), when it ran. */
  leftover?: { count: number; reasons?: Record<string, number> };
}

/**
 * The gates every load run has whatever its profile says, so that a run
 * which judged nothing, or measured only answers nobody wanted, is never a
 * pass: a profile with no gates for the environment is "not judged", and a
 * run in which no answer had an expected status (all 302s, all 404s)
 * measured nothing the API was meant to do; a run whose cleanup left
 * created resources on the server did not leave it as found (the contract
 * run fails on that too). Pure.
 */
export function loadFloor(input: LoadFloorInput): GateResult[] {
  const scope = `load:${input.profile}`;
  const floor: GateResult[] = [];
  if (input.gates === 0) {
    floor.push({
      name: 'gates',
      scope,
      threshold: `defined for "${input.env}"`,
      measured: null,
      measuredText: 'none',
      verdict: 'fail',
      note: `not judged: profile "${input.profile}" (${input.source}) has no gates for environment "${input.env}"; add gates.${input.env} to it`,
    });
  }
  if (input.requests > 0 && input.unexpected === input.requests) {
    const seen = Object.entries(input.statusCodes)
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ');
    floor.push({
      name: 'answers.expected',
      scope,
      threshold: '>0',
      measured: 0,
      measuredText: `0 of ${input.requests}`,
      verdict: 'fail',
      note: `no answer had an expected status (got ${seen}; a request expects 2xx unless it lists its statuses in \`expect\`)`,
    });
  }
  const left = input.leftover;
  if (left && left.count > 0) {
    const why = reasonsText(left.reasons);
    floor.push({
      name: 'cleanup.leftover',
      scope,
      threshold: '==0',
      measured: left.count,
      measuredText: String(left.count),
      verdict: 'fail',
      note: `${leftoverText({ leftover: left.count })}${why ? ` (${why})` : ''}; a curl per leftover is in load.json`,
    });
  }
  return floor;
}
