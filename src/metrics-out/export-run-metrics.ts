import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pushgateway } from 'prom-client';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { RunModel } from '../run/model.ts';
import { runRegistry } from './run-registry.ts';

/** The OpenMetrics file every run writes into its folder (node_exporter's textfile collector reads it). */
const METRICS_FILE = 'metrics.prom';

export async function writeRunMetrics(dir: string, model: RunModel): Promise<string> {
  const file = join(dir, METRICS_FILE);
  writeFileSync(file, await runRegistry(model, 'openmetrics').metrics());
  return file;
}

/** `--push URL`: an http(s) URL of a Pushgateway, checked before the run starts. */
export function parsePushUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new TollgateError(
      'TG_USAGE',
      `--push must be a Pushgateway URL like http://127.0.0.1:9091, got "${value}"`,
    );
  if (url.username || url.password)
    throw new TollgateError(
      'TG_USAGE',
      `--push ${url.protocol}//***@${url.host}${url.pathname}: credentials do not go in the URL (it is printed); name env vars in environments.<env>.pushgateway.auth`,
    );
  return url;
}

/** Where a run pushes: the URL and the headers (credentials, never printed). */
export interface PushTarget {
  url: URL;
  headers: Record<string, string>;
  /** Where the credentials come from, for the message when they are refused. */
  authFrom: string;
}

/**
 * Replaces the group `job="tollgate", env, command` on the Pushgateway with
 * this run's series (PUT: a run's findings that are gone must not linger).
 * Unreachable or refused is TG_PUSH_FAILED (exit 3); the run's files are
 * written before, whatever happens here.
 */
export async function pushRunMetrics(push: PushTarget, model: RunModel, command: string): Promise<void> {
  const { url, headers } = push;
  const gateway = new Pushgateway(url.href, { timeout: 10_000, headers }, runRegistry(model, 'prometheus'));
  try {
    await gateway.push({ jobName: 'tollgate', groupings: { env: model.env, command } });
  } catch (error) {
    const message = (error as Error).message;
    const status = /^push failed with status (\d+)/.exec(message)?.[1];
    if (status === '401' || status === '403')
      throw new TollgateError(
        'TG_PUSH_FAILED',
        `the Pushgateway at ${url.href} refused the push (${status}): ${headers.authorization ? `check the credentials of ${push.authFrom}` : `it wants credentials: set ${push.authFrom}`}`,
        { hint: "the run's reports and metrics.prom were written" },
      );
    const reason = message.split('\n')[0] || (error as NodeJS.ErrnoException).code;
    throw new TollgateError('TG_PUSH_FAILED', `could not push the run's metrics to ${url.href}: ${reason}`);
  }
}
