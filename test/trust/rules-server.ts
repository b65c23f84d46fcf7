import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A plain-JSON server of ours with business rules the schema cannot say:
 * `POST /users` answers every valid body 400 "captcha required" (400 is
 * documented: a warning), `POST /codes` answers 422 "duplicate code" (422 is
 * NOT documented: an error), `GET /ping` answers 200. Invalid bodies get 400
 * everywhere, as Gin's binding would.
 */
export interface RulesApi {
  baseURL: string;
  specPath: string;
  stop(): Promise<void>;
}

const body = (required: string[], properties: Record<string, unknown>) => ({
  required: true,
  content: {
    'application/json': { schema: { type: 'object', required, properties, additionalProperties: false } },
  },
});
const json = (description: string, schema: unknown = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

const rulesSpec = {
  openapi: '3.0.3',
  info: { title: 'rules api', version: '1' },
  paths: {
    '/ping': { get: { operationId: 'ping', responses: { '200': json('pong') } } },
    '/users': {
      post: {
        operationId: 'createUser',
        requestBody: body(['name'], { name: { type: 'string', minLength: 1, maxLength: 10 } }),
        responses: { '200': json('created'), '400': json('rejected') },
      },
    },
    '/codes': {
      post: {
        operationId: 'createCode',
        requestBody: body(['code'], { code: { type: 'integer', minimum: 1, maximum: 9 } }),
        responses: { '200': json('created'), '400': json('rejected') },
      },
    },
  },
};

export async function startRulesApi(options: { undocumentedRejection?: boolean } = {}): Promise<RulesApi> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/ping') return send(200, { pong: true });
    let parsed: Record<string, unknown> | undefined;
    try {
      const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value;
    } catch {}
    const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
    if (req.method === 'POST' && url.pathname === '/users') {
      const name = parsed?.name;
      const valid =
        isJson &&
        parsed !== undefined &&
        Object.keys(parsed).every((k) => k === 'name') &&
        typeof name === 'string' &&
        [...name].length >= 1 &&
        [...name].length <= 10;
      return valid ? send(400, { error: 'captcha required' }) : send(400, { error: 'invalid body' });
    }
    if (req.method === 'POST' && url.pathname === '/codes') {
      const code = parsed?.code;
      const valid =
        isJson &&
        parsed !== undefined &&
        Object.keys(parsed).every((k) => k === 'code') &&
        Number.isInteger(code) &&
        (code as number) >= 1 &&
        (code as number) <= 9;
      if (!valid) return send(400, { error: 'invalid body' });
      return options.undocumentedRejection ? send(422, { error: 'duplicate code' }) : send(200, { code });
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-rules-'));
  const specPath = join(dir, 'rules.openapi.json');
  writeFileSync(specPath, JSON.stringify(rulesSpec));
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
