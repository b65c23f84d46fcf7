/**
 * A large but ordinary OpenAPI 3.0 document: `operations` GET operations over
 * `/items<n>/{id}`, each answering a small object. `padding` adds that many
 * bytes of description per operation, to reach a given file size; `example`
 * gives the id parameter one (what `tollgate monitor` needs to probe it).
 */
export function bigSpec(
  operations: number,
  padding = 0,
  options: { example?: number } = {},
): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const filler = 'x'.repeat(padding);
  for (let i = 0; i < operations; i++) {
    paths[`/items${i}/{id}`] = {
      get: {
        operationId: `getItem${i}`,
        description: filler,
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'integer', minimum: 1 },
            ...(options.example === undefined ? {} : { example: options.example }),
          },
        ],
        responses: {
          '200': {
            description: 'the item',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '404': { description: 'no such item' },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Big', version: '1' },
    paths,
    components: {
      schemas: {
        Item: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
        },
      },
    },
  };
}
