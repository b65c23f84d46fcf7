/** The run's window, epoch milliseconds. */
export interface QueryWindow {
  startMs: number;
  endMs: number;
}

/**
 * Fills the placeholders Flagger's and Argo Rollouts' metric templates have:
 * `{{window}}` is the run's duration as a PromQL range (`37s`, rounded up to
 * whole seconds), `{{start}}` and `{{end}}` its bounds in unix seconds.
 * Spaces inside the braces are allowed (`{{ window }}`).
 */
export function renderQuery(expr: string, window: QueryWindow): string {
  const values: Record<string, string> = {
    window: promRange(window.endMs - window.startMs),
    start: unixSeconds(window.startMs),
    end: unixSeconds(window.endMs),
  };
  return expr.replace(/\{\{\s*(window|start|end)\s*\}\}/g, (_, name: string) => values[name]);
}

/** `36.2 s` -> `37s`; never below `1s`. */
function promRange(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

export function unixSeconds(ms: number): string {
  return String(Math.round(ms / 1000));
}
