import { isTollgateError, TollgateError } from '../errors/tollgate-error.ts';
import { loadSpec } from '../spec/load-spec.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type { Side } from './interleaved-traffic.ts';

/**
 * Reads the spec each side serves and throws TG_COMPARE_MISMATCH (exit 2,
 * one line) when they describe different APIs: another title or
 * `info.version`, or operations only one of them has. Comparing two
 * different APIs would judge the difference between them, not the build.
 */
export async function assertSameApi(served: Record<Side, string>, cwd: string): Promise<void> {
  const read = async (side: Side): Promise<LoadedSpec> => {
    try {
      return await loadSpec(served[side], { cwd });
    } catch (error) {
      if (!isTollgateError(error)) throw error;
      throw new TollgateError(error.code, `the ${side}'s served spec: ${error.message}`, {
        hint: error.hint,
      });
    }
  };
  const [baseline, candidate] = await Promise.all([read('baseline'), read('candidate')]);
  const name = (s: LoadedSpec) => `"${s.title}" ${s.apiVersion}`;
  if (baseline.title !== candidate.title || baseline.apiVersion !== candidate.apiVersion) {
    throw new TollgateError(
      'TG_COMPARE_MISMATCH',
      `the baseline serves ${name(baseline)} (${served.baseline}) and the candidate ${name(candidate)} (${served.candidate})`,
    );
  }
  const keys = (s: LoadedSpec) => new Set(s.operations.map((op) => op.key));
  const b = keys(baseline);
  const c = keys(candidate);
  const onlyIn = (a: Set<string>, other: Set<string>) => [...a].filter((k) => !other.has(k));
  const added = onlyIn(c, b);
  const removed = onlyIn(b, c);
  if (added.length || removed.length) {
    const list = (ops: string[]) =>
      `${ops.slice(0, 3).join(', ')}${ops.length > 3 ? `, +${ops.length - 3} more` : ''}`;
    const parts = [
      ...(added.length ? [`only the candidate has ${list(added)}`] : []),
      ...(removed.length ? [`only the baseline has ${list(removed)}`] : []),
    ];
    throw new TollgateError(
      'TG_COMPARE_MISMATCH',
      `baseline and candidate serve ${name(baseline)} with different operations: ${parts.join('; ')} (${served.baseline}, ${served.candidate})`,
    );
  }
}
