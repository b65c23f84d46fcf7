import { TollgateError } from '../errors/tollgate-error.ts';

/** One GET to the base URL: any HTTP answer means reachable; a network error means not. */
export async function probeTarget(baseURL: string, timeoutMs = 5000): Promise<void> {
  try {
    const response = await fetch(baseURL, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new TollgateError('TG_UNREACHABLE', `cannot reach ${baseURL} (${cause})`);
  }
}
