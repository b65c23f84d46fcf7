import { serve } from './serve.ts';

// Answers GET / (the reachability probe) and redirects everything else to
// /followed on itself: a client that follows redirects shows up in the log.
serve((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/followed')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
    return;
  }
  res.writeHead(302, { location: `/followed${req.url}` });
  res.end();
});
