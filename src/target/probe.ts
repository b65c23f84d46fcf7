import { TollgateError } from '../errors/tollgate-error.ts';

/** One GET to the base URL: any HTTP answer means reachable; a network error means not. */
export async function probeTarget(baseURL: string, timeoutMs = 5000): Promise<void> {
  try {
    const response = await fetch(baseURL, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    throw new TollgateError('TG_UNREACHABLE', `cannot reach ${baseURL} (${networkReason(error)})`);
  }
}

/**
 * What went wrong, in the network's words: `ECONNREFUSED`, `bad port`,
 * `timed out after 5000 ms`. Never the JavaScript class (`TypeError`), which
 * tells a user nothing.
 */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string' && cause.message !== '') return cause.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timed out';
  return error instanceof Error && error.message !== '' ? error.message : 'network error';
}
