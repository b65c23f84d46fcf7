import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A server of ours in the style of the Gin admin scaffolds: every answer is
 * HTTP 200 with `{"code", "msg", "data"}`; code 0 is success, 7 a rejection.
 * Lengths count runes, as go-playground/validator does. `acceptBadQty` is the planted fault: createItem answers code 0 to a qty
 * below its minimum.
 */
export interface EnvelopeApi {
  baseURL: string;
  specPath: string;
  stop(): Promise<void>;
}

const envelope = (data: string) => ({
  type: 'object',
  required: ['code', 'msg'],
  properties: { code: { type: 'integer' }, msg: { type: 'string' }, data: { $ref: data } },
});

const envelopeSpec = {
  openapi: '3.0.3',
  info: { title: 'envelope api', version: '1' },
  paths: {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [{ name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } }],
        responses: {
          '200': {
            description: 'envelope',
            content: { 'application/json': { schema: envelope('#/components/schemas/Page') } },
          },
        },
      },
      post: {
        operationId: 'createItem',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/NewItem' } } },
        },
        responses: {
          '200': {
            description: 'envelope',
            content: { 'application/json': { schema: envelope('#/components/schemas/Item') } },
          },
        },
      },
    },
    '/tags': {
      post: {
        operationId: 'createTag',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['label'],
                properties: { label: { type: 'string', minLength: 2, maxLength: 12 } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'envelope',
            content: { 'application/json': { schema: envelope('#/components/schemas/Tag') } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      NewItem: {
        type: 'object',
        required: ['name', 'qty'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 20 },
          qty: { type: 'integer', minimum: 1, maximum: 100 },
        },
      },
      Item: {
        type: 'object',
        required: ['id', 'name', 'qty'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, qty: { type: 'integer' } },
      },
      Tag: { type: 'object', required: ['label'], properties: { label: { type: 'string' } } },
      Page: {
        type: 'object',
        required: ['list', 'total'],
        properties: {
          list: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          total: { type: 'integer' },
        },
      },
    },
  },
};

export async function startEnvelopeApi(options: { acceptBadQty?: boolean } = {}): Promise<EnvelopeApi> {
  const items: { id: number; name: string; qty: number }[] = [];
  const answer = (res: ServerResponse, code: number, msg: string, data: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code, msg, data }));
  };
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    let body: unknown;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    } catch {
      return answer(res, 7, 'invalid JSON', {});
    }
    // Like Gin's c.ShouldBind: the binding follows Content-Type, so a text/plain body binds nothing.
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    if (req.method === 'POST' && !json) return answer(res, 7, 'unsupported content type', {});
    const fields = (body ?? {}) as Record<string, unknown>;
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    if (req.method === 'GET' && url.pathname === '/items') {
      const raw = url.searchParams.get('pageSize');
      const size = raw === null ? 10 : Number(raw);
      if (!/^\d+$/.test(raw ?? '10') || size < 1 || size > 50)
        return answer(res, 7, 'pageSize must be 1..50', {});
      return answer(res, 0, 'ok', { list: items.slice(0, size), total: items.length });
    }
    if (req.method === 'POST' && url.pathname === '/items') {
      const { name, qty } = fields;
      const known = Object.keys(fields).every((k) => k === 'name' || k === 'qty');
      const nameOk = typeof name === 'string' && [...name].length >= 1 && [...name].length <= 20;
      const qtyType = typeof qty === 'number' && Number.isInteger(qty) && qty <= 100;
      const qtyOk = qtyType && (qty as number) >= 1;
      if (!isObject || !known || !nameOk || !(qtyOk || (options.acceptBadQty && qtyType)))
        return answer(res, 7, 'invalid item', {});
      const item = { id: items.length + 1, name: name as string, qty: qty as number };
      items.push(item);
      return answer(res, 0, 'created', item);
    }
    if (req.method === 'POST' && url.pathname === '/tags') {
      const { label } = fields;
      const ok =
        isObject &&
        Object.keys(fields).every((k) => k === 'label') &&
        typeof label === 'string' &&
        [...label].length >= 2 &&
        [...label].length <= 12;
      return ok ? answer(res, 0, 'ok', { label }) : answer(res, 7, 'invalid tag', {});
    }
    answer(res, 7, 'no such route', {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-envelope-'));
  const specPath = join(dir, 'envelope.openapi.json');
  writeFileSync(
    specPath,
    JSON.stringify({ ...envelopeSpec, servers: [{ url: `http://127.0.0.1:${port}` }] }),
  );
  return {
    baseURL: `http://127.0.0.1:${port}`,
    specPath,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
