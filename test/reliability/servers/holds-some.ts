import { json, serve } from './serve.ts';

// A small API that answers everything quickly with an empty JSON object,
// except paths starting with one of HOLD_PATHS (comma-separated), which it
// holds open forever. GET / answers so the reachability probe passes.
const hold = (process.env.HOLD_PATHS ?? '').split(',').filter(Boolean);
serve((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (hold.some((p) => path.startsWith(p))) return;
  if (path === '/healthz') return json(res, 200, { status: 'ok' });
  json(res, 200, {});
});
