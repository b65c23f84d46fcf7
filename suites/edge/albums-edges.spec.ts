import { expect, idempotencyKey, test } from '../fixtures.ts';

// Hand-written edge cases for the reference API. Each response is also checked
// against the spec by the fixture, so a wrong status or body shape fails here too.

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey() },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

test.describe('list boundaries', () => {
  for (const [query, status] of [
    ['limit=1', 200],
    ['limit=100', 200],
    ['limit=0', 400],
    ['limit=101', 400],
    ['offset=0', 200],
    ['offset=-1', 400],
    ['limit=abc', 400],
  ] as const) {
    test(`GET /v1/albums?${query} answers ${status}`, async ({ http }) => {
      const response = await http(`/v1/albums?${query}`);
      expect(response.status).toBe(status);
    });
  }
});

test.describe('request bodies', () => {
  test('malformed JSON is a 400 with a JSON error, not a 500', async ({ http }) => {
    const response = await http('/v1/albums', json('{"title": "x",'));
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('malformed_json');
  });

  test('a body that is not JSON gets 415', async ({ http }) => {
    const response = await http('/v1/albums', {
      ...json('title=x'),
      headers: { 'content-type': 'text/plain', 'idempotency-key': idempotencyKey() },
    });
    expect(response.status).toBe(415);
  });

  test('an oversized body gets 413', async ({ http }) => {
    const response = await http('/v1/albums', json({ title: 'x'.repeat(70_000), artist: 'a', price: 1 }));
    expect(response.status).toBe(413);
  });

  test('price 0 is accepted (binding:"required" would reject the zero value)', async ({ api }) => {
    const created = await api.POST('/v1/albums', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: { title: 'Free', artist: 'Nobody', price: 0 },
    });
    expect(created.response.status).toBe(201);
    await api.DELETE('/v1/albums/{id}', { params: { path: { id: created.data!.id } } });
  });

  test('a differently cased property is rejected, not silently matched', async ({ http }) => {
    const response = await http('/v1/albums', json({ Title: 'x', artist: 'a', price: 1 }));
    expect(response.status).toBe(400);
  });

  test('a missing Idempotency-Key is rejected', async ({ http }) => {
    const response = await http('/v1/albums', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', artist: 'a', price: 1 }),
    });
    expect(response.status).toBe(400);
  });
});

test.describe('auth', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    test(`${method} without credentials is 401 with WWW-Authenticate`, async ({ http }) => {
      const path = method === 'POST' ? '/v1/albums' : '/v1/albums/1';
      const response = await http(path, {
        ...json({ title: 'x', artist: 'a', price: 1 }),
        method,
        auth: false,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  }

  test('a wrong token is 401 too', async ({ http }) => {
    const response = await http('/v1/albums/1', {
      method: 'DELETE',
      auth: false,
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
  });
});

test.describe('Gin defaults the spec does not describe', () => {
  test('an unknown id is a JSON 404', async ({ http }) => {
    const response = await http('/v1/albums/999999');
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('not_found');
  });

  test('a trailing slash redirects (RedirectTrailingSlash), it is not served', async ({ http }) => {
    const response = await http('/v1/albums/');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/v1/albums');
  });

  test('an undeclared method is 404 while HandleMethodNotAllowed is off', async ({ http }) => {
    const response = await http('/v1/albums', { method: 'DELETE' });
    expect(response.status).toBe(404);
  });

  test('every response carries X-Request-Id, echoing the caller', async ({ http }) => {
    const response = await http('/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});
