import type { LoadedSpec, Operation } from '../../spec/types.ts';
import { isRefusal } from '../../stateful/payloads.ts';
import { boundOperations, resourceOperations } from '../../stateful/resource-links.ts';
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
 * worked out after the run, with the contract engine's `boundOperations`
 * (OpenAPI links, a body `id`, or the `Location` header).
 */
export class CreatedLedger {
  private readonly raw: RawCreate[] = [];
  private overflowed = 0;
  private unconfirmed = 0;

  constructor(private readonly cap = 100_000) {}

  record(request: BuiltRequest, status: number, headers: Record<string, string>, body: string): void {
    if (request.method !== 'POST' || !request.operation || status < 200 || status > 299) return;
    if (this.raw.length >= this.cap) {
      this.overflowed++;
      return;
    }
    this.raw.push({ operation: request.operation, path: request.path, status, headers, body });
  }

  /** A request got no answer: when it was a create, what it made (if anything) cannot be known. */
  lost(request: BuiltRequest): void {
    if (request.method === 'POST' && request.operation) this.unconfirmed++;
  }

  /**
   * What the creates made, in the order they were made: each distinct
   * resource the spec can DELETE; a create below one of those (no DELETE of
   * its own) goes with it; any other 2xx create is undeletable, said why.
   * Every 2xx counts, whatever status the spec documents; not a POST with
   * nothing below it (a login) nor an envelope answer that made nothing
   * (`{"code": 7, "data": {}}`).
   */
  resolve(spec: LoadedSpec, prefix: string): CreatedResources {
    const byLabel = new Map<string, CreatedResource>();
    const orphans: { path: string; undeletable: Undeletable }[] = [];
    for (const create of this.raw) {
      const pathOnly = create.path.split('?')[0].slice(prefix.length);
      let json: unknown;
      try {
        json = JSON.parse(create.body);
      } catch {}
      if (isRefusal(json) || !isCreate(spec, create.operation)) continue;
      const request = {
        pathParams: pathParams(create.operation.path, pathOnly),
        query: {},
        headers: {},
        body: undefined,
      };
      const bound = boundOperations(spec, create.operation, request, {
        status: create.status,
        headers: create.headers,
        json,
      });
      const del = bound.find((b) => b.operation.method === 'delete');
      if (!del) {
        const label = `POST ${pathOnly} (answered ${create.status})`;
        const reason = resourceOperations(spec, create.operation).some((op) => op.method === 'delete')
          ? 'no id found in the answer, so no DELETE could be sent'
          : 'the spec documents no DELETE for it';
        orphans.push({ path: pathOnly, undeletable: { label, reason } });
        continue;
      }
      const filled = fillPath(del.operation.path, del.params);
      const label = `DELETE ${filled}`;
      if (!byLabel.has(label)) byLabel.set(label, { label, path: prefix + filled });
    }
    const undeletable: Undeletable[] = [];
    for (const orphan of orphans) {
      const parent = [...byLabel.values()].find((r) =>
        orphan.path.startsWith(`${r.label.slice('DELETE '.length)}/`),
      );
      if (parent) parent.children = (parent.children ?? 0) + 1;
      else undeletable.push(orphan.undeletable);
    }
    return {
      resources: [...byLabel.values()],
      undeletable,
      overflowed: this.overflowed,
      unconfirmed: this.unconfirmed,
    };
  }
}

/** A POST that makes something: the spec has operations below it, or links from it. */
function isCreate(spec: LoadedSpec, operation: Operation): boolean {
  const links = Object.values(operation.responses).some((r) => Object.keys(r.links).length > 0);
  return links || resourceOperations(spec, operation).length > 0;
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

function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}
