import { childPointer } from '../spec/json-pointer.ts';
import type { MediaType, Operation } from '../spec/types.ts';
import { compareSchemas } from './compare-schemas.ts';
import { type DiffContext, report } from './diff-context.ts';

/** The request body: added, removed, required or not, its media types and their schemas. */
export function compareRequestBodies(
  ctx: DiffContext,
  name: string,
  base: Operation,
  revision: Operation,
): void {
  const b = base.requestBody;
  const r = revision.requestBody;
  const bAt = childPointer(base.pointer, 'requestBody');
  const rAt = childPointer(revision.pointer, 'requestBody');
  if (!b && !r) return;
  if (!b && r) {
    const id = r.required ? 'request-body-added-required' : 'request-body-added-optional';
    report(ctx, id, name, `a ${r.required ? 'required' : 'optional'} request body was added`, {
      base: base.pointer,
      revision: rAt,
    });
    return;
  }
  if (b && !r) {
    report(ctx, 'request-body-removed', name, 'the request body was removed', {
      base: bAt,
      revision: revision.pointer,
    });
    return;
  }
  if (!b || !r) return;
  const at = { base: bAt, revision: rAt };
  if (!b.required && r.required)
    report(ctx, 'request-body-became-required', name, 'the request body became required', at);
  if (b.required && !r.required)
    report(ctx, 'request-body-became-optional', name, 'the request body became optional', at);
  compareContent(ctx, name, 'request', b.content, r.content, bAt, rAt);
}

/** Responses by status: success statuses must not disappear; matched ones compare their media types and schemas. */
export function compareResponses(ctx: DiffContext, name: string, base: Operation, revision: Operation): void {
  const bAt = (status: string) => childPointer(base.pointer, 'responses', status);
  const rAt = (status: string) => childPointer(revision.pointer, 'responses', status);
  for (const [status, b] of Object.entries(base.responses)) {
    const r = revision.responses[status];
    if (!r) {
      const id = isSuccess(status)
        ? 'response-success-status-removed'
        : 'response-non-success-status-removed';
      report(ctx, id, name, `response status ${status} was removed`, {
        base: bAt(status),
        revision: childPointer(revision.pointer, 'responses'),
      });
      continue;
    }
    compareContent(ctx, name, status, b.content, r.content, bAt(status), rAt(status));
  }
  for (const status of Object.keys(revision.responses)) {
    if (base.responses[status]) continue;
    const id = isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added';
    report(ctx, id, name, `response status ${status} was added`, {
      base: childPointer(base.pointer, 'responses'),
      revision: rAt(status),
    });
  }
}

function compareContent(
  ctx: DiffContext,
  name: string,
  status: string,
  base: Record<string, MediaType>,
  revision: Record<string, MediaType>,
  bAt: string,
  rAt: string,
): void {
  const request = status === 'request';
  const where = request ? 'request' : `response ${status}`;
  for (const [type, b] of Object.entries(base)) {
    const r = revision[type];
    const bType = childPointer(bAt, 'content', type);
    if (!r) {
      report(
        ctx,
        request ? 'request-body-media-type-removed' : 'response-media-type-removed',
        name,
        `${where} media type ${type} was removed`,
        {
          base: bType,
          revision: rAt,
        },
      );
      continue;
    }
    if (!b.schema || !r.schema) continue;
    const rType = childPointer(rAt, 'content', type);
    compareSchemas(
      ctx,
      {
        operation: name,
        subject: request ? 'request-body' : 'response-body',
        label: `${where} ${type} body`,
        path: '',
      },
      { schema: b.schema, pointer: childPointer(bType, 'schema') },
      { schema: r.schema, pointer: childPointer(rType, 'schema') },
    );
  }
  for (const type of Object.keys(revision)) {
    if (base[type]) continue;
    report(
      ctx,
      request ? 'request-body-media-type-added' : 'response-media-type-added',
      name,
      `${where} media type ${type} was added`,
      {
        base: bAt,
        revision: childPointer(rAt, 'content', type),
      },
    );
  }
}

function isSuccess(status: string): boolean {
  return status.startsWith('2');
}
