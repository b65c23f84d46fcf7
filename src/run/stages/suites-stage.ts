import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SuiteResult } from '../model.ts';
import { readPlaywrightJson } from './playwright-json.ts';
import type { StageRunner } from './types.ts';

/**
 * `suites` / `{ suites: [...] }`: runs the Playwright suites (project = the
 * environment) against the already-running target. The HTML report goes to
 * `<run>/playwright/`, results are read back from Playwright's JSON reporter.
 */
export const suitesStage: StageRunner = async (ctx, stage) => {
  const { target } = ctx;
  const filters = typeof stage === 'object' && 'suites' in stage ? stage.suites : [];
  const htmlDir = join(ctx.runDir, 'playwright');
  const jsonFile = join(ctx.runDir, 'playwright.json');
  const args = ['playwright', 'test', `--project=${target.envName}`, ...filters];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOLLGATE_ENV: target.envName,
    TOLLGATE_BASE_URL: target.baseURL,
    PLAYWRIGHT_HTML_OUTPUT_DIR: htmlDir,
    PLAYWRIGHT_HTML_REPORT: htmlDir,
    PLAYWRIGHT_HTML_OPEN: 'never',
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
    TOLLGATE_PLAYWRIGHT_OUTPUT: join(ctx.runDir, 'playwright-output'),
  };
  // The contract suite reads the contract stage's result instead of running the engine again.
  const contractResult = join(ctx.runDir, 'contract.json');
  if (existsSync(contractResult)) env.TOLLGATE_CONTRACT_RESULT = contractResult;
  const started = Date.now();
  const { code, tail } = await runChild('npx', args, ctx.root, env, ctx.signal, ctx.log);
  const durationMs = Date.now() - started;
  const suites: SuiteResult | undefined = existsSync(jsonFile)
    ? readPlaywrightJson(JSON.parse(readFileSync(jsonFile, 'utf8')), ctx.root)
    : undefined;
  const playwrightReport = existsSync(join(htmlDir, 'index.html'))
    ? relative(ctx.runDir, join(htmlDir, 'index.html'))
    : undefined;
  if (!suites) {
    return {
      verdict: 'error',
      summary: `playwright exited ${code} without results`,
      error: tail.trim().split('\n').slice(-3).join(' | ') || `exit code ${code}`,
      playwrightReport,
    };
  }
  suites.durationMs ||= durationMs;
  const failed = suites.failed > 0 || (code !== 0 && suites.tests.length === 0);
  return {
    verdict: failed ? 'fail' : 'pass',
    summary: `${suites.passed} passed, ${suites.failed} failed, ${suites.skipped} skipped`,
    suites,
    playwrightReport,
  };
};

/** Runs a child with output streamed to the log; killed (its group) when the gate is aborted. */
function runChild(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<{ code: number | null; tail: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let tail = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(`  ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    signal.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      signal.removeEventListener('abort', kill);
      done({ code: null, tail: `${tail}\n${error.message}` });
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', kill);
      done({ code, tail });
    });
  });
}
