import type { Envelope } from '../../config/types.ts';
import type { LoadedSpec, Operation } from '../../spec/types.ts';
import { CleanupLedger } from '../../stateful/cleanup-ledger.ts';
import type { BuiltRequest } from '../plan/request-plan.ts';

/** One resource the run created and can delete: what cleanup sends. */
interface CreatedResource {
  /** `DELETE /v1/albums/12` (spec path, no base path): what a report may show. */
  label: string;
  /** Path to send the DELETE to, base path included. */
  path: string;
  /** Creates below it with no DELETE of their own (a track in an album): gone when it goes. */
  children?: number;
}

/** A 2xx create cleanup cannot delete, and why. */
interface Undeletable {
  /** `POST /v1/things (answered 200)`. */
  label: string;
  reason: string;
}

/** What a run's creates left to clean up (plain data: worker threads send it back). */
export interface CreatedResources {
  resources: CreatedResource[];
  /** 2xx creates whose id was not found or whose resource the spec cannot delete: leftovers from the start. */
  undeletable: Undeletable[];
  /** Created resources (2xx answers to a POST) past the ledger's cap: never deleted. */
  overflowed: number;
  /** POSTs whose answer never came (timeout, dropped connection, cut off at the end): the server may have created them. */
  unconfirmed: number;
}

interface RawCreate {
  operation: Operation;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Resources a load run created, so it can delete them afterwards and leave
 * the environment as it found it. The hot path only keeps 2xx answers to
 * POSTs of a spec operation, raw and capped; which DELETE each one needs is
 * worked out after the run by the contract engine's ledger (OpenAPI links,
 * ids at the top level, in an envelope's data or a wrapper, `Location`).
 */
export class CreatedLedger {
  private readonly raw: RawCreate[] = [];
  private overflowed = 0;
  private unconfirmed = 0;

  constructor(private readonly cap = 100_000) {}

  /** `response`'s headers and body are read only for a 2xx answer to a POST (they may be decoded lazily). */
  record(
    request: BuiltRequest,
    response: { status: number; readonly headers: Record<string, string>; readonly body: string },
  ): void {
    const { status } = response;
    if (request.method !== 'POST' || !request.operation || status < 200 || status > 299) return;
    if (this.raw.length >= this.cap) {
      this.overflowed++;
      return;
    }
    const { headers, body } = response;
    this.raw.push({ operation: request.operation, path: request.path, status, headers, body });
  }

  /** A request got no answer: when it was a create, what it made (if anything) cannot be known. */
  lost(request: BuiltRequest): void {
    if (request.method === 'POST' && request.operation) this.unconfirmed++;
  }

  /**
   * What the creates made, in the order they were made, worked out by the
   * contract run's own ledger (`CleanupLedger`) read through the run's
   * envelope (`contract.envelope`, else detected): each distinct resource
   * the spec can DELETE; a create below one of those (no DELETE of its own)
   * goes with it; any other 2xx create is undeletable, said why. Every 2xx
   * counts, whatever status the spec documents; not a POST with nothing
   * below it (a login) nor an envelope answer that made nothing.
   */
  resolve(spec: LoadedSpec, prefix: string, envelope?: Envelope | false): CreatedResources {
    const ledger = new CleanupLedger(spec, envelope);
    for (const create of this.raw) {
      let json: unknown;
      try {
        json = JSON.parse(create.body);
      } catch {}
      const pathOnly = create.path.split('?')[0].slice(prefix.length);
      const request = { pathParams: pathParams(create.operation.path, pathOnly), query: {}, headers: {} };
      const answer = { operation: create.operation, request, response: { ...create, json } };
      ledger.recordFrom(answer, ledger.bind(answer));
    }
    const resources: CreatedResource[] = [];
    const undeletable: Undeletable[] = [];
    for (const entry of ledger.entries) {
      if (entry.parent) continue;
      if (!entry.deleteOperation) {
        undeletable.push({ label: entry.label, reason: entry.reason ?? 'cleanup cannot delete it' });
        continue;
      }
      const children = ledger.entries.filter((e) => e.parent === entry).length;
      const path = prefix + entry.label.slice('DELETE '.length);
      resources.push({ label: entry.label, path, ...(children ? { children } : {}) });
    }
    return { resources, undeletable, overflowed: this.overflowed, unconfirmed: this.unconfirmed };
  }
}

/** Merges what several worker threads created. */
export function mergeCreated(parts: CreatedResources[]): CreatedResources {
  const byLabel = new Map<string, CreatedResource>();
  for (const part of parts)
    for (const r of part.resources) {
      const children = (byLabel.get(r.label)?.children ?? 0) + (r.children ?? 0);
      byLabel.set(r.label, { ...r, ...(children ? { children } : {}) });
    }
  return {
    resources: [...byLabel.values()],
    undeletable: parts.flatMap((p) => p.undeletable),
    overflowed: parts.reduce((sum, p) => sum + p.overflowed, 0),
    unconfirmed: parts.reduce((sum, p) => sum + p.unconfirmed, 0),
  };
}

/** `{id}` values of a spec path template read back from a sent path. */
function pathParams(template: string, path: string): Record<string, unknown> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  if (names.length === 0) return {};
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
  const match = new RegExp(`^${pattern}$`).exec(path);
  const out: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const text = match ? decodeURIComponent(match[i + 1]) : undefined;
    out[name] = text !== undefined && /^\d+$/.test(text) ? Number(text) : text;
  });
  return out;
}
