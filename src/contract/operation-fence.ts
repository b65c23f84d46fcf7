import type { Operation } from '../spec/types.ts';

/**
 * Which operations a contract run may send, in every phase (fixtures,
 * stateful sequences, cases, gone): the user's exclusions
 * (`--exclude-operations`, `--exclude-paths`, `--exclude-tags`) and the
 * operations that look session-ending (a logout, a token revoke, a password
 * change, deleting the caller's own account). One of those sent mid-run
 * revokes the run's credentials and every later secured request answers
 * 401, so they are skipped unless `--include-session-ending` asks for
 * them, and then they run last.
 */
export interface FenceOptions {
  excludeOperations?: string[];
  excludePaths?: string[];
  excludeTags?: string[];
  includeSessionEnding?: boolean;
}

export interface OperationFence {
  /** Not sent at all in this run. */
  skipped: (operation: Operation) => boolean;
  /** Session-ending operations the run includes: sent after everything else. */
  last: (operation: Operation) => boolean;
  /** One line per session-ending operation skipped. */
  notices: string[];
}

export function operationFence(operations: Operation[], o: FenceOptions): OperationFence {
  const excluded = new Set<string>();
  const sessionEnding = new Set<string>();
  const notices: string[] = [];
  for (const op of operations) {
    if (isExcluded(op, o)) {
      excluded.add(op.id);
      continue;
    }
    const why = sessionEndingReason(op);
    if (!why) continue;
    sessionEnding.add(op.id);
    if (!o.includeSessionEnding) {
      excluded.add(op.id);
      notices.push(
        `skipped ${op.key}: looks session-ending (${why}), it would revoke the run's credentials; --include-session-ending (config contract.includeSessionEnding) runs it last`,
      );
    }
  }
  return {
    skipped: (op) => excluded.has(op.id),
    last: (op) => sessionEnding.has(op.id) && !excluded.has(op.id),
    notices,
  };
}

function isExcluded(op: Operation, o: FenceOptions): boolean {
  if (o.excludeOperations?.some((name) => name === op.id || name === op.key)) return true;
  if (o.excludePaths?.some((path) => pathMatches(path, op.path))) return true;
  return op.tags.some((tag) => o.excludeTags?.includes(tag));
}

/** `/base` excludes `/base` and everything below it; `/base/logout` only itself and below. */
export function pathMatches(excluded: string, path: string): boolean {
  const prefix = excluded.length > 1 ? excluded.replace(/\/+$/, '') : excluded;
  return path === prefix || path.startsWith(prefix === '/' ? '/' : `${prefix}/`);
}

/** Why an operation looks like it ends the caller's session, from its id, path and summary; undefined if it does not. */
export function sessionEndingReason(op: Operation): string | undefined {
  const words = [op.id, op.path, op.summary ?? ''].flatMap(wordsOf);
  const joined = ` ${words.join(' ')} `;
  for (const [pattern, reason] of phrases) if (pattern.test(joined)) return reason;
  if (op.method === 'delete' && /\/(me|self|account|my-account)\/?$/i.test(op.path))
    return 'deletes the own account';
  return undefined;
}

const phrases: [RegExp, string][] = [
  [/ (logout|log out|logoff|log off) /, 'logout'],
  [/ (signout|sign out|signoff|sign off) /, 'sign-out'],
  [/ (revoke|revocation|invalidate) /, 'revoke'],
  [
    / (change|reset|update|set|forgot|new) (my )?(own )?password | password (change|reset|update) |(change|reset|update|set)password /,
    'password change',
  ],
];

/** `postLogOut`, `/base/log-out`, `Log out` -> lowercase words. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
