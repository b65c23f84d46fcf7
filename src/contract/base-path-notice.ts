import type { OperationCoverage } from '../run/model.ts';

/** Fewer answers than this say too little about the prefix to warn. */
const minAnswers = 5;

/**
 * One line when nearly every answer was 404 (>= 90%): the usual cause is the
 * path prefix from `servers[0].url` (or Swagger's `basePath`) not being where
 * the API serves its routes, so the line names the prefix used and the flag.
 */
export function basePathNotice(operations: OperationCoverage[], basePath: string): string | undefined {
  let answers = 0;
  let notFound = 0;
  for (const op of operations) {
    for (const [status, n] of Object.entries(op.seen)) {
      answers += n;
      if (status === '404') notFound += n;
    }
  }
  if (answers < minAnswers || notFound / answers < 0.9) return undefined;
  const where = basePath ? `under the base path "${basePath}"` : 'with no base path';
  return `${Math.round((notFound / answers) * 100)}% of ${answers} responses were 404: every request went ${where}; if the API serves its routes elsewhere, set it with --base-path (or the environment's basePath)`;
}
