import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { TollgateError } from '../errors/tollgate-error.ts';

/**
 * Every request of an import, one column per field (about 24 bytes a
 * request, where an object each would cost several times that): the
 * http_req_duration points of all files, appended as they are read.
 */
export class K6Samples {
  private times = new Float64Array(1024);
  private durations = new Float64Array(1024);
  private statuses = new Uint16Array(1024);
  private nameIds = new Uint32Array(1024);
  private timeouts = new Uint8Array(1024);
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  length = 0;

  /** `time`: ms since the epoch; `status` 0 when k6 got no answer; `ms`: http_req_duration. */
  push(time: number, name: string, status: number, ms: number, timedOut: boolean): void {
    if (this.length === this.times.length) this.grow();
    let id = this.nameIndex.get(name);
    if (id === undefined) {
      id = this.names.push(name) - 1;
      this.nameIndex.set(name, id);
    }
    const i = this.length++;
    this.times[i] = time;
    this.durations[i] = ms;
    this.statuses[i] = status;
    this.nameIds[i] = id;
    this.timeouts[i] = timedOut ? 1 : 0;
  }

  time(i: number): number {
    return this.times[i];
  }
  ms(i: number): number {
    return this.durations[i];
  }
  status(i: number): number {
    return this.statuses[i];
  }
  name(i: number): string {
    return this.names[this.nameIds[i]];
  }
  timedOut(i: number): boolean {
    return this.timeouts[i] === 1;
  }

  /** Sample indexes in time order (pods' files interleave). */
  byTime(): Uint32Array {
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort((a, b) => this.times[a] - this.times[b]);
  }

  private grow(): void {
    const n = this.times.length * 2;
    const grown = <T extends Float64Array | Uint16Array | Uint32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.times = grown(this.times, new Float64Array(n));
    this.durations = grown(this.durations, new Float64Array(n));
    this.statuses = grown(this.statuses, new Uint16Array(n));
    this.nameIds = grown(this.nameIds, new Uint32Array(n));
    this.timeouts = grown(this.timeouts, new Uint8Array(n));
  }
}

/** k6's error_code for a request that timed out; any other answerless request is a connection failure. */
const timeoutCode = '1050';

export interface K6File {
  file: string;
  /** http_req_duration points read from this file (they are in the shared K6Samples). */
  points: number;
  /** Points of http_req_failed with value 1. */
  failed: number;
  /** Sum of dropped_iterations points: arrivals k6 could not start (no free VU). */
  droppedIterations: number;
  /** Distinct values of the tags that say which run a file belongs to. */
  tags: { tollgate_profile: Set<string>; tollgate_env: Set<string>; k6_version: Set<string> };
}

interface PointLine {
  type: 'Point';
  metric: string;
  data: { time: string; value: number; tags?: Record<string, string> };
}

/**
 * Reads one file of `k6 run --out json=<file>` line by line (a pod's file can
 * be gigabytes: it is streamed, never held as one string): newline-delimited
 * JSON, a `{"type":"Metric",...}` line per metric and a `{"type":"Point",
 * "metric":...,"data":{"time","value","tags"}}` line per sample (k6's
 * documented JSON output). Its http_req_duration points are appended to
 * `samples`. A file without one measured nothing: that is a user's mistake
 * (exit 2), never an empty pass.
 */
export async function readK6Json(file: string, shown: string, samples: K6Samples): Promise<K6File> {
  if (!existsSync(file)) throw new TollgateError('TG_K6_INPUT', `no such k6 output file: ${shown}`);
  const out: K6File = {
    file: shown,
    points: 0,
    failed: 0,
    droppedIterations: 0,
    tags: { tollgate_profile: new Set(), tollgate_env: new Set(), k6_version: new Set() },
  };
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let i = 0;
  for await (const text of lines) {
    i++;
    if (text.trim() === '') continue;
    let line: { type?: string };
    try {
      line = JSON.parse(text);
    } catch {
      throw new TollgateError('TG_K6_INPUT', `${shown}:${i} is not JSON; expected k6 --out json lines`);
    }
    if (line.type !== 'Point') continue;
    const point = line as PointLine;
    const tags = point.data?.tags ?? {};
    const time = Date.parse(point.data?.time);
    if (!Number.isFinite(time) || typeof point.data.value !== 'number')
      throw new TollgateError(
        'TG_K6_INPUT',
        `${shown}:${i}: a Point needs data.time (RFC 3339) and a numeric data.value`,
      );
    for (const key of ['tollgate_profile', 'tollgate_env', 'k6_version'] as const)
      if (tags[key] !== undefined) out.tags[key].add(tags[key]);
    if (point.metric === 'http_req_failed' && point.data.value === 1) out.failed++;
    if (point.metric === 'dropped_iterations') out.droppedIterations += point.data.value;
    if (point.metric !== 'http_req_duration') continue;
    out.points++;
    samples.push(
      time,
      tags.name ?? tags.url ?? 'unnamed',
      Number(tags.status ?? 0),
      point.data.value,
      tags.error_code === timeoutCode,
    );
  }
  if (out.points === 0)
    throw new TollgateError(
      'TG_K6_INPUT',
      `${shown} has no http_req_duration points: k6 measured nothing there`,
      {
        hint: 'pass the file each pod wrote with k6 run --out json=<file>',
      },
    );
  return out;
}

/** Refuses files that are not of one run: another profile, environment or k6 version than the rest. */
export function assertOneRun(files: K6File[], profile: string, env: string): void {
  const expected: Record<string, string | undefined> = {
    tollgate_profile: profile,
    tollgate_env: env,
    k6_version: undefined,
  };
  for (const key of ['tollgate_profile', 'tollgate_env', 'k6_version'] as const) {
    const seen = new Map<string, string>();
    for (const f of files) for (const value of f.tags[key]) if (!seen.has(value)) seen.set(value, f.file);
    const want = expected[key];
    const other = [...seen].find(([value]) => want !== undefined && value !== want);
    if (other)
      throw new TollgateError(
        'TG_K6_INPUT',
        `${other[1]} is from ${key} "${other[0]}", not "${want}": its samples belong to another run`,
        {
          hint: `import only the files of one run of ${profile} (--profile, --env)`,
        },
      );
    if (seen.size > 1) {
      const [[a, fa], [b, fb]] = [...seen];
      throw new TollgateError(
        'TG_K6_INPUT',
        `${fa} and ${fb} disagree on ${key} ("${a}" vs "${b}"): they are not one run`,
        {
          hint: 'import only the files of one run',
        },
      );
    }
  }
}
