import type { CreatedResources } from './created-ledger.ts';

/** What the load report says about cleanup. */
export interface CleanupSummary {
  /** Resources the run created that the spec can delete (overflowed ones included). */
  created: number;
  /** Deleted, or already gone (404/410). */
  deleted: number;
  /** created - deleted: still there after the run. */
  leftover: number;
  /** Created past the ledger's cap: not recorded, so not deleted. */
  overflowed?: number;
  /** POSTs that got no answer (timeout, cut off at the end): may have created something cleanup cannot know of. */
  unconfirmed?: number;
  /** The first few DELETEs that failed or ran out of time, with why. */
  leftoverSample?: string[];
}

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
}

/**
 * Deletes what a load run created, a few at a time within a time budget,
 * after the measured run (nothing here reaches metrics, timeline or gates).
 * Never throws: failures are counted as leftovers.
 */
export async function deleteCreated(
  created: CreatedResources,
  options: DeleteOptions,
): Promise<CleanupSummary> {
  const deadline = Date.now() + options.budgetMs;
  const queue = created.resources;
  const failures: string[] = [];
  let next = 0;
  let deleted = 0;
  const headers = Object.fromEntries(
    Object.entries(options.headers).filter(
      ([k]) => !['content-type', 'content-length'].includes(k.toLowerCase()),
    ),
  );
  const lane = async () => {
    while (next < queue.length) {
      const resource = queue[next++];
      const left = deadline - Date.now();
      if (left <= 0) {
        failures.push(`${resource.label}: cleanup time budget ran out`);
        continue;
      }
      const url = new URL(resource.path, options.origin);
      if (url.origin !== options.origin) {
        failures.push(`${resource.label}: not on ${options.origin}, not sent`);
        continue;
      }
      try {
        const response = await fetch(url, {
          method: 'DELETE',
          headers,
          redirect: 'manual',
          signal: AbortSignal.timeout(Math.min(options.timeoutMs, left)),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok || response.status === 404 || response.status === 410) deleted++;
        else failures.push(`${resource.label}: ${response.status}`);
      } catch (error) {
        failures.push(
          `${resource.label}: ${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, lane));
  const total = queue.length + created.overflowed;
  return {
    created: total,
    deleted,
    leftover: total - deleted,
    overflowed: created.overflowed || undefined,
    unconfirmed: created.unconfirmed || undefined,
    leftoverSample: failures.length ? failures.slice(0, 5) : undefined,
  };
}
