import { serve } from './serve.ts';

// Echoes every credential it was sent (and a cookie it sets) back in its body
// and headers, as debug endpoints and error pages do. `ok` is not the
// documented boolean, so the exchange lands in every report.
serve((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  const echo = {
    ok: 'not a boolean',
    authorization: req.headers.authorization,
    cookie: req.headers.cookie,
    session: req.headers['x-session-id'],
    auth: req.headers['x-auth'],
    key: req.headers['x-api-key'],
    trace: req.headers['x-trace'],
    refresh: 'servercookie-555555',
  };
  res.writeHead(200, {
    'content-type': 'application/json',
    'set-cookie': 'refresh=servercookie-555555; HttpOnly',
    'x-debug-echo': `${req.headers['x-session-id']} ${req.headers['x-auth']} ${req.headers.cookie} ${req.headers.authorization}`,
  });
  res.end(JSON.stringify(echo));
});
