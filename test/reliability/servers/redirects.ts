import { serve } from './serve.ts';

// Answers GET / (the reachability probe) and redirects everything else to
// /followed on itself: a client that follows redirects shows up in the log.
// With REDIRECT_PATHS (comma-separated prefixes) only those paths redirect;
// the rest answer 200 with an empty JSON object.
const only = (process.env.REDIRECT_PATHS ?? '').split(',').filter(Boolean);
serve((req, res) => {
  const path = req.url ?? '/';
  const redirect = only.length ? only.some((p) => path.startsWith(p)) : true;
  if (path === '/' || path.startsWith('/followed') || !redirect) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
    return;
  }
  res.writeHead(302, { location: `/followed${path}` });
  res.end();
});
