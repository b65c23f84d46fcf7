/** The run's window, epoch milliseconds. */
export interface QueryWindow {
  startMs: number;
  endMs: number;
}

/**
 * Fills the placeholders Flagger's and Argo Rollouts' metric templates have:
 * `{{window}}` is the run's duration as a PromQL range (`37s`, rounded up to
 * whole seconds), `{{start}}` and `{{end}}` its bounds in unix seconds; a
 * compared side adds its own (`{{side}}`, `{{instance}}`). Spaces inside the
 * braces are allowed (`{{ window }}`); other braces stay as written.
 */
export function renderQuery(expr: string, window: QueryWindow, labels: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    window: promRange(window.endMs - window.startMs),
    start: unixSeconds(window.startMs),
    end: unixSeconds(window.endMs),
    ...labels,
  };
  return expr.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `36.2 s` -> `37s`; never below `1s`. */
function promRange(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

export function unixSeconds(ms: number): string {
  return String(Math.round(ms / 1000));
}
