/**
 * Runs tasks with at most `workers` in flight and, when `ratePerSecond` > 0,
 * starts evenly spaced (not a burst per second). Stops taking new tasks once
 * `shouldStop()` says so; tasks already running finish.
 */
export async function runPool<T>(
  items: readonly T[],
  options: { workers: number; ratePerSecond?: number; shouldStop?: () => boolean },
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let nextStart = performance.now();
  const interval = options.ratePerSecond && options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  const worker = async () => {
    while (next < items.length && !options.shouldStop?.()) {
      const index = next++;
      if (interval > 0) {
        const now = performance.now();
        const wait = nextStart - now;
        nextStart = Math.max(now, nextStart) + interval;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (options.shouldStop?.()) return;
      }
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, items.length)) }, worker));
}
