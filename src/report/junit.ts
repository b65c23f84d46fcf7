import {
  type CompareResult,
  type Finding,
  type GateResult,
  leftoverText,
  type RunModel,
  reasonsText,
  severityOf,
  type WatchResult,
} from '../run/model.ts';
import { placeText } from './diff-text.ts';
import { formatDuration } from './format.ts';
import { redactFinding } from './redact.ts';
import { errorWindowText, exitWords, failuresText } from './watch-text.ts';

/**
 * JUnit XML for CI test tabs. As in Playwright's reporter: build a tiny
 * `{ name, attributes, children }` tree, then serialise it. Each operation is
 * a testsuite whose testcases are the checks run on it; each gate and each
 * stage is a testcase too. Failure messages carry expected and received.
 */
interface XmlEntry {
  name: string;
  attributes?: Record<string, string | number>;
  children?: XmlEntry[];
  text?: string;
}

const MAX_FINDINGS_PER_CASE = 10;

export function renderJunit(model: RunModel): string {
  const suites = [
    ...contractSuites(model),
    ...specWarningSuite(model),
    gateSuite(model.gates),
    stageSuite(model),
    ...loadCleanupSuites(model),
  ];
  if (model.suites) suites.push(playwrightSuite(model));
  if (model.diff) suites.push(diffSuite(model));
  if (model.watch) suites.push(watchSuite(model.watch));
  if (model.compare) suites.push(compareSuite(model.compare));
  const count = (kind: 'failure' | 'error' | 'skipped') =>
    suites.reduce(
      (n, s) => n + (s.children ?? []).filter((c) => c.children?.some((x) => x.name === kind)).length,
      0,
    );
  const root: XmlEntry = {
    name: 'testsuites',
    attributes: {
      name: `tollgate ${model.env}`,
      tests: suites.reduce((n, s) => n + (s.children ?? []).filter((c) => c.name === 'testcase').length, 0),
      failures: count('failure'),
      errors: count('error'),
      skipped: count('skipped'),
      time: seconds(model.durationMs),
      timestamp: model.startedAt,
    },
    children: suites,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '')}`;
}

function suite(name: string, cases: XmlEntry[], timeMs = 0): XmlEntry {
  const with_ = (kind: string) => cases.filter((c) => c.children?.some((x) => x.name === kind)).length;
  return {
    name: 'testsuite',
    attributes: {
      name,
      tests: cases.length,
      failures: with_('failure'),
      errors: with_('error'),
      skipped: with_('skipped'),
      time: seconds(timeMs),
    },
    children: cases,
  };
}

function contractSuites(model: RunModel): XmlEntry[] {
  const contract = model.contract;
  if (!contract) return [];
  const checks = Object.keys(contract.perCheck).sort();
  const findings = contract.findings.map(redactFinding);
  return contract.operations.map((op) => {
    const cases = checks.map((check): XmlEntry => {
      const found = findings.filter((f) => f.operation === op.operation && f.check === check);
      const failed = found.filter((f) => severityOf(f) === 'error');
      const warned = found.filter((f) => severityOf(f) !== 'error');
      const testcase: XmlEntry = {
        name: 'testcase',
        attributes: { name: check, classname: op.operation, time: 0 },
      };
      const children: XmlEntry[] = [];
      if (failed.length > 0) children.push(findingFailure(check, failed));
      // JUnit has no warning element: warnings pass and are written where CI shows a test's output.
      if (warned.length > 0)
        children.push({
          name: 'system-out',
          text: warned.map((f) => `${severityOf(f)}: ${findingText(f)}`).join('\n\n'),
        });
      if (children.length > 0) testcase.children = children;
      return testcase;
    });
    return suite(`contract ${op.operation}`, cases);
  });
}

/** Spec warnings are not test results: one suite whose system-out lists them, so CI tabs show them once. */
function specWarningSuite(model: RunModel): XmlEntry[] {
  const warnings = model.contract?.specWarnings ?? [];
  if (warnings.length === 0) return [];
  const entry = suite('spec warnings', []);
  entry.children = [{ name: 'system-out', text: warnings.map((w) => `${w.code}: ${w.message}`).join('\n') }];
  return [entry];
}

function findingFailure(check: string, findings: Finding[]): XmlEntry {
  const first = findings[0];
  const shown = findings.slice(0, MAX_FINDINGS_PER_CASE).map(findingText);
  if (findings.length > shown.length) shown.push(`... and ${findings.length - shown.length} more`);
  return {
    name: 'failure',
    attributes: {
      type: check,
      message: `${first.title}: ${first.expected} / ${first.received}${findings.length > 1 ? ` (${findings.length} findings)` : ''}`,
    },
    text: shown.join('\n\n'),
  };
}

function findingText(f: Finding): string {
  return [
    `${f.title}${f.location ? ` at ${f.location}` : ''} (${f.phase}, replay ${f.replayId})`,
    `  Expected: ${stripLabel(f.expected, 'Expected')}`,
    `  Received: ${stripLabel(f.received, 'Received')}`,
    `  ${f.request.method} ${f.request.url} -> ${f.response.status}`,
    `  ${f.curl}`,
  ].join('\n');
}

/** "Documented: 200" stays, a bare "200" reads fine after our own label. */
function stripLabel(text: string, label: string): string {
  return text.startsWith(`${label}: `) ? text.slice(label.length + 2) : text;
}

function gateSuite(gates: GateResult[]): XmlEntry {
  const cases = gates.map((gate): XmlEntry => {
    const testcase: XmlEntry = {
      name: 'testcase',
      attributes: { name: `${gate.name} ${gate.threshold}`, classname: gate.scope, time: 0 },
    };
    if (gate.verdict === 'fail') {
      testcase.children = [
        {
          name: 'failure',
          attributes: {
            type: 'gate',
            message: `${gate.scope} ${gate.name}: expected ${gate.threshold}, received ${gate.measuredText}`,
          },
          text: [`Expected: ${gate.threshold}`, `Received: ${gate.measuredText}`, gate.note ?? '']
            .join('\n')
            .trim(),
        },
      ];
    } else if (gate.verdict === 'unreliable') {
      testcase.children = [
        { name: 'skipped', attributes: { message: `unreliable: ${gate.note ?? 'no note'}` } },
      ];
    }
    // A PromQL gate shows what Prometheus was asked and what it said, passed or not.
    if (gate.promql) {
      const { query, time } = gate.promql;
      testcase.children = [
        ...(testcase.children ?? []),
        { name: 'system-out', text: `query: ${query}\ntime: ${time}\nvalue: ${gate.measuredText}` },
      ];
    }
    return testcase;
  });
  return suite('gates', cases);
}

/** One testcase per spec change: a failure when it fails the diff (at failOn, not ignored), skipped when ignored. */
function diffSuite(model: RunModel): XmlEntry {
  const diff = model.diff;
  const rank = { INFO: 0, WARN: 1, ERR: 2 } as const;
  const cases = (diff?.findings ?? []).map((f): XmlEntry => {
    const where = `base ${placeText(f.base)}, revision ${placeText(f.revision)}`;
    const testcase: XmlEntry = {
      name: 'testcase',
      attributes: { name: `${f.level} ${f.id}`, classname: f.operation, time: 0 },
    };
    if (f.ignored)
      testcase.children = [{ name: 'skipped', attributes: { message: `ignored: ${f.ignored}` } }];
    else if (diff && rank[f.level] >= rank[diff.failOn])
      testcase.children = [{ name: 'failure', attributes: { type: f.id, message: f.text }, text: where }];
    else testcase.children = [{ name: 'system-out', text: `${f.text} (${where})` }];
    return testcase;
  });
  return suite('spec diff', cases);
}

/** A load run that created anything: one testcase for its cleanup, failing with a curl per leftover. */
function loadCleanupSuites(model: RunModel): XmlEntry[] {
  return (model.load ?? []).flatMap((load) => {
    const c = load.cleanup;
    if (!c || c.created === 0) return [];
    const testcase: XmlEntry = {
      name: 'testcase',
      attributes: { name: 'cleanup', classname: `load:${load.profile}`, time: 0 },
    };
    const left = leftoverText(c);
    if (left) {
      const why = reasonsText(c.leftoverReasons);
      testcase.children = [
        {
          name: 'failure',
          attributes: { type: 'cleanup', message: `${left} (${c.created} created, ${c.deleted} deleted)` },
          text: [why, ...(c.curls?.length ? ['delete them by hand:', ...c.curls] : [])].join('\n'),
        },
      ];
    }
    return [suite(`load cleanup ${load.profile}`, [testcase])];
  });
}

function stageSuite(model: RunModel): XmlEntry {
  const cases = model.stages.map((stage): XmlEntry => {
    const testcase: XmlEntry = {
      name: 'testcase',
      attributes: { name: stage.name, classname: `stage ${stage.kind}`, time: seconds(stage.durationMs) },
    };
    if (stage.verdict === 'error') {
      testcase.children = [
        { name: 'error', attributes: { message: stage.error ?? stage.summary }, text: stage.summary },
      ];
    } else if (stage.verdict === 'fail') {
      testcase.children = [{ name: 'failure', attributes: { message: stage.summary, type: 'stage' } }];
    } else if (stage.verdict === 'skipped') {
      testcase.children = [{ name: 'skipped', attributes: { message: stage.summary } }];
    }
    return testcase;
  });
  return suite('stages', cases, model.durationMs);
}

/** `tollgate watch`: the deploy command, the switch window and the rollback, each a testcase; output in system-out. */
function watchSuite(watch: WatchResult): XmlEntry {
  const testcase = (name: string, failure: string | undefined, output?: string): XmlEntry => ({
    name: 'testcase',
    attributes: { name, classname: `watch ${watch.profile}`, time: 0 },
    children: [
      ...(failure ? [{ name: 'failure', attributes: { message: failure, type: 'watch' } }] : []),
      ...(output ? [{ name: 'system-out', text: output }] : []),
    ],
  });
  const c = watch.command;
  const cases = [
    testcase(
      'command',
      !c ? (watch.unreachable ?? 'not run') : c.exitCode === 0 ? undefined : `${c.command}: ${exitWords(c)}`,
      c?.output,
    ),
    testcase(
      'switch window',
      watch.window.errors.count > 0
        ? `${failuresText(watch.window)}; ${errorWindowText(watch.window)}`
        : undefined,
    ),
  ];
  const r = watch.rollback;
  if (r) {
    const failure =
      r.exitCode !== 0
        ? `${r.command}: ${exitWords(r)}`
        : r.recovered
          ? undefined
          : 'traffic did not recover after the rollback';
    cases.push(testcase(`rollback (${r.trigger})`, failure, r.output));
  }
  return suite('watch', cases, watch.durationMs);
}

/** `tollgate compare`: one testcase per operation and metric; a metric that is not `pass` is a failure. */
function compareSuite(compare: CompareResult): XmlEntry {
  const cases = compare.metrics.map(
    (m): XmlEntry => ({
      name: 'testcase',
      attributes: { name: `${m.op} ${m.metric}`, classname: 'compare', time: 0 },
      children:
        m.class === 'pass' ? [] : [{ name: 'failure', attributes: { message: m.reason, type: m.class } }],
    }),
  );
  return suite('compare', cases, compare.durationMs);
}

function playwrightSuite(model: RunModel): XmlEntry {
  const suites = model.suites!;
  const cases = suites.tests.map((t): XmlEntry => {
    const testcase: XmlEntry = {
      name: 'testcase',
      attributes: { name: t.title, classname: `${t.project} ${t.file}` },
    };
    if (t.status === 'failed' || t.status === 'timedOut') {
      testcase.children = [
        { name: 'failure', attributes: { message: t.status, type: 'playwright' }, text: t.error },
      ];
    } else if (t.status === 'skipped') {
      testcase.children = [{ name: 'skipped' }];
    }
    return testcase;
  });
  return suite(`suites (${formatDuration(suites.durationMs)})`, cases, suites.durationMs);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function serialize(entry: XmlEntry, indent: string): string {
  const attrs = Object.entries(entry.attributes ?? {})
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
  const children = entry.children ?? [];
  if (children.length === 0 && entry.text === undefined) return `${indent}<${entry.name}${attrs}/>\n`;
  const text = entry.text === undefined ? '' : xmlEscape(entry.text);
  const inner = children.map((child) => serialize(child, `${indent}  `)).join('');
  const body = children.length > 0 ? `\n${inner}${indent}` : text;
  return `${indent}<${entry.name}${attrs}>${body}</${entry.name}>\n`;
}

/** Escapes markup and drops characters XML 1.0 cannot carry (server bodies may hold any byte). */
function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
    );
}
