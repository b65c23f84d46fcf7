import type { CheckDefinition } from './types.ts';

/**
 * A 405 must carry an `Allow` header listing exactly the methods the spec
 * documents for that path (case and order ignored), as RFC 9110 §15.5.6 asks
 * and Gin does when HandleMethodNotAllowed is on.
 */
export const allowHeader: CheckDefinition = {
  name: 'allow-header',
  description: 'a 405 lists exactly the documented methods of the path in Allow',
  run(ctx, { response }) {
    if (response.status !== 405) return undefined;
    const documented = [
      ...new Set(
        ctx.spec.operations
          .filter((op) => op.path === ctx.operation.path)
          .map((op) => op.method.toUpperCase()),
      ),
    ].sort();
    const expected = `Documented: Allow: ${documented.join(', ')}`;
    const header = response.headers.allow;
    if (header === undefined)
      return { title: '405 without an Allow header', expected, received: 'Received: no Allow header' };
    const allowed = [
      ...new Set(
        header
          .split(',')
          .map((m) => m.trim().toUpperCase())
          .filter(Boolean),
      ),
    ].sort();
    if (allowed.join(',') === documented.join(',')) return undefined;
    const extra = allowed.filter((m) => !documented.includes(m));
    const absent = documented.filter((m) => !allowed.includes(m));
    const diff = [
      extra.length ? `undocumented ${extra.join(', ')}` : '',
      absent.length ? `missing ${absent.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      title: 'Allow header does not match the spec',
      expected,
      received: `Received: Allow: ${header} (${diff})`,
    };
  },
};
