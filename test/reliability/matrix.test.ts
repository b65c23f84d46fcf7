import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import type { ReliabilityCase } from './case.ts';
import { assertCase, runCase } from './run-case.ts';

// Every cases-*.ts file in this folder exports `cases`; each case runs the
// real CLI against a real server, three at a time (2 shared cores).
const files = readdirSync(import.meta.dirname)
  .filter((f) => /^cases-.+\.ts$/.test(f))
  .sort();
const all: { file: string; c: ReliabilityCase }[] = [];
for (const file of files) {
  const module = (await import(join(import.meta.dirname, file))) as { cases: ReliabilityCase[] };
  for (const c of module.cases) all.push({ file, c });
}
const only = process.env.RELIABILITY_CASE;

describe('reliability matrix', { concurrent: true }, () => {
  const names = new Set<string>();
  for (const { file, c } of all) {
    if (names.has(c.name)) throw new Error(`duplicate case name "${c.name}" in ${file}`);
    names.add(c.name);
    if (only && !c.name.includes(only)) continue;
    test(`${file.replace(/\.ts$/, '')}: ${c.name}`, {
      timeout: (c.timeoutMs ?? 90_000) + 60_000,
    }, async () => {
      assertCase(c, await runCase(c));
    });
  }
});
