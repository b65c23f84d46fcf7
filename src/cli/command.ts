import type { ParseArgsConfig } from 'node:util';
import { parseEnvelopeFlag } from '../config/envelope-flag.ts';
import type { Envelope } from '../config/types.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  description: string;
  valueName?: string;
};

/** What a command gets: parsed flags, positionals and where to print. */
export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** The words after `--` (also among `positionals`): a command to run, as `tollgate watch -- <command>` takes. */
  afterDashes?: string[];
  cwd: string;
  /** True when --json was given: print data only, as JSON, to stdout. */
  json: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Aborted on SIGINT/SIGTERM; commands stop cleanly and still write results. */
  signal: AbortSignal;
}

/** One CLI command. Registered in `commands/index.ts`; `--help` is built from these fields. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** At least one; shown in `tollgate --help` and `tollgate <command> --help`. */
  examples: string[];
  options: Record<string, OptionSpec>;
  /** Returns the exit code (see errors/exit-codes.ts). Throws TollgateError for user mistakes. */
  run(ctx: CommandContext): Promise<number>;
}

/** Options every command that talks to an API accepts. */
export const targetOptions = {
  env: { type: 'string', short: 'e', description: 'environment from tollgate.config.ts', valueName: 'name' },
  config: {
    type: 'string',
    short: 'c',
    description: 'config file (default: ./tollgate.config.ts)',
    valueName: 'file',
  },
  spec: {
    type: 'string',
    description: 'spec file or URL, or a spec name from the config',
    valueName: 'file|url',
  },
  'base-url': {
    type: 'string',
    description: 'base URL of the API (ad hoc, without a config)',
    valueName: 'url',
  },
  'base-path': {
    type: 'string',
    description:
      "path prefix of every operation, overriding the spec's servers[0].url path (e.g. /api, or / for none)",
    valueName: 'path',
  },
  header: {
    type: 'string',
    multiple: true,
    short: 'H',
    description: "extra request header, repeatable: 'Name: value'",
    valueName: 'header',
  },
  'run-dir': {
    type: 'string',
    description: 'write into this run folder instead of a new one',
    valueName: 'dir',
  },
  'allow-remote-refs': {
    type: 'boolean',
    description: "fetch the spec's $refs to http(s) URLs (without it a remote $ref exits 2)",
  },
} satisfies Record<string, OptionSpec>;

/** `--envelope`, read the same way by contract and load (the load's cleanup reads answers through it). */
export const envelopeOption = {
  envelope: {
    type: 'string',
    description:
      'read 200 {code,msg,data} answers: code=/code,ok=0,message=/msg,data=/data (default: config)',
    valueName: 'spec',
  },
} satisfies Record<string, OptionSpec>;

/** The `--envelope` flag when given, else the environment's `contract.envelope`. */
export function envelopeFrom(ctx: CommandContext, configured: Envelope | false | undefined) {
  const flag = ctx.values.envelope;
  return typeof flag === 'string' ? parseEnvelopeFlag(flag) : configured;
}
