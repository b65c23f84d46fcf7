import { serve } from './serve.ts';

// Answers `GET /` (so the reachability probe passes) and holds every other
// request open without ever answering: every case times out.
serve((req, res) => {
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  }
});
