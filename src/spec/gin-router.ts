import type { LoadedSpec, Operation } from './types.ts';

/**
 * A model of Gin's router over the spec's documented routes: one tree per
 * method (as `gin.Engine.trees`), static segments before `:param` before
 * `*catchall`, with Gin's backtracking from a static branch that dead-ends
 * to its `:param` sibling (gin ≥ 1.8), and RedirectTrailingSlash. It answers
 * which documented route, if any, a concrete request would reach, and which
 * documented routes Gin could never register side by side (it panics at
 * start-up on those, so the server must route one of them differently).
 */
export type RouteMatch = { operation: Operation; redirect?: undefined } | { redirect: 'trailing-slash' };

export interface RouteConflict {
  operation: Operation;
  /** The documented route it cannot coexist with, when the conflict is with another route. */
  with?: Operation;
  reason: string;
}

interface Node {
  static: Map<string, Node>;
  param?: { name: string; node: Node };
  catchAll?: { name: string; operation: Operation };
  operation?: Operation;
}

const newNode = (): Node => ({ static: new Map() });
const routers = new WeakMap<LoadedSpec, GinRouter>();

/** The router over a spec's operations, built once per spec. */
export function ginRouterFor(spec: LoadedSpec): GinRouter {
  let router = routers.get(spec);
  if (!router) {
    router = new GinRouter(spec.operations);
    routers.set(spec, router);
  }
  return router;
}

/** The path a case sends, before percent-encoding (Gin routes the decoded path); a missing value is an empty segment. */
export function concretePath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    params[name] === undefined ? '' : String(params[name]),
  );
}

export class GinRouter {
  readonly conflicts: RouteConflict[] = [];
  private readonly trees = new Map<string, Node>();

  constructor(operations: Operation[]) {
    for (const op of operations) this.add(op);
  }

  /** The documented route Gin would hand `METHOD path` to (path without basePath, not percent-encoded). */
  match(method: string, path: string): RouteMatch | undefined {
    const tree = this.trees.get(method.toUpperCase());
    if (!tree) return undefined;
    const found = lookup(tree, path.split('/').slice(1), 0);
    if (found) return { operation: found };
    if (path === '/') return undefined;
    const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
    return lookup(tree, other.split('/').slice(1), 0) ? { redirect: 'trailing-slash' } : undefined;
  }

  private add(op: Operation): void {
    const method = op.method.toUpperCase();
    let node = this.trees.get(method);
    if (!node) {
      node = newNode();
      this.trees.set(method, node);
    }
    const segments = op.path.split('/').slice(1);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const param = /^\{([^{}]+)\}$/.exec(segment)?.[1];
      if (param === undefined && /[{}]/.test(segment)) {
        this.conflicts.push({
          operation: op,
          reason: `segment "${segment}" mixes a parameter with text; Gin's router only has whole-segment :param and *catchall`,
        });
        return;
      }
      if (node.catchAll) {
        this.conflicts.push({
          operation: op,
          with: node.catchAll.operation,
          reason: `Gin cannot register it beside the catch-all *${node.catchAll.name} (${node.catchAll.operation.key})`,
        });
        return;
      }
      if (param === undefined) {
        let next = node.static.get(segment);
        if (!next) {
          next = newNode();
          node.static.set(segment, next);
        }
        node = next;
        continue;
      }
      if (i === segments.length - 1 && isCatchAll(op, param)) {
        if (node.static.size > 0 || node.param) {
          const other = firstOperation(node);
          this.conflicts.push({
            operation: op,
            ...(other ? { with: other } : {}),
            reason: `Gin cannot register the catch-all *${param} beside other routes at the same position${other ? ` (${other.key})` : ''}`,
          });
          return;
        }
        node.catchAll = { name: param, operation: op };
        return;
      }
      if (node.param && node.param.name !== param) {
        const other = firstOperation(node.param.node);
        this.conflicts.push({
          operation: op,
          ...(other ? { with: other } : {}),
          reason: `Gin cannot register :${param} where ${other ? `${other.key} has` : 'another route has'} :${node.param.name} (one wildcard name per position)`,
        });
        return;
      }
      node.param ??= { name: param, node: newNode() };
      node = node.param.node;
    }
    if (node.operation) {
      this.conflicts.push({
        operation: op,
        with: node.operation,
        reason: 'Gin registers one handler per route',
      });
      return;
    }
    node.operation = op;
  }
}

function lookup(node: Node, segments: string[], i: number): Operation | undefined {
  if (i === segments.length) return node.operation;
  const segment = segments[i];
  const next = node.static.get(segment);
  const viaStatic = next ? lookup(next, segments, i + 1) : undefined;
  if (viaStatic) return viaStatic;
  if (node.param && segment !== '') {
    const viaParam = lookup(node.param.node, segments, i + 1);
    if (viaParam) return viaParam;
  }
  return node.catchAll?.operation;
}

/**
 * OpenAPI has no catch-all: swag writes Gin's `*filepath` as `{filepath}`.
 * A last path parameter marked `x-tollgate-catch-all: true` is one.
 */
function isCatchAll(op: Operation, name: string): boolean {
  const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
  return param?.extensions?.['x-tollgate-catch-all'] === true;
}

function firstOperation(node: Node): Operation | undefined {
  if (node.operation) return node.operation;
  for (const child of node.static.values()) {
    const op = firstOperation(child);
    if (op) return op;
  }
  return node.param ? firstOperation(node.param.node) : node.catchAll?.operation;
}
