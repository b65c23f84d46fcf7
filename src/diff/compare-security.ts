import { childPointer, getAtPointer } from '../spec/json-pointer.ts';
import type { Operation, SecurityRequirement } from '../spec/types.ts';
import { type DiffContext, report } from './diff-context.ts';

/**
 * Security requirements are alternatives (any one satisfies), each an AND of
 * schemes with scopes. Like oasdiff: the document's `security` is compared
 * once (`api-global-security-*`), an operation's own `security` per operation
 * (`api-security-*`). An operation that needed nothing and now needs
 * credentials is `api-security-anonymous-access-removed` (ERR), whichever
 * level the requirement was added at.
 */
export function compareGlobalSecurity(ctx: DiffContext): void {
  const b = security(ctx.base.spec.document.security);
  const r = security(ctx.revision.spec.document.security);
  compareRequirements(ctx, 'api-global-security', '', b, r, { base: '#/security', revision: '#/security' });
}

export function compareOperationSecurity(
  ctx: DiffContext,
  name: string,
  base: Operation,
  revision: Operation,
): void {
  const bOwn = getAtPointer(ctx.base.spec.document, childPointer(base.pointer, 'security'));
  const rOwn = getAtPointer(ctx.revision.spec.document, childPointer(revision.pointer, 'security'));
  const at = {
    base: childPointer(base.pointer, 'security'),
    revision: childPointer(revision.pointer, 'security'),
  };
  if (bOwn !== undefined || rOwn !== undefined) {
    compareRequirements(ctx, 'api-security', name, security(bOwn ?? []), security(rOwn ?? []), at);
  }
  const anonymousBefore =
    base.security.length === 0 || base.security.some((s) => Object.keys(s).length === 0);
  const anonymousAfter =
    revision.security.length === 0 || revision.security.some((s) => Object.keys(s).length === 0);
  if (anonymousBefore && !anonymousAfter) {
    report(
      ctx,
      'api-security-anonymous-access-removed',
      name,
      `now needs ${revision.security.map(text).join(' or ')}`,
      at,
    );
  }
}

function compareRequirements(
  ctx: DiffContext,
  prefix: 'api-security' | 'api-global-security',
  name: string,
  base: SecurityRequirement[],
  revision: SecurityRequirement[],
  at: { base: string; revision: string },
): void {
  const key = (s: SecurityRequirement) => Object.keys(s).sort().join(' AND ');
  const before = new Map(base.filter((s) => key(s) !== '').map((s) => [key(s), s]));
  const after = new Map(revision.filter((s) => key(s) !== '').map((s) => [key(s), s]));
  for (const [k, b] of before) {
    const r = after.get(k);
    if (!r) {
      report(ctx, `${prefix}-removed`, name, `security requirement ${text(b)} was removed`, at);
      continue;
    }
    for (const scheme of Object.keys(b)) {
      const was = new Set(b[scheme]);
      const now = new Set(r[scheme]);
      for (const scope of now)
        if (!was.has(scope))
          report(ctx, `${prefix}-scope-added`, name, `scope ${scope} was added to ${scheme}`, at);
      for (const scope of was)
        if (!now.has(scope))
          report(ctx, `${prefix}-scope-removed`, name, `scope ${scope} was removed from ${scheme}`, at);
    }
  }
  for (const [k, r] of after) {
    if (!before.has(k)) report(ctx, `${prefix}-added`, name, `security requirement ${text(r)} was added`, at);
  }
}

function security(value: unknown): SecurityRequirement[] {
  return Array.isArray(value) ? (value as SecurityRequirement[]) : [];
}

function text(s: SecurityRequirement): string {
  const names = Object.entries(s).map(([n, scopes]) => (scopes.length > 0 ? `${n}[${scopes.join(',')}]` : n));
  return names.length > 0 ? names.join('+') : 'none';
}
