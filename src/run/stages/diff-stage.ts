import { runDiff } from '../../diff/run-diff.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { diffSummary } from '../../report/diff-text.ts';
import type { StageRunner } from './types.ts';

/**
 * `diff`: the spec the environment serves (base: what clients use today)
 * against the repo's (revision: what this change deploys). Fails on a
 * finding at `diff.failOn` (default ERR) that the ignore file does not accept.
 */
export const diffStage: StageRunner = async (ctx) => {
  const { env, baseURL, spec } = ctx.target;
  if (!env.diff) {
    throw new TollgateError(
      'TG_CONFIG_INVALID',
      `environments.${env.name}.diff.deployedSpec is required by the diff stage`,
      { hint: "add diff: { deployedSpec: '/swagger/doc.json' } (a URL or a path on baseURL)" },
    );
  }
  const deployed = /^https?:\/\//i.test(env.diff.deployedSpec)
    ? env.diff.deployedSpec
    : new URL(env.diff.deployedSpec, `${baseURL}/`).href;
  const diff = await runDiff({
    base: deployed,
    revision: spec.source,
    cwd: ctx.root,
    failOn: env.diff.failOn,
    ignoreFile: env.diff.ignore,
  });
  return { verdict: diff.failed ? 'fail' : 'pass', summary: diffSummary(diff), diff };
};
