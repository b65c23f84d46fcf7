import { existsSync, readFileSync } from 'node:fs';
import { TollgateError } from '../errors/tollgate-error.ts';

/** One request as k6's JSON output records it: an `http_req_duration` Point (and its `http_req_failed`). */
export interface K6Sample {
  /** ms since the epoch. */
  time: number;
  /** The `name` tag: the operationId the exported script tags each request with. */
  name: string;
  /** 0 when k6 got no answer. */
  status: number;
  /** http_req_duration, ms. */
  ms: number;
  /** k6's error_code tag (1050 = request timeout), when it set one. */
  errorCode?: string;
}

export interface K6File {
  file: string;
  samples: K6Sample[];
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
 * Reads one file of `k6 run --out json=<file>`: newline-delimited JSON, a
 * `{"type":"Metric",...}` line per metric and a `{"type":"Point","metric":...,
 * "data":{"time","value","tags"}}` line per sample (k6's documented JSON
 * output). A file without one http_req_duration point measured nothing: that
 * is a user's mistake (exit 2), never an empty pass.
 */
export function readK6Json(file: string, shown: string): K6File {
  if (!existsSync(file)) throw new TollgateError('TG_K6_INPUT', `no such k6 output file: ${shown}`);
  const out: K6File = {
    file: shown,
    samples: [],
    failed: 0,
    droppedIterations: 0,
    tags: { tollgate_profile: new Set(), tollgate_env: new Set(), k6_version: new Set() },
  };
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    let line: { type?: string };
    try {
      line = JSON.parse(text);
    } catch {
      throw new TollgateError('TG_K6_INPUT', `${shown}:${i + 1} is not JSON; expected k6 --out json lines`);
    }
    if (line.type !== 'Point') return;
    const point = line as PointLine;
    const tags = point.data?.tags ?? {};
    const time = Date.parse(point.data?.time);
    if (!Number.isFinite(time) || typeof point.data.value !== 'number')
      throw new TollgateError(
        'TG_K6_INPUT',
        `${shown}:${i + 1}: a Point needs data.time (RFC 3339) and a numeric data.value`,
      );
    for (const key of ['tollgate_profile', 'tollgate_env', 'k6_version'] as const)
      if (tags[key] !== undefined) out.tags[key].add(tags[key]);
    if (point.metric === 'http_req_failed' && point.data.value === 1) out.failed++;
    if (point.metric === 'dropped_iterations') out.droppedIterations += point.data.value;
    if (point.metric !== 'http_req_duration') return;
    out.samples.push({
      time,
      name: tags.name ?? tags.url ?? 'unnamed',
      status: Number(tags.status ?? 0),
      ms: point.data.value,
      errorCode: tags.error_code,
    });
  });
  if (out.samples.length === 0)
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
