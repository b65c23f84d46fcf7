import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nginxBinary = '/usr/sbin/nginx';

/** One nginx proxy on a free loopback port, its config and pid in a temporary prefix. */
export interface Nginx {
  baseURL: string;
  /** The temporary prefix: nginx.conf, nginx.pid, error.log, temp folders. */
  prefix: string;
  conf: string;
  /** A shell command that points the proxy at `upstreams` and reloads it (what a deploy script does). */
  switchCommand(upstreams: string[], options?: { nextUpstream?: boolean }): string;
  /** Points the proxy at `upstreams` and reloads it from here. */
  switchTo(upstreams: string[], options?: { nextUpstream?: boolean }): void;
  stop(): Promise<void>;
}

/** A free loopback port (bound, read and released: the next listener takes it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * The config of a blue-green proxy: one upstream block (`host:port` each),
 * keep-alive to the upstreams, and `proxy_next_upstream` as in Debian's
 * default (error timeout) unless turned off. Workers run as the current user;
 * under root nginx needs `user root;` or its workers become nobody, who cannot
 * read a private temporary folder.
 */
function config(
  prefix: string,
  port: number,
  upstreams: string[],
  nextUpstream: boolean,
  bearer?: string,
): string {
  const root = process.getuid?.() === 0;
  return `${root ? 'user root;\n' : ''}worker_processes 1;
daemon off;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  upstream app {
${upstreams.map((u) => `    server ${u};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
${bearer ? `      if ($http_authorization != "Bearer ${bearer}") { return 401; }\n` : ''}      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream ${nextUpstream ? 'error timeout' : 'off'};
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

/**
 * With `bearer`, it answers 401 to a request without `Authorization: Bearer
 * <bearer>` (a proxy guarding a Pushgateway, which has no bearer auth itself).
 * Starts /usr/sbin/nginx as a non-daemon (`-g` is not needed: the config says
 * `daemon off`) with a temporary prefix, and waits until it answers. Reloads
 * are real: a new config and SIGHUP, so old workers finish their requests.
 */
export async function startNginx(upstreams: string[], options: { bearer?: string } = {}): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'tollgate-nginx-'));
  mkdirSync(join(prefix, 'tmp'));
  const conf = join(prefix, 'nginx.conf');
  const port = await freePort();
  writeFileSync(conf, config(prefix, port, upstreams, true, options.bearer));
  const child: ChildProcess = spawn(nginxBinary, ['-p', prefix, '-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${readLog(prefix)}`);
    const up = await fetch(`${baseURL}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 200) throw new Error(`nginx did not answer in 10s: ${stderr}${readLog(prefix)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  let versions = 0;
  return {
    baseURL,
    prefix,
    conf,
    switchCommand(to, options = {}) {
      const next = join(prefix, `nginx-${++versions}.conf`);
      writeFileSync(next, config(prefix, port, to, options.nextUpstream ?? true));
      return `cp ${next} ${conf} && ${nginxBinary} -p ${prefix} -c ${conf} -s reload`;
    },
    switchTo(to, options = {}) {
      writeFileSync(conf, config(prefix, port, to, options.nextUpstream ?? true));
      execFileSync(nginxBinary, ['-p', prefix, '-c', conf, '-s', 'reload'], { stdio: 'pipe' });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function readLog(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
