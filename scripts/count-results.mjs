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

const vitest = read('vitest.json');
if (vitest !== undefined) {
  const report = JSON.parse(vitest);
  const p = report.numPassedTests ?? 0;
  // A file that failed to load has no tests in it: count it as a failure.
  const f = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - failedFilesWithTests(report);
  passed += p;
  failed += f;
  counted.push(`vitest ${p}/${p + f}`);
  const coverage = read('coverage/coverage-summary.json');
  if (coverage) {
    const { lines, branches } = JSON.parse(coverage).total;
    console.log(`coverage of src/ by the vitest tests: ${lines.pct}% lines, ${branches.pct}% branches`);
  }
} else {
  failed += 1;
  counted.push('vitest wrote no report');
}

function failedFilesWithTests(report) {
  return report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.some((a) => a.status === 'failed'),
  ).length;
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
