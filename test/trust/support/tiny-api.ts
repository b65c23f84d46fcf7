import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContract } from '../../../src/contract/run-contract.ts';
import type { ContractInput, ContractOptions, ContractRun } from '../../../src/contract/types.ts';
import type { RequestRecord } from '../../../src/http/types.ts';
import { loadSpec } from '../../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../../src/spec/types.ts';

/**
 * A small API of ours on a loopback port, behaving like a Gin server in the
 * idiom under test: unknown routes answer Gin's `404 page not found`
 * (text/plain), JSON goes out as `application/json; charset=utf-8`.
 * The handler returns false for "no such route".
 */
export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => boolean | undefined;

export interface TinyApi {
  baseURL: string;
  /** Every request the server received, in order. */
  received: RequestRecord[];
  close(): Promise<void>;
}

export async function startTinyApi(handler: Handler): Promise<TinyApi> {
  const received: RequestRecord[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body });
      const handled = handler(Object.assign(req, { body }), res);
      if (handled === false) text(res, 404, '404 page not found');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export function json(res: ServerResponse, status: number, value: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
  return true;
}

export function text(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
  return true;
}

/** Writes a spec document to a temporary file and loads it the way the CLI does. */
export async function specFrom(document: Record<string, unknown>): Promise<LoadedSpec> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-trust-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  return loadSpec(file);
}

/** Runs the engine once against a tiny API. */
export async function runOn(
  spec: LoadedSpec,
  api: TinyApi,
  options: ContractOptions = {},
  extra: Partial<ContractInput> = {},
): Promise<ContractRun> {
  return runContract({
    spec,
    baseURL: api.baseURL,
    headers: {},
    secrets: [],
    ...extra,
    options: { maxCases: 5, workers: 2, timeoutMs: 20_000, ...options },
  });
}

/** `check | operation | title` per finding group, for readable assertion messages. */
export function groupsOf(run: ContractRun): string[] {
  return run.groups.map((g) => `${g.check} | ${g.operation} | ${g.title} x${g.count}`);
}
