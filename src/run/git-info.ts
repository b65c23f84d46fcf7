import { execFileSync } from 'node:child_process';
import type { RunModel } from './model.ts';

/** The commit under test, from git or CI variables; undefined outside a repository. */
export function gitInfo(cwd: string, env: NodeJS.ProcessEnv = process.env): RunModel['git'] {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || git('rev-parse', '--abbrev-ref', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return { commit, branch: branch === 'HEAD' ? undefined : branch, dirty };
  } catch {
    return env.GITHUB_SHA ? { commit: env.GITHUB_SHA, branch: env.GITHUB_REF_NAME } : undefined;
  }
}
