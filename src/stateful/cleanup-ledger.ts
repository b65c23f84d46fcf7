import type { Operation } from '../spec/types.ts';
import type { BoundOperation } from './resource-links.ts';

/**
 * Every resource the run created, so the run can delete what it made and
 * say what it could not (stateful runs must not leave litter in shared
 * environments). Resources without a DELETE operation are not recorded: they
 * go with their parent (tracks with their album) or cannot be removed at all.
 */
export interface LedgerEntry {
  /** `DELETE /v1/albums/12`: what cleanup would send. */
  label: string;
  deleteOperation: Operation;
  params: Record<string, unknown>;
  deleted: boolean;
}

export class CleanupLedger {
  readonly entries: LedgerEntry[] = [];

  /** Records a created resource from the operations its response bound; returns the entry or undefined. */
  recordFrom(bound: BoundOperation[]): LedgerEntry | undefined {
    const del = bound.find((b) => b.operation.method === 'delete');
    if (!del) return undefined;
    const label = `DELETE ${fillPath(del.operation.path, del.params)}`;
    const existing = this.entries.find((e) => e.label === label);
    if (existing) {
      existing.deleted = false;
      return existing;
    }
    const entry: LedgerEntry = { label, deleteOperation: del.operation, params: del.params, deleted: false };
    this.entries.push(entry);
    return entry;
  }

  markDeleted(operation: Operation, params: Record<string, unknown>): void {
    const label = `DELETE ${fillPath(operation.path, params)}`;
    for (const entry of this.entries) if (entry.label === label) entry.deleted = true;
  }

  /**
   * Resources this run created and then deleted: known gone and its own, so
   * the one safe place a write can go to see a documented 404.
   */
  tombstones(): LedgerEntry[] {
    return this.entries.filter((e) => e.deleted);
  }

  /** A write to a tombstone answered 2xx (a PUT that upserts, a delete that did not take): delete it again. */
  reopen(entry: LedgerEntry): void {
    entry.deleted = false;
  }

  pending(): LedgerEntry[] {
    return this.entries.filter((e) => !e.deleted);
  }

  summary(): { created: number; deleted: number; leftover: string[] } {
    return {
      created: this.entries.length,
      deleted: this.entries.filter((e) => e.deleted).length,
      leftover: this.pending().map((e) => e.label),
    };
  }
}

function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? `{${name}}`)),
  );
}
