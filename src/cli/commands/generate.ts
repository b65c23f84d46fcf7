import { errorCodes } from '../../errors/codes.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { findStale, staleLines, writeGenerated } from '../../generate/check-generated.ts';
import { clientsFor } from '../../generate/clients-for-config.ts';
import { displayPath, labelOf } from '../../generate/generate-clients.ts';
import type { Command } from '../command.ts';

/** `tollgate generate`: typed clients (openapi-typescript + openapi-fetch) for every spec, and `--check` for CI. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'write typed API clients to specs/generated (--check: fail when they are stale)',
  usage: 'tollgate generate [--check] [--spec <name|file|url> [--out <dir>] [--name <module>]] [--json]',
  examples: [
    'tollgate generate',
    'tollgate generate --check',
    'tollgate generate --spec docs/swagger.yaml --out src/api --name shop',
  ],
  options: {
    check: {
      type: 'boolean',
      description: 'write nothing; exit 1 when a committed client differs from a fresh one',
    },
    spec: {
      type: 'string',
      description: 'one spec: a name from the config, or a file/URL (ad hoc)',
      valueName: 'name|file|url',
    },
    out: {
      type: 'string',
      description: 'output folder (default: generatedDir, specs/generated)',
      valueName: 'dir',
    },
    name: {
      type: 'string',
      description: 'module name for an ad hoc --spec (default: its file name)',
      valueName: 'module',
    },
    config: {
      type: 'string',
      short: 'c',
      description: 'config file (default: ./tollgate.config.ts)',
      valueName: 'file',
    },
  },
  async run(ctx) {
    const { root, files } = await clientsFor({
      cwd: ctx.cwd,
      configFile: ctx.values.config as string | undefined,
      spec: ctx.values.spec as string | undefined,
      outDir: ctx.values.out as string | undefined,
      name: ctx.values.name as string | undefined,
    });
    const shown = (file: (typeof files)[number]) => displayPath(file, root);

    if (ctx.values.check) {
      const stale = await findStale(files);
      if (ctx.json) {
        const staleSet = new Set(stale.map((s) => s.file));
        const report = files.map((f) => ({
          name: f.name,
          spec: labelOf(f.spec, root),
          path: shown(f),
          stale: staleSet.has(f),
        }));
        ctx.out(JSON.stringify({ ok: stale.length === 0, files: report }, null, 2));
      } else {
        for (const line of staleLines(stale, root)) ctx.err(`TG_GENERATED_STALE: ${line}`);
        if (stale.length === 0) ctx.out(`${files.length} generated client(s) up to date`);
      }
      return stale.length === 0 ? ExitCode.Pass : errorCodes.TG_GENERATED_STALE.exit;
    }

    const written = new Set(await writeGenerated(files));
    if (ctx.json) {
      const report = files.map((f) => ({
        name: f.name,
        spec: labelOf(f.spec, root),
        path: shown(f),
        written: written.has(f),
      }));
      ctx.out(JSON.stringify({ files: report }, null, 2));
    } else {
      for (const file of files) ctx.out(`${written.has(file) ? 'wrote' : 'up to date'} ${shown(file)}`);
    }
    return ExitCode.Pass;
  },
};
