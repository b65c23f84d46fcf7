import { serve } from './serve.ts';

// Serves parts of specs, as a schema registry would: /parts/money.yaml (a
// schema), /same-origin.yaml (a spec whose $ref is relative, so on this
// origin) and /other-origin.yaml (a spec whose $ref is on another port).
// Everything it is asked for is logged, so a case can show what was fetched.
const money = 'Money:\n  type: object\n  required: [amount]\n  properties: { amount: { type: integer } }\n';
const specWith = (ref: string) => `openapi: 3.1.0
info: { title: parts, version: '1' }
paths:
  /prices:
    get:
      operationId: getPrice
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '${ref}' } } }
`;
serve((req, res) => {
  const send = (text: string) => {
    res.writeHead(200, { 'content-type': 'application/yaml' });
    res.end(text);
  };
  if (req.url === '/parts/money.yaml') return send(money);
  if (req.url === '/same-origin.yaml') return send(specWith('parts/money.yaml#/Money'));
  if (req.url === '/other-origin.yaml') return send(specWith('http://127.0.0.1:9/money.yaml#/Money'));
  if (req.url === '/') return send('ok');
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('404 page not found');
});
