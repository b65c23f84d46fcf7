import type { CaseRequest } from '../cases/types.ts';
import type { Envelope } from '../config/types.ts';
import type { ResponseRecord } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { deleteRefusal } from './delete-refusal.ts';
import { isRefusal } from './payloads.ts';
import { type BoundOperation, boundOperations, resourceOperations } from './resource-links.ts';

/**
 * Every resource the run may have created, so the run can delete what it
 * made and say exactly what it could not (stateful runs must not leave
 * litter in shared environments). Every 2xx answer to a create counts,
 * whatever status the spec documents: one whose DELETE is known is deleted
 * at the end; one below a deletable resource goes with it (a track with its
 * album); one whose id could not be found, or that the spec cannot delete,
 * is a leftover from the start, named as such.
 */
export interface LedgerEntry {
  /** `DELETE /v1/albums/12`: what cleanup sends; for what it cannot delete, what was created. */
  label: string;
  deleteOperation?: Operation;
  params: Record<string, unknown>;
  deleted: boolean;
  /** Goes when this one goes: a track with its album. */
  parent?: LedgerEntry;
  /** Why cleanup cannot delete it, or why its DELETE failed. */
  reason?: string;
}

/** An entry cleanup can send a DELETE for. */
export type DeletableEntry = LedgerEntry & { deleteOperation: Operation };

/** One 2xx answer to a POST, as the ledger needs it. */
export interface CreateAnswer {
  operation: Operation;
  request: Pick<CaseRequest, 'pathParams'>;
  response: Pick<ResponseRecord, 'status' | 'json'>;
}

export class CleanupLedger {
  readonly entries: LedgerEntry[] = [];

  constructor(
    private readonly spec: LoadedSpec,
    private readonly envelope?: Envelope | false,
  ) {}

  /** The operations a create's answer binds, read through the run's envelope. */
  bind(
    create: CreateAnswer & { request: CaseRequest; response: Pick<ResponseRecord, 'headers'> },
  ): BoundOperation[] {
    return boundOperations(this.spec, create.operation, create.request, create.response, {
      envelope: this.envelope,
    });
  }

  /** Records a created resource from the operations its response bound; returns the entry or undefined. */
  recordFrom(create: CreateAnswer, bound: BoundOperation[]): LedgerEntry | undefined {
    if (!this.isCreation(create)) return undefined;
    const del = bound.find((b) => b.operation.method === 'delete');
    if (del) {
      const label = `DELETE ${fillPath(del.operation.path, del.params)}`;
      const existing = this.entries.find((e) => e.label === label);
      if (existing) {
        existing.deleted = false;
        existing.reason = undefined;
        return existing;
      }
      return this.push({ label, deleteOperation: del.operation, params: del.params, deleted: false });
    }
    const createdAt = fillPath(create.operation.path, create.request.pathParams);
    const resource = bound.length ? fillPath(bound[0].operation.path, bound[0].params) : undefined;
    const parent = this.entries.find(
      (e) => e.deleteOperation && createdAt.startsWith(`${e.label.slice('DELETE '.length)}/`),
    );
    const label =
      resource ??
      `${create.operation.method.toUpperCase()} ${createdAt} (answered ${create.response.status})`;
    if (parent) {
      const existing = resource
        ? this.entries.find((e) => e.label === label && e.parent === parent)
        : undefined;
      return existing ?? this.push({ label, params: {}, deleted: false, parent });
    }
    const reason = this.deletable(create.operation)
      ? 'no id found in the answer, so no DELETE could be sent'
      : 'the spec documents no DELETE for it';
    return this.push({ label, params: {}, deleted: false, reason });
  }

  /**
   * A create that got no answer (timeout, dropped connection): the server may
   * have made something no one can name. A leftover, said so.
   */
  unanswered(operation: Operation, request: Pick<CaseRequest, 'pathParams'>, why: string): void {
    if (operation.method !== 'post' || this.below(operation).length === 0) return;
    const label = `${operation.method.toUpperCase()} ${fillPath(operation.path, request.pathParams)} got no answer (${why})`;
    this.push({
      label,
      params: {},
      deleted: false,
      reason: 'it may have created something cleanup cannot name',
    });
  }

  /**
   * A DELETE of the run was answered: it deleted what it addressed unless
   * the status or the envelope says no (`{"code": 7}` inside HTTP 200).
   * Returns why it did not take, or undefined.
   */
  deleteAnswered(
    operation: Operation,
    params: Record<string, unknown>,
    response: Pick<ResponseRecord, 'status' | 'json'>,
  ): string | undefined {
    const refusal = deleteRefusal(response, this.envelope);
    if (refusal === undefined) this.markDeleted(operation, params);
    return refusal;
  }

  private markDeleted(operation: Operation, params: Record<string, unknown>): void {
    const label = `DELETE ${fillPath(operation.path, params)}`;
    for (const entry of this.entries)
      if (entry.label === label) {
        entry.deleted = true;
        entry.reason = undefined;
      }
  }

  /** A cleanup DELETE did not take: why, for the leftover list. */
  failed(entry: LedgerEntry, reason: string): void {
    entry.reason = reason;
  }

  /**
   * Resources this run created and then deleted: known gone and its own, so
   * the one safe place a write can go to see a documented 404.
   */
  tombstones(): DeletableEntry[] {
    return this.entries.filter((e): e is DeletableEntry => e.deleteOperation !== undefined && e.deleted);
  }

  /**
   * A write to a tombstone answered 2xx (a PUT that upserts, a delete that
   * did not take): delete it again; not when the envelope refused it
   * (`{"code": 7, "msg": "record not found"}` inside HTTP 200).
   */
  reopen(entry: LedgerEntry, response: Pick<ResponseRecord, 'status' | 'json'>): void {
    if (deleteRefusal(response, this.envelope) === undefined) entry.deleted = false;
  }

  /** What cleanup can still delete. */
  pending(): DeletableEntry[] {
    return this.entries.filter((e): e is DeletableEntry => e.deleteOperation !== undefined && !e.deleted);
  }

  /** Everything still on the server as far as the run knows. */
  leftovers(): LedgerEntry[] {
    return this.entries.filter((e) => !gone(e));
  }

  summary(): { created: number; deleted: number; leftover: string[] } {
    const left = this.leftovers();
    return {
      created: this.entries.length,
      deleted: this.entries.length - left.length,
      leftover: left.map((e) => (e.reason ? `${e.label}: ${e.reason}` : e.label)),
    };
  }

  /**
   * Whether a 2xx to a POST made something: the POST must be a create (the
   * spec has operations below its path, or links from it) and the answer no
   * envelope saying nothing was made (`{"code": 7, "msg": "…"}`).
   */
  private isCreation(create: CreateAnswer): boolean {
    const { operation, response } = create;
    if (operation.method !== 'post' || response.status < 200 || response.status > 299) return false;
    if (isRefusal(response.json, this.envelope)) return false;
    const hasLinks = Object.values(operation.responses).some((r) => Object.keys(r.links).length > 0);
    return hasLinks || this.below(operation).length > 0;
  }

  private deletable(operation: Operation): boolean {
    return this.below(operation).some((op) => op.method === 'delete');
  }

  private below(operation: Operation): Operation[] {
    return resourceOperations(this.spec, operation);
  }

  private push(entry: LedgerEntry): LedgerEntry {
    this.entries.push(entry);
    return entry;
  }
}

function gone(entry: LedgerEntry): boolean {
  return entry.deleted || (entry.parent !== undefined && gone(entry.parent));
}

function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? `{${name}}`)),
  );
}
