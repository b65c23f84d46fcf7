import { childPointer, getAtPointer, isObject } from '../spec/json-pointer.ts';
import { isRef, resolveRef } from '../spec/resolve-ref.ts';
import type { Operation, Parameter } from '../spec/types.ts';
import { compareSchemas } from './compare-schemas.ts';
import { type DiffContext, type DiffSide, report } from './diff-context.ts';

/**
 * Parameters match by where and what they are (`query limit`); path
 * parameters by position, as `/albums/{id}` and `/albums/{albumId}` are the
 * same endpoint to a client.
 */
export function compareParameters(
  ctx: DiffContext,
  name: string,
  base: Operation,
  revision: Operation,
): void {
  const before = keyed(base);
  const after = keyed(revision);
  for (const [key, b] of before) {
    const r = after.get(key);
    const bAt = parameterPointer(ctx.base, base, b);
    const label = `${b.in} parameter ${b.name}`;
    if (!r) {
      report(ctx, 'request-parameter-removed', name, `${label} was removed`, {
        base: bAt,
        revision: revision.pointer,
      });
      continue;
    }
    const rAt = parameterPointer(ctx.revision, revision, r);
    const at = { base: bAt, revision: rAt };
    if (!b.required && r.required)
      report(ctx, 'request-parameter-became-required', name, `${label} became required`, at);
    if (b.required && !r.required)
      report(ctx, 'request-parameter-became-optional', name, `${label} became optional`, at);
    if (!isDeprecated(ctx.base, bAt) && isDeprecated(ctx.revision, rAt))
      report(ctx, 'request-parameter-deprecated', name, `${label} became deprecated`, at);
    compareSchemas(
      ctx,
      { operation: name, subject: 'request-parameter', label, path: '' },
      { schema: b.schema, pointer: childPointer(bAt, 'schema') },
      { schema: r.schema, pointer: childPointer(rAt, 'schema') },
    );
  }
  for (const [key, r] of after) {
    if (before.has(key)) continue;
    const id = r.required ? 'new-required-request-parameter' : 'new-optional-request-parameter';
    report(ctx, id, name, `${r.required ? 'required' : 'optional'} ${r.in} parameter ${r.name} was added`, {
      base: base.pointer,
      revision: parameterPointer(ctx.revision, revision, r),
    });
  }
}

function keyed(op: Operation): Map<string, Parameter> {
  const map = new Map<string, Parameter>();
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const p of op.parameters) {
    const key =
      p.in === 'path'
        ? `path #${pathNames.indexOf(p.name)}`
        : `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
    map.set(key, p);
  }
  return map;
}

/** Where a parameter is written: the operation's list first, then the path item's; refs to `#/components/parameters` followed. */
function parameterPointer(side: DiffSide, op: Operation, p: Parameter): string {
  const document = side.spec.document;
  const pathItem = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
  for (const owner of [op.pointer, pathItem]) {
    const list = getAtPointer(document, childPointer(owner, 'parameters'));
    if (!Array.isArray(list)) continue;
    for (const [i, entry] of list.entries()) {
      const resolved = isRef(entry) ? resolveRef(document, entry.$ref) : entry;
      if (isObject(resolved) && resolved.name === p.name && resolved.in === p.in) {
        return isRef(entry) ? entry.$ref : childPointer(owner, 'parameters', i);
      }
    }
  }
  return op.pointer;
}

function isDeprecated(side: DiffSide, pointer: string): boolean {
  const value = getAtPointer(side.spec.document, pointer);
  return isObject(value) && value.deprecated === true;
}
