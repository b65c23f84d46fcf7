// Sums the results of every runner `npm test` used into one closing line:
// `N passed, N failed`. Exits 1 when any failed, when a runner reported nothing,
// or when a Playwright run printed a tollgate report (fixture output on the console).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const counted = [];

const read = (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined);

for (const name of readdirSync(dir)
  .filter((f) => /^go(-.+)?\.txt$/.test(f))
  .sort()) {
  const go = read(name);
  const p = (go.match(/^\s*--- PASS/gm) ?? []).length;
  const f = (go.match(/^\s*--- FAIL/gm) ?? []).length + (go.match(/^FAIL\s/gm) && p === 0 ? 1 : 0);
  passed += p;
  failed += f;
  counted.push(`${name.replace('.txt', '')} ${p}/${p + f}`);
}

const node = read('node.txt');
if (node !== undefined) {
  const p = Number(/^ℹ pass (\d+)/m.exec(node)?.[1] ?? 0);
  const f = Number(/^ℹ fail (\d+)/m.exec(node)?.[1] ?? 1);
  passed += p;
  failed += f;
  counted.push(`node ${p}/${p + f}`);
}

for (const name of ['suites.json', 'browser.json']) {
  const text = read(name);
  if (text === undefined) continue;
  const stats = JSON.parse(text).stats ?? {};
  const p = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const f = (stats.unexpected ?? 0) + (JSON.parse(text).errors?.length ?? 0);
  passed += p;
  failed += f;
  counted.push(`${name.replace('.json', '')} ${p}/${p + f}`);
}

// A test's fixture output belongs in its assertion messages, not in the middle of
// passing tests: a tollgate console report printed by a Playwright run is a failure.
for (const name of ['suites.log', 'browser.log']) {
  const report = /^Report: \S*index\.html$/m.exec(read(name) ?? '');
  if (!report) continue;
  failed += 1;
  console.log(
    `${name.replace('.log', '')}: a test printed a tollgate report to the console (${report[0]}); run the CLI with runCli or capture its output`,
  );
}

console.log(`(${counted.join(', ')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
