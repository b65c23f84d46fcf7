import type { Envelope, Secret } from '../../config/types.ts';
import { toCurl } from '../../http/to-curl.ts';
import type { LoadCleanup } from '../../run/model.ts';
import { deleteRefusal } from '../../stateful/delete-refusal.ts';
import type { CreatedResources } from './created-ledger.ts';

/** What the load report says about cleanup (the run model's shape). */
export type CleanupSummary = LoadCleanup;

export interface DeleteOptions {
  /** `http://127.0.0.1:8080`. */
  origin: string;
  /** The load run's headers (auth): sent, never reported. */
  headers: Record<string, string>;
  /** DELETEs in flight at once. Default 8. */
  concurrency?: number;
  /** Time for the whole cleanup, ms; what is left when it runs out stays. */
  budgetMs: number;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /** How the API says no inside a 2xx (`contract.envelope`); without one, `{code != 0, msg}` is detected. */
  envelope?: Envelope | false;
  /** Known credentials: a leftover's curl shows their variable (`$TOLLGATE_TOKEN`), never the value. */
  secrets?: readonly Secret[];
}

type Resource = CreatedResources['resources'][number];

/**
 * Deletes what a load run created within a time budget, after the measured
 * run (nothing here reaches metrics, timeline or gates): newest first, a few
 * at a time, then each DELETE that did not take once more, one at a time. A
 * 2xx whose envelope refuses (`{"code": 7}` inside HTTP 200, read through
 * the configured envelope) is no deletion.
 * Never throws: failures are counted as leftovers, each with why.
 */
export async function deleteCreated(
  created: CreatedResources,
  options: DeleteOptions,
): Promise<CleanupSummary> {
  const deadline = Date.now() + options.budgetMs;
  const failed = new Map<Resource, string>();
  let deleted = 0;
  const headers = Object.fromEntries(
    Object.entries(options.headers).filter(
      ([k]) => !['content-type', 'content-length'].includes(k.toLowerCase()),
    ),
  );
  const attempt = async (resource: Resource, again: boolean) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      if (!again) failed.set(resource, 'cleanup time budget ran out');
      return;
    }
    const url = new URL(resource.path, options.origin);
    if (url.origin !== options.origin) {
      failed.set(resource, `not on ${options.origin}, not sent`);
      return;
    }
    let why: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'DELETE',
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.min(options.timeoutMs, left)),
      });
      const text = await response.text().catch(() => '');
      why = deleteRefusal({ status: response.status, json: parse(text) }, options.envelope);
    } catch (error) {
      why = (error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message;
    }
    if (why === undefined) {
      failed.delete(resource);
      deleted += 1 + (resource.children ?? 0);
    } else failed.set(resource, again ? `${why} (tried twice)` : why);
  };
  const newestFirst = [...created.resources].reverse();
  await inLanes(newestFirst, Math.max(1, options.concurrency ?? 8), (r) => attempt(r, false));
  await inLanes(
    newestFirst.filter((r) => failed.has(r) && !/not sent/.test(failed.get(r) ?? '')),
    1,
    (r) => attempt(r, true),
  );
  const leftovers = [
    ...[...failed].flatMap(([r, why]) =>
      Array.from({ length: 1 + (r.children ?? 0) }, (_, i) =>
        i === 0 ? `${r.label}: ${why}` : `below ${r.label}: ${why}`,
      ),
    ),
    ...created.undeletable.map((u) => `${u.label}: ${u.reason}`),
    ...Array.from({ length: created.overflowed }, () => 'created past the ledger cap: not recorded'),
  ];
  const reasons: Record<string, number> = {};
  for (const line of leftovers) {
    const reason = line.startsWith('created past') ? line : line.slice(line.indexOf(': ') + 2);
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const children = created.resources.reduce((sum, r) => sum + (r.children ?? 0), 0);
  const total = created.resources.length + children + created.undeletable.length + created.overflowed;
  const curls = [...failed].flatMap(([r, why]) =>
    /not sent/.test(why)
      ? []
      : [
          toCurl(
            { method: 'DELETE', url: new URL(r.path, options.origin).href, headers: lowerKeys(headers) },
            options.secrets ?? [],
          ),
        ],
  );
  return {
    created: total,
    deleted,
    leftover: total - deleted,
    overflowed: created.overflowed || undefined,
    unconfirmed: created.unconfirmed || undefined,
    leftoverReasons: leftovers.length ? reasons : undefined,
    leftoverSample: leftovers.length ? leftovers.slice(0, 5) : undefined,
    curls: curls.length ? curls : undefined,
  };
}

async function inLanes<T>(queue: T[], count: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < queue.length) await work(queue[next++]);
  };
  await Promise.all(Array.from({ length: count }, lane));
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
