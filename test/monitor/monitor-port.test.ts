import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'vitest';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = join(new URL('../..', import.meta.url).pathname, 'specs/albums.openapi.yaml');

test('tollgate monitor on a port in use: exit 2 and one line naming the port', async () => {
  const holder = createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  const port = (holder.address() as { port: number }).port;
  try {
    const r = await runCli([
      'monitor',
      '--spec',
      spec,
      '--base-url',
      'http://127.0.0.1:9',
      '--port',
      String(port),
    ]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      oneLine(r),
      new RegExp(
        `TG_PORT_IN_USE: cannot serve /metrics on 127\\.0\\.0\\.1:${port}: the port is in use \\(.*--port\\)`,
      ),
    );
  } finally {
    holder.close();
  }
});

test('tollgate monitor with a bad --interval: exit 2 before anything is served', async () => {
  const r = await runCli([
    'monitor',
    '--spec',
    spec,
    '--base-url',
    'http://127.0.0.1:9',
    '--interval',
    'often',
  ]);
  assert.equal(r.code, 2);
  assert.match(oneLine(r), /TG_USAGE: --interval must look like 30s/);
});
