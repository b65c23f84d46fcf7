import type { CaseExpectation, CheckContext } from '../../../src/checks/types.ts';
import type { Exchange } from '../../../src/http/types.ts';
import type {
  HttpMethod,
  LoadedSpec,
  MediaType,
  Operation,
  ResponseSpec,
  SecurityRequirement,
} from '../../../src/spec/types.ts';

/**
 * Two small specs built by hand (a 3.1 albums API and a 3.0 pets API with
 * nullable and discriminator), with a minimal document-to-operations walk so
 * that check tests do not depend on the spec loader.
 */

const album = {
  type: 'object',
  required: ['id', 'title', 'artist', 'price'],
  properties: {
    id: { type: 'integer', minimum: 1, readOnly: true },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    artist: { type: 'string' },
    price: { type: 'number', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    secret: { type: 'string', writeOnly: true },
    released: { type: 'string', format: 'date' },
    catalog: { type: 'string', format: 'int64-ish' },
  },
};

const error = { type: 'object', required: ['error'], properties: { error: { type: 'string' } } };
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const requestId = { 'X-Request-Id': { required: true, schema: { type: 'string' } } };

export const albumsDocument31 = {
  openapi: '3.1.0',
  info: { title: 'Albums', version: '1.0.0' },
  components: {
    schemas: {
      Album: album,
      Error: error,
      AlbumPage: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Album' } },
          total: { type: 'integer' },
        },
      },
      Track: {
        type: 'object',
        required: ['id', 'title'],
        properties: { id: { type: 'integer' }, title: { type: 'string' } },
      },
    },
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  },
  paths: {
    '/albums': {
      get: {
        operationId: 'listAlbums',
        responses: {
          '200': {
            description: 'ok',
            headers: {
              ...requestId,
              'X-Total-Count': { required: true, schema: { type: 'integer', minimum: 0 } },
            },
            content: json('AlbumPage'),
          },
          '400': { description: 'bad', content: json('Error') },
        },
      },
      post: {
        operationId: 'createAlbum',
        security: [{ bearerAuth: [] }],
        requestBody: { required: true, content: json('Album') },
        responses: {
          '201': {
            description: 'created',
            headers: { Location: { required: true, schema: { type: 'string' } } },
            content: json('Album'),
          },
          '400': { description: 'bad', content: json('Error') },
          '401': { description: 'unauthorized', content: json('Error') },
        },
      },
    },
    '/albums/{id}': {
      get: {
        operationId: 'getAlbum',
        'x-tollgate-max-ms': 50,
        responses: {
          '200': { description: 'ok', headers: requestId, content: json('Album') },
          '404': { description: 'missing', content: json('Error') },
        },
      },
      delete: {
        operationId: 'deleteAlbum',
        responses: {
          '204': { description: 'deleted' },
          '404': { description: 'missing', content: json('Error') },
        },
      },
    },
    '/albums/{id}/tracks': {
      get: {
        operationId: 'listTracks',
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'array', items: { $ref: '#/components/schemas/Track' } },
              },
            },
          },
          '3XX': { description: 'moved' },
          default: {
            description: 'problem',
            content: { 'application/*+json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
  },
};

export const petsDocument30 = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  components: {
    schemas: {
      Error: error,
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'petType', mapping: { cat: 'Cat', dog: '#/components/schemas/Dog' } },
      },
      Cat: {
        type: 'object',
        required: ['petType', 'name'],
        properties: { petType: { type: 'string' }, name: { type: 'string' } },
      },
      Dog: {
        type: 'object',
        required: ['petType', 'name'],
        properties: {
          petType: { type: 'string' },
          name: { type: 'string' },
          bark: { type: 'boolean', nullable: true },
        },
      },
      Owner: {
        type: 'object',
        required: ['name', 'pets'],
        example: { name: 'Ann', pets: [] },
        'x-go-type': 'model.Owner',
        properties: {
          name: { type: 'string', nullable: true },
          age: { type: 'integer', minimum: 0, exclusiveMinimum: true },
          status: { type: 'string', enum: ['active', 'gone'], nullable: true },
          pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
          address: { type: 'object', properties: { city: { type: 'string' } } },
          best: { allOf: [{ $ref: '#/components/schemas/Pet' }], nullable: true },
          id: { type: 'string', format: 'uuid' },
        },
      },
    },
  },
  paths: {
    '/owners/{id}': {
      get: {
        operationId: 'getOwner',
        responses: {
          '200': { description: 'ok', content: json('Owner') },
          default: { description: 'error', content: json('Error') },
        },
      },
    },
  },
};

const methods: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A LoadedSpec straight from a document whose responses are inline (as these fixtures are). */
function specFrom(document: Record<string, unknown>): LoadedSpec {
  const operations: Operation[] = [];
  const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const responses: Record<string, ResponseSpec> = {};
      for (const [status, r] of Object.entries(op.responses as Record<string, Record<string, unknown>>)) {
        responses[status] = {
          description: String(r.description),
          content: (r.content ?? {}) as Record<string, MediaType>,
          headers: (r.headers ?? {}) as ResponseSpec['headers'],
          links: {},
        };
      }
      operations.push({
        id: String(op.operationId),
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        ginPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        tags: [],
        parameters: [],
        responses,
        security: (op.security ?? []) as SecurityRequirement[],
        pointer: `#/paths/${path.replaceAll('/', '~1')}/${method}`,
        extensions: Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith('x-'))),
      });
    }
  }
  const openapi = String(document.openapi);
  const dialect = openapi.startsWith('3.1') ? '3.1' : '3.0';
  const info = document.info as { title: string; version: string };
  return {
    source: 'fixture.yaml',
    version: dialect,
    dialect,
    title: info.title,
    apiVersion: info.version,
    document,
    basePath: '',
    operations,
  };
}

export const albums31 = specFrom(albumsDocument31);
export const pets30 = specFrom(petsDocument30);

export function operation(spec: LoadedSpec, id: string): Operation {
  const found = spec.operations.find((op) => op.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

export function context(
  spec: LoadedSpec,
  operationId: string,
  expectation: CaseExpectation = 'any',
  extra: Partial<CheckContext> = {},
): CheckContext {
  return {
    spec,
    operation: operation(spec, operationId),
    case: { phase: 'positive', expectation, description: 'fixture case' },
    options: {},
    handleMethodNotAllowed: false,
    ...extra,
  };
}

export interface ExchangeInit {
  method?: string;
  url?: string;
  requestHeaders?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  elapsedMs?: number;
}

export const defaultUrl = 'http://127.0.0.1:8080/albums/1';

/** A URL that reaches the operation's route, every path parameter set to 1. */
export function urlFor(op: Operation): string {
  return `http://127.0.0.1:8080${op.path.replace(/\{[^}]+\}/g, '1')}`;
}

/** An exchange (at defaultUrl unless `url` is given); an object `body` is sent as JSON with `application/json; charset=utf-8` (as Gin's c.JSON). */
export function exchange(init: ExchangeInit = {}): Exchange {
  const isText = typeof init.body === 'string' || init.body === undefined;
  const text = init.body === undefined ? '' : isText ? (init.body as string) : JSON.stringify(init.body);
  const headers = isText
    ? { ...init.headers }
    : { 'content-type': 'application/json; charset=utf-8', ...init.headers };
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    request: {
      method: init.method ?? 'GET',
      url: init.url ?? 'http://127.0.0.1:8080/albums/1',
      headers: init.requestHeaders ?? {},
    },
    response: { status: init.status ?? 200, headers, body: text, json, elapsedMs: init.elapsedMs ?? 1.5 },
  };
}
