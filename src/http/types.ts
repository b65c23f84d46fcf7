/**
 * One request and what came back: the unit that checks read and findings and
 * reports show. Bodies are kept as text; `json` is the parsed body when it
 * parsed, whatever the Content-Type said.
 */
export interface RequestRecord {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
  /** `latin1`: each character of `body` is one byte (a body that is not UTF-8 text goes out as these bytes). */
  bodyEncoding?: 'latin1';
}

export interface ResponseRecord {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** The parsed body when it is valid JSON; undefined otherwise. */
  json?: unknown;
  /** Time from send to the end of the body, milliseconds with microsecond precision. */
  elapsedMs: number;
  /** Set (to the limit, bytes) when the body was longer than the limit: then `body` is empty and was not read. */
  bodyOverLimit?: number;
}

export interface Exchange {
  request: RequestRecord;
  response: ResponseRecord;
  /** Redirects followed (`--follow-redirects`) before `response`, first hop first; absent when none. */
  redirects?: { status: number; url: string; location: string }[];
}
