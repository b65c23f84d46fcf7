/** Where a Prometheus is and how to talk to it (header values are never printed). */
export interface PrometheusEndpoint {
  url: string;
  headers: Record<string, string>;
}

/** One instant query's outcome: a single number, or why there is none. */
export type InstantResult =
  | { ok: true; value: number }
  | {
      ok: false;
      problem: 'unreachable' | 'denied' | 'invalid' | 'error' | 'empty' | 'shape';
      message: string;
    };

/**
 * Runs one instant query through Prometheus's HTTP API (`POST
 * /api/v1/query`, form-encoded so long expressions fit) at `timeSec`. A
 * scalar, or a vector of exactly one series, is a value; anything else says
 * why it measured nothing. Never throws.
 */
export async function queryInstant(
  endpoint: PrometheusEndpoint,
  query: string,
  timeSec: number,
  timeoutMs = 10_000,
): Promise<InstantResult> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.url}/api/v1/query`, {
      method: 'POST',
      headers: { ...endpoint.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query, time: String(timeSec) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      problem: 'unreachable',
      message: `Prometheus at ${endpoint.url} is unreachable (${cause ?? (error as Error).message})`,
    };
  }
  const text = await response.text();
  let body: PrometheusBody;
  try {
    body = JSON.parse(text) as PrometheusBody;
  } catch {
    const denied = response.status === 401 || response.status === 403;
    return {
      ok: false,
      problem: denied ? 'denied' : 'error',
      message: `Prometheus at ${endpoint.url} answered ${response.status} without JSON (${text.slice(0, 80).trim()})`,
    };
  }
  if (body.status !== 'success') {
    const invalid = body.errorType === 'bad_data' && /parse error/.test(body.error ?? '');
    return {
      ok: false,
      problem: invalid ? 'invalid' : 'error',
      message: `Prometheus answered ${response.status} ${body.errorType ?? 'error'}: ${body.error ?? 'no message'}`,
    };
  }
  return readValue(body.data);
}

interface PrometheusBody {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

function readValue(data: PrometheusBody['data']): InstantResult {
  if (data?.resultType === 'scalar') return fromSample(data.result as [number, string]);
  if (data?.resultType !== 'vector')
    return {
      ok: false,
      problem: 'shape',
      message: `the result is a ${data?.resultType ?? 'nothing'}, not one number (write an instant vector or scalar)`,
    };
  const series = data.result as { metric: Record<string, string>; value: [number, string] }[];
  if (series.length === 0)
    return {
      ok: false,
      problem: 'empty',
      message: 'Prometheus returned no series (nothing matched in the window)',
    };
  if (series.length > 1) {
    const labels = series
      .slice(0, 3)
      .map((s) => JSON.stringify(s.metric))
      .join(', ');
    return {
      ok: false,
      problem: 'shape',
      message: `the result has ${series.length} series (${labels}${series.length > 3 ? ', ...' : ''}), not one; aggregate it, e.g. with sum()`,
    };
  }
  return fromSample(series[0].value);
}

function fromSample(sample: [number, string]): InstantResult {
  const value = Number(sample[1]);
  if (!Number.isFinite(value))
    return {
      ok: false,
      problem: 'empty',
      message: `the value is ${sample[1]} (e.g. 0/0: no requests in the window)`,
    };
  return { ok: true, value };
}
