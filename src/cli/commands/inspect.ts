import { loadConfig } from '../../config/load-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import { specWarnings } from '../../spec/spec-warnings.ts';
import type { Command } from '../command.ts';

/** A quick look at a spec: what tollgate understood, before anything is sent. */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'load a spec and list its operations (nothing is sent)',
  usage: 'tollgate inspect [--spec <file|url|name>] [--json]',
  examples: ['tollgate inspect --spec specs/albums.swagger.yaml', 'tollgate inspect --spec albums --json'],
  options: {
    spec: {
      type: 'string',
      description: 'spec file or URL, or a spec name from the config',
      valueName: 'file|url',
    },
    config: { type: 'string', short: 'c', description: 'config file', valueName: 'file' },
    'allow-remote-refs': {
      type: 'boolean',
      description: "fetch the spec's $refs to http(s) URLs (without it a remote $ref exits 2)",
    },
  },
  async run(ctx) {
    const config = await loadConfig(ctx.cwd, ctx.values.config as string | undefined);
    const requested = ctx.values.spec as string | undefined;
    const source = requested
      ? (config?.specs[requested] ?? requested)
      : Object.values(config?.specs ?? {})[0];
    if (!source)
      throw new TollgateError('TG_USAGE', 'inspect needs --spec <file|url> (no specs in a config here)');
    const spec = await loadSpec(source, {
      cwd: ctx.cwd,
      allowRemoteRefs: ctx.values['allow-remote-refs'] === true || config?.allowRemoteRefs === true,
    });
    const operations = spec.operations.map((op) => ({
      id: op.id,
      operation: op.key,
      gin: `${op.method.toUpperCase()} ${spec.basePath}${op.ginPath}`,
      responses: Object.keys(op.responses),
      secured: op.security.length > 0,
    }));
    const warnings = specWarnings(spec);
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          {
            source: spec.source,
            version: spec.version,
            title: spec.title,
            operations,
            specWarnings: warnings,
          },
          null,
          2,
        ),
      );
      return ExitCode.Pass;
    }
    ctx.out(
      `${spec.title} ${spec.apiVersion} (${spec.version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${spec.version}`})`,
    );
    ctx.out(`${spec.source}: ${operations.length} operations, base path "${spec.basePath || '/'}"`);
    // one row per operation: its Gin route (as the handler registers it), id, responses
    const width = Math.max(...operations.map((o) => o.gin.length));
    const idWidth = Math.max(...operations.map((o) => o.id.length));
    for (const op of operations) {
      ctx.out(
        `  ${op.gin.padEnd(width)}  ${op.id.padEnd(idWidth)}  [${op.responses.join(' ')}]${op.secured ? '  (auth)' : ''}`,
      );
    }
    if (warnings.length) ctx.out(`\nSpec warnings (${warnings.length})`);
    for (const w of warnings) ctx.out(`  ! ${w.message} [${w.code}]`);
    return ExitCode.Pass;
  },
};
