import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSpec } from '../spec/types.ts';

/** How `tollgate init` will start the API locally, and why it chose so. */
export interface ServerGuess {
  /** `go run .` or `go run ./cmd/<name>`; undefined when no Go main package was found. */
  command?: string;
  /** Where the API listens, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** A 2xx GET without parameters or credentials the starter polls, with the spec's base path. */
  readyPath?: string;
  /** One line per guess, printed by `init` so the user can check it. */
  reasons: string[];
}

const gin = 'github.com/gin-gonic/gin';
// "127.0.0.1:8081", ":8080", "localhost:3000", "0.0.0.0:9000" as a Go string literal
const addressLiteral = /"(?:127\.0\.0\.1|localhost|0\.0\.0\.0)?:(\d{2,5})"/;
const healthLike = /health|ping|ready|live|status/i;

/** Reads go.mod, the Go main package and the spec to guess the local webServer. */
export function detectServer(root: string, spec: LoadedSpec, url?: string): ServerGuess {
  const reasons: string[] = [];
  const main = mainPackage(root);
  const goMod = join(root, 'go.mod');
  const isGin = existsSync(goMod) && readFileSync(goMod, 'utf8').includes(gin);
  if (main)
    reasons.push(
      `start: \`go run ${main.dir}\` (${main.dir === '.' ? 'main.go' : main.dir} is the main package${isGin ? ', with Gin in go.mod' : ''})`,
    );
  else reasons.push('start: no Go main package found; the local environment expects the API already running');
  const readyPath = healthPath(spec);
  reasons.push(
    readyPath
      ? `ready: polls GET ${readyPath} (no parameters, no credentials)`
      : 'ready: no GET without parameters and credentials in the spec; set webServer.readyPath to a route that answers 2xx',
  );
  if (url)
    return {
      command: main && `go run ${main.dir}`,
      url,
      readyPath,
      reasons: [`url: ${url} (--url)`, ...reasons],
    };
  const found = main ? listenAddress(join(root, main.dir)) : undefined;
  const fromSpec = specPort(spec);
  const port = found?.port ?? fromSpec ?? '8080';
  reasons.unshift(
    found
      ? `url: port ${port} from the literal ${found.literal} in ${found.file}`
      : fromSpec
        ? `url: port ${port} from the spec's host`
        : "url: port 8080, Gin's default for r.Run() (pass --url if the API listens elsewhere)",
  );
  return { command: main && `go run ${main.dir}`, url: `http://127.0.0.1:${port}`, readyPath, reasons };
}

function mainPackage(root: string): { dir: string } | undefined {
  if (isMain(root)) return { dir: '.' };
  const cmd = join(root, 'cmd');
  if (!existsSync(cmd)) return undefined;
  const name = readdirSync(cmd).find((d) => isMain(join(cmd, d)));
  return name ? { dir: `./cmd/${name}` } : undefined;
}

function isMain(dir: string): boolean {
  return goFiles(dir).some((file) => /^package main\b/m.test(readFileSync(join(dir, file), 'utf8')));
}

function goFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
}

function listenAddress(dir: string): { port: string; literal: string; file: string } | undefined {
  for (const file of goFiles(dir)) {
    const match = addressLiteral.exec(readFileSync(join(dir, file), 'utf8'));
    if (match?.[1]) return { port: match[1], literal: match[0], file };
  }
  return undefined;
}

function specPort(spec: LoadedSpec): string | undefined {
  const servers = spec.document.servers as { url?: string }[] | undefined;
  const url = servers?.[0]?.url;
  if (!url || !/^https?:\/\//.test(url)) return undefined;
  return new URL(url).port || undefined;
}

function healthPath(spec: LoadedSpec): string | undefined {
  const open = spec.operations.filter(
    (op) =>
      op.method === 'get' &&
      op.security.length === 0 &&
      !op.parameters.some((p) => p.required) &&
      !op.path.includes('{'),
  );
  const best = open.find((op) => healthLike.test(op.path)) ?? open[0];
  return best && `${spec.basePath}${best.path}`;
}
