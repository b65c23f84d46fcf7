import type { Command, OptionSpec } from './command.ts';

/** `tollgate --help`: every command with its summary and first example, no command imported. */
export function mainHelp(
  list: Record<string, { summary: string; example: string }>,
  version: string,
): string {
  const names = Object.keys(list);
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    `tollgate ${version}: contract and load testing for Gin APIs`,
    '',
    'Usage: tollgate <command> [options]',
    '',
    'Commands:',
  ];
  for (const name of names) {
    lines.push(`  ${name.padEnd(width)}  ${list[name].summary}`);
    lines.push(`  ${''.padEnd(width)}    $ ${list[name].example}`);
  }
  lines.push(
    '',
    'More examples and every option: tollgate <command> --help',
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
