import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Starts a hostile server on 127.0.0.1 port 0: logs each request as
 * `METHOD /path` on stderr, prints `listening on http://...` on stdout once
 * bound, and exits after `DIE_AFTER_REQUESTS` requests when that is set.
 */
export function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): void {
  const dieAfter = Number(process.env.DIE_AFTER_REQUESTS ?? 0);
  let seen = 0;
  const server = createServer((req, res) => {
    process.stderr.write(`${req.method} ${req.url}\n`);
    if (dieAfter > 0 && ++seen >= dieAfter) process.exit(0);
    handler(req, res);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object')
      process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}
