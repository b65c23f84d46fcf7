import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi } from './support/tiny-api.ts';

const article = {
  type: 'object',
  required: ['slug', 'title'],
  properties: { id: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' } },
};
const body = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1 } },
      },
    },
  },
};
const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const out = (description: string) => ({ description, content: { 'application/json': { schema: article } } });
const error = {
  description: 'error',
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } },
};

/** A RealWorld-style articles API: string slugs, and a PUT that upserts whatever slug it is given. */
const document = {
  openapi: '3.0.3',
  info: { title: 'articles', version: '1' },
  paths: {
    '/articles': {
      post: {
        operationId: 'createArticle',
        requestBody: body,
        responses: { '201': out('created'), '400': error },
      },
    },
    '/articles/{slug}': {
      get: {
        operationId: 'getArticle',
        parameters: [slug],
        responses: { '200': out('article'), '404': error },
      },
      put: {
        operationId: 'updateArticle',
        parameters: [slug],
        requestBody: body,
        responses: { '200': out('updated'), '400': error },
      },
      delete: {
        operationId: 'deleteArticle',
        parameters: [slug],
        responses: { '204': { description: 'gone' } },
      },
    },
  },
};

/** One article ("hello") exists before the run: someone else's. `lax` skips body validation on PUT. */
function api(lax: boolean) {
  const articles = new Map<string, string>([['hello', 'Hello world']]);
  const created = new Set<string>();
  let next = 1;
  const title = (raw: string): string | undefined => {
    try {
      const value = (JSON.parse(raw) as { title?: unknown }).title;
      return typeof value === 'string' && value !== '' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const server = startTinyApi((req, res) => {
    const path = req.url ?? '';
    const json400 = () => json(res, 400, { error: 'invalid' });
    const isJson = String(req.headers['content-type']).startsWith('application/json');
    if (req.method === 'POST' && path === '/articles') {
      const t = isJson ? title(req.body) : undefined;
      if (t === undefined) return json400();
      const s = `article-${next++}`;
      articles.set(s, t);
      created.add(s);
      return json(res, 201, { id: s, slug: s, title: t });
    }
    // Gin's router: /articles/:slug needs a non-empty segment.
    const match = /^\/articles\/([^/]+)$/.exec(path);
    if (!match) return false;
    const s = decodeURIComponent(match[1]);
    if (req.method === 'GET') {
      const t = articles.get(s);
      return t === undefined ? json(res, 404, { error: 'not found' }) : json(res, 200, { slug: s, title: t });
    }
    if (req.method === 'PUT') {
      const t = lax ? (title(req.body) ?? 'untitled') : isJson ? title(req.body) : undefined;
      if (t === undefined) return json400();
      articles.set(s, t);
      return json(res, 200, { slug: s, title: t });
    }
    if (req.method === 'DELETE') {
      articles.delete(s);
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  });
  return { server, articles, created };
}

function assertOnlyOwnWrites(received: TinyApi['received'], created: Set<string>) {
  for (const r of received) {
    assert.doesNotMatch(
      r.url,
      /\{slug\}|%7Bslug%7D/i,
      `a literal placeholder was sent: ${r.method} ${r.url}`,
    );
    if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const target = /^\/articles\/([^/]+)$/.exec(r.url)?.[1];
    if (target === undefined) continue;
    assert.ok(
      created.has(decodeURIComponent(target)),
      `${r.method} ${r.url} wrote to a resource the run did not create`,
    );
  }
}

describe('item 11: no literal placeholders, and every write goes to a resource the run created', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  describe('fault absent: a PUT that upserts any slug, with body validation', () => {
    let fixture: ReturnType<typeof api>;
    let server: TinyApi;
    beforeAll(async () => {
      fixture = api(false);
      server = await fixture.server;
    });
    afterAll(() => server.close());

    test('no findings, "hello" untouched, no `{slug}` sent, writes only to the run\'s articles', async () => {
      const run = await runOn(spec, server, { seed: 3 });
      assert.deepEqual(groupsOf(run), []);
      assert.equal(fixture.articles.get('hello'), 'Hello world');
      assertOnlyOwnWrites(server.received, fixture.created);
      // The missing-slug case went out as an empty segment, which the router matches to nothing.
      assert.ok(
        server.received.some((r) => r.method === 'PUT' && r.url === '/articles/'),
        'no empty-segment case',
      );
      assert.ok(
        server.received.filter((r) => r.method === 'PUT' && r.url !== '/articles/').length > 3,
        "PUT cases still ran on the run's own article",
      );
    });
  });

  describe('fault present: the PUT accepts a body without title', () => {
    let fixture: ReturnType<typeof api>;
    let server: TinyApi;
    beforeAll(async () => {
      fixture = api(true);
      server = await fixture.server;
    });
    afterAll(() => server.close());

    test("negative-data-rejected on PUT /articles/{slug}, found on the run's own article", async () => {
      const run = await runOn(spec, server, { seed: 3 });
      const groups = groupsOf(run);
      assert.ok(
        groups.some((g) => g.startsWith('negative-data-rejected | PUT /articles/{slug}')),
        groups.join('\n'),
      );
      assert.ok(!run.findings.some((f) => /slug missing/.test(f.expected)), groups.join('\n'));
      assert.equal(fixture.articles.get('hello'), 'Hello world');
      assertOnlyOwnWrites(server.received, fixture.created);
    });
  });
});
