import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { parse } from 'yaml';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type MonitorProcess, metricLines, startMonitor } from '../support/monitor-process.ts';
import { type Daemon, promtoolBinary, query, queryUntil, startPrometheus } from '../support/prometheus.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const alertsFile = join(root, 'monitoring/alerts.yml');
const dashboardFile = join(root, 'monitoring/grafana-dashboard.json');
const intervalMs = 2000;

const hostPort = (api: AlbumsApi) => new URL(api.baseURL).host;
const instances = (samples: { metric: Record<string, string> }[]) => samples.map((s) => s.metric.instance);

/**
 * Reads of getAlbum, ten per API at a time, until stopped (about 10 rps per
 * API), so the API's own counters grow between scrapes, as rate() needs.
 */
function traffic(apis: AlbumsApi[]): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const reads = apis.flatMap((api) =>
        Array.from({ length: 10 }, () => fetch(`${api.baseURL}/v1/albums/1`).then((r) => r.text())),
      );
      await Promise.all(reads);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

describe('tollgate monitor, the alert rules and the dashboard against a real Prometheus', () => {
  let faulty: AlbumsApi;
  let clean: AlbumsApi;
  let faultyMonitor: MonitorProcess;
  let cleanMonitor: MonitorProcess;
  let prometheus: Daemon;
  let faultSeen: string | undefined;
  let faultSeenAfterMs = 0;
  let stopTraffic: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // wrong-type breaks getAlbum's schema; flaky-5xx and slow feed the API's error-rate and latency alerts.
    [faulty, clean] = await Promise.all([
      startAlbumsApi({ faults: ['wrong-type', 'flaky-5xx', 'slow'], env: { ALBUMS_SLOW_MS: '700' } }),
      startAlbumsApi(),
    ]);
    const monitor = (api: AlbumsApi) =>
      startMonitor([
        '--spec',
        spec,
        '--base-url',
        api.baseURL,
        '--interval',
        `${intervalMs}ms`,
        '--rate-limit',
        '50',
      ]);
    [faultyMonitor, cleanMonitor] = await Promise.all([monitor(faulty), monitor(clean)]);
    // How long after it started serving the faulty API's monitor shows the fault (polled from the start).
    while (!faultSeen && Date.now() - faultyMonitor.startedAt < 3 * intervalMs) {
      const lines = await metricLines(faultyMonitor.url, 'tollgate_monitor_contract_violations');
      faultSeen = lines.find(
        (l) => l.includes('check="response-schema"') && l.includes('operation="GET /v1/albums/{id}"'),
      );
      faultSeenAfterMs = Date.now() - faultyMonitor.startedAt;
    }
    prometheus = await startPrometheus({
      jobs: {
        'tollgate-monitor': [faultyMonitor.instance, cleanMonitor.instance],
        albums: [hostPort(faulty), hostPort(clean)],
      },
      ruleFiles: [alertsFile],
    });
    stopTraffic = traffic([faulty, clean]);
  });
  afterAll(async () => {
    await stopTraffic?.();
    await Promise.all([faultyMonitor?.stop(), cleanMonitor?.stop(), prometheus?.stop()]);
    await Promise.all([faulty?.stop(), clean?.stop()]);
  });

  test("the monitor's /metrics show getAlbum's contract fault within two intervals; the clean API's none", async ({
    annotate,
  }) => {
    await annotate(`the fault showed on /metrics ${faultSeenAfterMs} ms after the monitor started serving`);
    assert.ok(faultSeen, `no violation in ${faultSeenAfterMs} ms:\n${faultyMonitor.stderr()}`);
    assert.ok(
      faultSeenAfterMs <= 2 * intervalMs,
      `seen after ${faultSeenAfterMs} ms, more than two intervals`,
    );
    assert.match(faultSeen, /severity="error"\} [1-9]/);
    assert.deepEqual(await metricLines(faultyMonitor.url, 'tollgate_monitor_probe_success'), [
      'tollgate_monitor_probe_success 0',
    ]);

    const cycles = await queryUntil(
      prometheus,
      `tollgate_monitor_cycles_total{result="success",instance="${cleanMonitor.instance}"} >= 2`,
      (s) => s.length === 1,
      20_000,
    );
    assert.equal(cycles.length, 1, cleanMonitor.stderr());
    assert.deepEqual(await metricLines(cleanMonitor.url, 'tollgate_monitor_contract_violations'), []);
    assert.deepEqual(await metricLines(cleanMonitor.url, 'tollgate_monitor_probe_success'), [
      'tollgate_monitor_probe_success 1',
    ]);
    const latency = await metricLines(cleanMonitor.url, 'tollgate_monitor_request_duration_seconds_count');
    assert.ok(
      latency.some((l) => l.includes('operation="GET /v1/albums/{id}"')),
      latency.join('\n'),
    );

    // and Prometheus scraped it: the violation is the faulty monitor's only
    const scraped = await queryUntil(
      prometheus,
      'tollgate_monitor_contract_violations{check="response-schema",operation="GET /v1/albums/{id}"}',
      (s) => s.length > 0,
      10_000,
    );
    assert.deepEqual(instances(scraped), [faultyMonitor.instance]);
  });

  test('promtool accepts monitoring/alerts.yml, and each alert is true under its fault and false without it', async () => {
    execFileSync(promtoolBinary, ['check', 'rules', alertsFile], { encoding: 'utf8' });
    const groups = parse(readFileSync(alertsFile, 'utf8')).groups as {
      name: string;
      rules: { alert: string; expr: string }[];
    }[];
    const subjects: Record<string, { fault: string; clean: string }> = {
      'tollgate-monitor': { fault: faultyMonitor.instance, clean: cleanMonitor.instance },
      'gin-api': { fault: hostPort(faulty), clean: hostPort(clean) },
    };
    const rules = groups.flatMap((g) => g.rules.map((r) => ({ ...r, ...subjects[g.name] })));
    assert.equal(rules.length, 5);
    for (const rule of rules) {
      const fired = await queryUntil(prometheus, rule.expr, (s) => instances(s).includes(rule.fault), 20_000);
      assert.ok(
        instances(fired).includes(rule.fault),
        `${rule.alert} is not true under its fault: ${JSON.stringify(fired)}`,
      );
      assert.ok(
        !instances(fired).includes(rule.clean),
        `${rule.alert} is true without its fault: ${JSON.stringify(fired)}`,
      );
    }
    const loaded = await (await fetch(`${prometheus.url}/api/v1/rules`)).json();
    const health = loaded.data.groups.flatMap((g: { rules: { name: string; health: string }[] }) =>
      g.rules.map((r) => `${r.name} ${r.health}`),
    );
    assert.deepEqual(health.sort(), rules.map((r) => `${r.alert} ok`).sort());
  });

  test('every panel query of monitoring/grafana-dashboard.json returns data from Prometheus', async () => {
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
      p.targets.map((t) => t.expr),
    );
    assert.ok(exprs.length >= 6, `${exprs.length} panel queries`);
    for (const expr of exprs) {
      const samples = await queryUntil(
        prometheus,
        expr,
        (s) => s.some((x) => Number.isFinite(Number(x.value[1]))),
        20_000,
      );
      assert.ok(
        samples.some((x) => Number.isFinite(Number(x.value[1]))),
        `no data: ${expr} -> ${JSON.stringify(samples)}`,
      );
    }
    assert.ok((await query(prometheus, 'up == 1')).length >= 4);
  });

  test('SIGTERM stops the monitor cleanly: exit 0', async () => {
    const [a, b] = await Promise.all([faultyMonitor.stop(), cleanMonitor.stop()]);
    assert.deepEqual([a, b], [0, 0], faultyMonitor.stderr() + cleanMonitor.stderr());
    assert.match(cleanMonitor.stderr(), /stopped after \d+ cycles/);
  });
});
