import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'vitest';
import { commandList, commands } from '../../src/cli/commands/index.ts';
import { mainHelp } from '../../src/cli/help.ts';

/**
 * `--help` examples are copied into shells: each must parse (`bash -n`) and no
 * `$VAR` may sit inside single quotes, where it never expands (issue 14).
 */

/** The `$` positions that a shell would leave unexpanded because they are single-quoted. */
function singleQuotedDollars(line: string): string[] {
  const found: string[] = [];
  let quote: "'" | '"' | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") {
        const segment = line.slice(start, i);
        if (/\$[A-Za-z_{]/.test(segment)) found.push(`'${segment}'`);
        quote = undefined;
      }
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      start = i + 1;
    }
  }
  return found;
}

test('the quoting check finds a $ inside single quotes and passes double quotes', () => {
  assert.deepEqual(singleQuotedDollars("curl -H 'Authorization: Bearer $TOKEN'"), [
    "'Authorization: Bearer $TOKEN'",
  ]);
  assert.deepEqual(singleQuotedDollars('curl -H "Authorization: Bearer $TOKEN"'), []);
  assert.deepEqual(singleQuotedDollars('tollgate gate --gate \'latency.p99<300ms\' -H "X: $A"'), []);
});

test('every --help example parses as bash and expands its variables', async () => {
  const examples: string[] = [];
  for (const load of Object.values(commands)) examples.push(...(await load()).examples);
  assert.ok(examples.length >= Object.keys(commands).length, 'each command has an example');
  for (const example of examples) {
    const parsed = spawnSync('bash', ['-n', '-c', example], { encoding: 'utf8' });
    assert.equal(parsed.status, 0, `bash -n rejects: ${example}\n${parsed.stderr}`);
    assert.deepEqual(singleQuotedDollars(example), [], `never expands (single-quoted $): ${example}`);
  }
  // the main --help shows them as they are
  const help = mainHelp(commandList, '0.0.0');
  for (const line of help.split('\n').filter((l) => l.trim().startsWith('$ '))) {
    assert.deepEqual(singleQuotedDollars(line.trim().slice(2)), [], line);
  }
});
