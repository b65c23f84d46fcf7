import type { Command, OptionSpec } from './command.ts';

/** `tollgate --help`: every command with its summary and first example. */
export async function mainHelp(
  table: Record<string, () => Promise<Command>>,
  version: string,
): Promise<string> {
  const loaded = await Promise.all(Object.values(table).map((load) => load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  const lines = [
    `tollgate ${version}: contract and load testing for Gin APIs`,
    '',
    'Usage: tollgate <command> [options]',
    '',
    'Commands:',
  ];
  for (const command of loaded) {
    lines.push(`  ${command.name.padEnd(width)}  ${command.summary}`);
    for (const example of command.examples) lines.push(`  ${''.padEnd(width)}    $ ${example}`);
  }
  lines.push(
    '',
    'Global options: --help (per command too), --version, --json (print data as JSON)',
    'Exit codes: 0 pass, 1 a check or gate failed, 2 usage/config/spec error, 3 target unreachable,',
    '            70 internal error (a bug), 130 interrupted (results so far are written)',
  );
  return lines.join('\n');
}

/** `tollgate <command> --help`. */
export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, spec]) => [flag(name, spec), spec.description]);
  rows.push(['--json', 'print the result as JSON'], ['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `${command.summary}`,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    '',
    'Examples:',
    ...command.examples.map((e) => `  $ ${e}`),
  ].join('\n');
}

function flag(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '';
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${name}${value}${spec.multiple ? ' ...' : ''}`;
}
