import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.ts';
import { runInit } from '../../init/run-init.ts';
import type { Command } from '../command.ts';

/** `tollgate init`: a first config, smoke profile, suite and CI workflow in an existing Gin repository. */
export const initCommand: Command = {
  name: 'init',
  summary:
    'in a Gin repo: find the spec, write tollgate.config.ts, a smoke profile, a suite and a CI workflow',
  usage: 'tollgate init [--spec <file>] [--url <url>] [--force] [--json]',
  examples: ['tollgate init', 'tollgate init --spec api/openapi.yaml --url http://127.0.0.1:9000'],
  options: {
    spec: {
      type: 'string',
      description: 'the API description (default: docs/swagger.yaml, openapi.yaml, … whichever exists)',
      valueName: 'file',
    },
    url: {
      type: 'string',
      description: 'where the API listens when started locally (default: guessed from the Go source)',
      valueName: 'url',
    },
    force: { type: 'boolean', description: 'overwrite files init writes if they exist' },
  },
  async run(ctx) {
    const result = await runInit({
      root: ctx.cwd,
      spec: ctx.values.spec as string | undefined,
      url: ctx.values.url as string | undefined,
      force: ctx.values.force === true,
    });
    if (ctx.json) {
      ctx.out(JSON.stringify(result, null, 2));
      return ExitCode.Pass;
    }
    ctx.out(`tollgate init: ${result.specFile}`);
    for (const file of result.written) ctx.out(`  wrote ${file}`);
    ctx.out('\nGuesses (check them in tollgate.config.ts):');
    for (const line of result.guesses) ctx.out(`  ${line}`);
    if (result.skipped.length)
      ctx.out(`\nNot in the smoke traffic (${result.skipped.length}): ${result.skipped.join('; ')}`);
    ctx.out('\nNext:');
    const missing = missingPackages(ctx.cwd);
    if (missing.length) ctx.out(`  npm install --save-dev ${missing.join(' ')}`);
    if (result.guesses.some((g) => g.includes('TOLLGATE_TOKEN')))
      ctx.out('  export TOLLGATE_TOKEN=<a token your local API accepts>');
    ctx.out('  npx tollgate gate --env local');
    ctx.out('  commit the files, and set the STAGING_URL (and STAGING_TOKEN) secrets for the workflow');
    return ExitCode.Pass;
  },
};

function missingPackages(root: string): string[] {
  const file = join(root, 'package.json');
  const pkg = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const has = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
  return ['tollgate', '@playwright/test'].filter((name) => !(name in has));
}
