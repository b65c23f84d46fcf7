import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { queryInstant } from '../../src/prometheus/query-prometheus.ts';
import { renderQuery } from '../../src/prometheus/render-query.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type Daemon, queryUntil, startPrometheus } from '../support/prometheus.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** Every PromQL of the README's examples: the quoted strings with a `{{window}}` range, `promql:` taken off. */
const examples = [...readme.matchAll(/'((?:promql:)?[^'\n]*\[\{\{window\}\}\][^'\n]*)'/g)].map((m) =>
  m[1].replace(/^promql:/, ''),
);

describe("the README's PromQL examples run on a real Prometheus scraping albums-api", () => {
  let api: AlbumsApi;
  let prometheus: Daemon;
  let traffic: NodeJS.Timeout | undefined;
  beforeAll(async () => {
    api = await startAlbumsApi({ faults: ['flaky-5xx'] });
    prometheus = await startPrometheus({ jobs: { albums: [new URL(api.baseURL).host] } });
    // traffic the whole time, so every rate() over the window has increases to see
    traffic = setInterval(() => {
      for (const p of ['/v1/albums/1', '/v1/albums', '/v1/albums/2'])
        fetch(`${api.baseURL}${p}`).then(
          (r) => r.arrayBuffer(),
          () => {},
        );
    }, 20);
    // two scrapes of the traffic, so rate() has something to work with
    const up = await queryUntil(
      prometheus,
      'sum(rate(http_requests_total[20s])) > 0',
      (s) => s.length === 1,
      15_000,
    );
    assert.equal(up.length, 1, 'Prometheus saw no traffic in 15 s');
  });
  afterAll(async () => {
    clearInterval(traffic);
    await prometheus?.stop();
    await api?.stop();
  });

  test('each example parses and, unless it selects a label this setup has not (track), measures one number', async () => {
    assert.ok(examples.length >= 5, `found ${examples.length} examples`);
    const now = Date.now();
    const window = { startMs: now - 20_000, endMs: now };
    for (const expr of examples) {
      const query = renderQuery(expr, window, { instance: new URL(api.baseURL).host, side: 'baseline' });
      const result = await queryInstant({ url: prometheus.url, headers: {} }, query, now / 1000);
      if (/track="/.test(expr))
        assert.ok(result.ok || result.problem === 'empty', `${query}: ${JSON.stringify(result)}`);
      else assert.ok(result.ok, `${query}: ${JSON.stringify(result)}`);
    }
  });
});
