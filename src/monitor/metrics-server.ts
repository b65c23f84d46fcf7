import { createServer, type Server } from 'node:http';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { MonitorMetrics } from './monitor-metrics.ts';

export interface MetricsServer {
  /** `http://127.0.0.1:9470/metrics` (the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text) on the given host and port; every
 * other path is 404. A port something else holds is TG_PORT_IN_USE (exit 2).
 */
export async function serveMetrics(
  metrics: MonitorMetrics,
  host: string,
  port: number,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new TollgateError(
              'TG_PORT_IN_USE',
              `cannot serve /metrics on ${host}:${port}: ${error.code === 'EACCES' ? 'permission denied' : 'the port is in use'}`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
