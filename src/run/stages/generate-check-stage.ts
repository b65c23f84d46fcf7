import { findStale, staleLines } from '../../generate/check-generated.ts';
import { clientsFor } from '../../generate/clients-for-config.ts';
import type { StageRunner } from './types.ts';

/** `generate-check`: the committed typed clients must match the specs (like `tollgate generate --check`). */
export const generateCheckStage: StageRunner = async (ctx) => {
  const { root, files } = await clientsFor({ cwd: ctx.root, configFile: ctx.target.config.configFile });
  const stale = await findStale(files);
  if (stale.length === 0) return { verdict: 'pass', summary: `${files.length} generated clients up to date` };
  return { verdict: 'fail', summary: staleLines(stale, root).join('; ') };
};
