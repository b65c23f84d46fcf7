import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExitCode } from '../errors/exit-codes.ts';
import { isTollgateError, TollgateError } from '../errors/tollgate-error.ts';
import type { Command, CommandContext } from './command.ts';
import { commandList, commands } from './commands/index.ts';
import { commandHelp, mainHelp } from './help.ts';

const version: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  quietOnClosedPipe();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    out(version);
    return ExitCode.Pass;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp(commandList, version));
    return name === undefined ? ExitCode.Usage : ExitCode.Pass;
  }
  const load = commands[name];
  if (!load) {
    err(
      `TG_USAGE: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')}; see tollgate --help)`,
    );
    return ExitCode.Usage;
  }
  const command = await load();
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(ExitCode.Interrupted);
    err('stopping (Ctrl-C again to force)...');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const ctx = parse(command, rest, cwd, out, err, controller.signal);
    if (ctx.values.help) {
      out(commandHelp(command));
      return ExitCode.Pass;
    }
    return await command.run(ctx);
  } catch (error) {
    if (isTollgateError(error)) {
      err(error.format());
      return error.exitCode;
    }
    err(`tollgate ${version} crashed; this is a bug in tollgate, please report it with this trace:`);
    err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return ExitCode.Internal;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function parse(
  command: Command,
  args: string[],
  cwd: string,
  out: CommandContext['out'],
  err: CommandContext['err'],
  signal: AbortSignal,
): CommandContext {
  const options = {
    ...command.options,
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
  } as const;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new TollgateError('TG_USAGE', `${command.name}: ${(error as Error).message.split('\n')[0]}`, {
      hint: `run \`tollgate ${command.name} --help\``,
    });
  }
  const json = parsed.values.json === true;
  const dashes = args.indexOf('--');
  return {
    values: parsed.values as CommandContext['values'],
    positionals: parsed.positionals,
    afterDashes: dashes < 0 ? [] : args.slice(dashes + 1),
    cwd,
    json,
    out,
    err,
    signal,
  };
}

/**
 * `tollgate inspect | head` closes stdout early: the next write fails with
 * EPIPE. That is the reader saying "enough", not an error: exit at once, 0,
 * with nothing on stderr (as `ls | head` does).
 */
let pipesWatched = false;
function quietOnClosedPipe(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(ExitCode.Pass);
      throw error;
    });
  }
}
