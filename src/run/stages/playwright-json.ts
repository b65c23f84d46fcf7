import { isAbsolute, relative } from 'node:path';
import type { SuiteResult } from '../model.ts';

/** The parts of Playwright's JSON report we read (`@playwright/test/reporter` JSONReport). */
interface JsonSuite {
  title: string;
  file?: string;
  specs?: { title: string; file: string; tests: JsonTest[] }[];
  suites?: JsonSuite[];
}
interface JsonTest {
  projectName: string;
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  results: { status: string; error?: { message?: string } }[];
}
interface JsonReport {
  suites: JsonSuite[];
  stats?: { duration?: number };
}

/** Flattens Playwright's JSON report into the run model's suite result. */
export function readPlaywrightJson(report: JsonReport, root: string): SuiteResult {
  const tests: SuiteResult['tests'] = [];
  const walk = (suite: JsonSuite, path: string[]) => {
    const titles = suite.file && suite.title === suite.file ? path : [...path, suite.title].filter(Boolean);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const last = test.results.at(-1);
        const status =
          test.status === 'skipped'
            ? 'skipped'
            : test.status === 'unexpected'
              ? last?.status === 'timedOut'
                ? 'timedOut'
                : 'failed'
              : 'passed';
        const entry: SuiteResult['tests'][number] = {
          title: [...titles, spec.title].join(' › '),
          file: isAbsolute(spec.file) ? relative(root, spec.file) : spec.file,
          project: test.projectName,
          status,
        };
        const error = last?.error?.message;
        if (error && status !== 'passed') entry.error = stripAnsi(error).slice(0, 2000);
        tests.push(entry);
      }
    }
    for (const child of suite.suites ?? []) walk(child, titles);
  };
  for (const suite of report.suites) walk(suite, []);
  return {
    passed: tests.filter((t) => t.status === 'passed').length,
    failed: tests.filter((t) => t.status === 'failed' || t.status === 'timedOut').length,
    skipped: tests.filter((t) => t.status === 'skipped').length,
    durationMs: Math.round(report.stats?.duration ?? 0),
    tests,
  };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
