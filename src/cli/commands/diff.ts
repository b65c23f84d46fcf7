import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isLevel } from '../../diff/levels.ts';
import { runDiff } from '../../diff/run-diff.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { diffMarkdown, diffRows, diffSummary, githubAnnotations, placeText } from '../../report/diff-text.ts';
import type { Command } from '../command.ts';

/** `tollgate diff <base> <revision>`: breaking changes between two API descriptions, oasdiff's check ids. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two API descriptions and report breaking changes (oasdiff check ids, ERR/WARN/INFO)',
  usage: 'tollgate diff <base> <revision> [--fail-on ERR|WARN] [--ignore <file>] [--json]',
  examples: [
    'tollgate diff git:main:specs/albums.openapi.yaml specs/albums.openapi.yaml',
    'tollgate diff https://staging.example.com/swagger/doc.json specs/albums.openapi.yaml --fail-on WARN',
  ],
  options: {
    'fail-on': {
      type: 'string',
      description: 'exit 1 when a finding at this level or above is not ignored: ERR (default) or WARN',
      valueName: 'level',
    },
    ignore: {
      type: 'string',
      description: 'YAML list of accepted changes: { check, operation?, reason }',
      valueName: 'file',
    },
  },
  async run(ctx) {
    if (ctx.positionals.length !== 2) {
      throw new TollgateError(
        'TG_USAGE',
        `diff takes a base and a revision (file, URL or git:<ref>:<path>), got ${ctx.positionals.length}: ${ctx.positionals.join(' ')}`,
      );
    }
    const failOn = String(ctx.values['fail-on'] ?? 'ERR').toUpperCase();
    if (!isLevel(failOn) || failOn === 'INFO')
      throw new TollgateError('TG_USAGE', `--fail-on must be ERR or WARN, got "${ctx.values['fail-on']}"`);
    const ignore = ctx.values.ignore as string | undefined;
    const [base, revision] = ctx.positionals;
    const diff = await runDiff({
      base,
      revision,
      cwd: ctx.cwd,
      failOn,
      ignoreFile: ignore ? resolve(ctx.cwd, ignore) : undefined,
    });
    if (ctx.json) ctx.out(JSON.stringify(diff, null, 2));
    else {
      ctx.out(
        `${diff.base.source} (${diff.base.format}) -> ${diff.revision.source} (${diff.revision.format})`,
      );
      for (const f of diffRows(diff)) {
        const tag = f.ignored ? `${f.level} ignored` : f.level;
        ctx.out(`  ${tag.padEnd(5)} ${f.id}  ${f.operation}: ${f.text}`);
        ctx.out(
          `        base ${placeText(f.base)} · revision ${placeText(f.revision)}${f.ignored ? ` · ${f.ignored}` : ''}`,
        );
      }
      ctx.out(`${diff.failed ? 'FAIL' : 'PASS'}: ${diffSummary(diff)}`);
    }
    if (process.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(diff)) ctx.err(line);
    if (process.env.GITHUB_STEP_SUMMARY)
      writeFileSync(process.env.GITHUB_STEP_SUMMARY, `${diffMarkdown(diff).join('\n')}\n`, { flag: 'a' });
    return diff.failed ? ExitCode.Failed : ExitCode.Pass;
  },
};
