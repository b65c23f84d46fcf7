/** Small specs that several tests (and reliability cases) use as they are. */

/** One GET /echo answering `{ ok: boolean }`: the target of the secrets tests. */
export const echoSpec = `openapi: 3.0.3
info: { title: echo, version: '1' }
paths:
  /echo:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, required: [ok], properties: { ok: { type: boolean } } }
`;

/** A pure `$ref` cycle (A -> B -> A): no schema ever resolves. */
export const refCycleSpec = `openapi: 3.0.3
info: { title: c, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '#/components/schemas/A' } } }
components:
  schemas:
    A: { $ref: '#/components/schemas/B' }
    B: { $ref: '#/components/schemas/A' }
`;
