import { serve } from './serve.ts';

// GET /v1/albums streams a JSON page of BIG_BODY_MB megabytes (valid against
// the reference spec's AlbumList), in small chunks, as a runaway endpoint
// would; every other path answers {}.
const bytes = Number(process.env.BIG_BODY_MB ?? 20) * 1024 * 1024;
const album = JSON.stringify({
  id: 1,
  title: 'Blue Train',
  artist: 'John Coltrane',
  price: 56.99,
  createdAt: '2024-01-01T00:00:00Z',
});
serve((req, res) => {
  if (!req.url?.startsWith('/v1/albums') || req.url.startsWith('/v1/albums/')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
    return;
  }
  const count = Math.max(1, Math.floor(bytes / (album.length + 1)));
  res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': String(count) });
  let sent = 0;
  res.write('{"items":[');
  const more = () => {
    while (sent < count) {
      const chunk = Array.from({ length: Math.min(500, count - sent) }, () => album).join(',');
      const first = sent === 0;
      sent += Math.min(500, count - sent);
      if (!res.write(first ? chunk : `,${chunk}`)) return res.once('drain', more);
    }
    res.end(`],"total":${count},"limit":20,"offset":0}`);
  };
  res.on('close', () => {
    sent = count;
  });
  more();
});
