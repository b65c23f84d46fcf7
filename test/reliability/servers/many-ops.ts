import { json, serve } from './serve.ts';

// The API of `manyOpsSpec()` (cases-big-inputs.ts): GET /r<N>/{id} answers
// { id, name } for an integer id, 400 for any other id, and every other
// method or path a 404, as Gin does without HandleMethodNotAllowed.
serve((req, res) => {
  const match = /^\/r(\d+)\/([^/?]+)(\?.*)?$/.exec(req.url ?? '');
  if (req.method !== 'GET' || !match) return json(res, 404, { error: 'not found' });
  const id = Number(match[2]);
  if (!/^-?\d+$/.test(match[2]) || id < 1) return json(res, 400, { error: 'bad id' });
  json(res, 200, { id, name: `r${match[1]}` });
});
