import { Gauge, type Registry } from 'prom-client';
import type { RunModel } from '../run/model.ts';

/**
 * `tollgate watch`: the switch window as series, so a dashboard can show what
 * each deploy cost: requests sent in the window, failures by kind, how long
 * failures lasted, the command's exit code and whether a rollback ran and
 * traffic recovered after it.
 */
export function watchSeries(model: RunModel, registers: Registry[]): void {
  const watch = model.watch;
  if (!watch) return;
  const at = { profile: watch.profile };
  const w = watch.window;
  new Gauge({
    name: 'tollgate_watch_window_requests',
    help: 'Requests sent in the switch window (command start to the end of the load).',
    labelNames: ['profile'],
    registers,
  }).set(at, w.requests);
  const errors = new Gauge({
    name: 'tollgate_watch_window_errors',
    help: 'Failed requests in the switch window by kind (5xx, 4xx, timeout, refused, reset).',
    labelNames: ['profile', 'kind'],
    registers,
  });
  const kinds = {
    '5xx': w.errors.http5xx,
    '4xx': w.errors.http4xx,
    timeout: w.errors.timeouts,
    refused: w.errors.refused,
    reset: w.errors.resets,
  };
  for (const [kind, count] of Object.entries(kinds)) errors.set({ ...at, kind }, count);
  new Gauge({
    name: 'tollgate_watch_error_window_seconds',
    help: 'From the first to the last failed request of the switch window (0 without failures).',
    labelNames: ['profile'],
    registers,
  }).set(at, w.firstErrorMs === undefined ? 0 : ((w.lastErrorMs ?? w.firstErrorMs) - w.firstErrorMs) / 1000);
  if (watch.command?.exitCode != null)
    new Gauge({
      name: 'tollgate_watch_command_exit_code',
      help: 'Exit code of the deploy command.',
      labelNames: ['profile'],
      registers,
    }).set(at, watch.command.exitCode);
  new Gauge({
    name: 'tollgate_watch_rolled_back',
    help: '1 when --on-fail ran, else 0.',
    labelNames: ['profile'],
    registers,
  }).set(at, watch.rollback ? 1 : 0);
  if (watch.rollback?.recovered != null)
    new Gauge({
      name: 'tollgate_watch_recovered',
      help: '1 when no request failed from 1 s after the rollback to the end, else 0.',
      labelNames: ['profile'],
      registers,
    }).set(at, watch.rollback.recovered ? 1 : 0);
}
