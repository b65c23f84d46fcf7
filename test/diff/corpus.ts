import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * The diff corpus: spec pairs written here, each with the verdict under
 * `--fail-on ERR` and the exact set of check ids `tollgate diff` must report.
 * `test/diff/corpus.test.ts` runs it; `bench/diff-vs-oasdiff` runs oasdiff
 * on the same files.
 */
export interface CorpusPair {
  name: string;
  /** What the pair is about, one line. */
  about: string;
  base: Doc;
  revision: Doc;
  /** `fail`: at least one ERR. */
  verdict: 'pass' | 'fail';
  /** Every check id reported, sorted, no duplicates. */
  checks: string[];
}

type Doc = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the corpus edits plain JSON documents
type Any = any;

/** A small albums API in OpenAPI 3.0: every check below edits one thing in it. */
function openapi30(): Doc {
  return {
    openapi: '3.0.3',
    info: { title: 'albums', version: '1.0.0' },
    servers: [{ url: '/v1' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        oauth: {
          type: 'oauth2',
          flows: {
            clientCredentials: { tokenUrl: 'https://auth.example/token', scopes: { read: 'r', write: 'w' } },
          },
        },
      },
      schemas: {
        Album: {
          type: 'object',
          required: ['id', 'title', 'status'],
          properties: {
            id: { type: 'integer', format: 'int64', readOnly: true },
            title: { type: 'string', minLength: 1, maxLength: 100 },
            status: { type: 'string', enum: ['draft', 'published'] },
            price: { type: 'number', minimum: 0, maximum: 1000 },
            artist: { type: 'string', nullable: false },
            code: { type: 'string', pattern: '^[A-Z]{3}$' },
          },
        },
      },
    },
    paths: {
      '/albums': {
        get: {
          operationId: 'listAlbums',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['title', 'price'] } },
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 50 } },
          ],
          responses: {
            '200': {
              description: 'albums',
              content: {
                'application/json': {
                  schema: { type: 'array', items: { $ref: '#/components/schemas/Album' } },
                },
              },
            },
            '400': { description: 'bad query' },
          },
        },
        post: {
          operationId: 'createAlbum',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Album' } } },
          },
          responses: {
            '201': {
              description: 'created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Album' } } },
            },
          },
        },
      },
      '/albums/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        get: {
          operationId: 'getAlbum',
          responses: {
            '200': {
              description: 'one album',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Album' } },
                'application/xml': { schema: { $ref: '#/components/schemas/Album' } },
              },
            },
            '404': { description: 'not found' },
          },
        },
        delete: {
          operationId: 'deleteAlbum',
          security: [{ oauth: ['write'] }],
          responses: { '204': { description: 'deleted' } },
        },
      },
      '/healthz': { get: { operationId: 'health', responses: { '200': { description: 'ok' } } } },
    },
  };
}

/** The same API as swag writes it (Swagger 2.0). */
function swagger2(): Doc {
  return {
    swagger: '2.0',
    info: { title: 'albums', version: '1.0.0' },
    basePath: '/v1',
    produces: ['application/json'],
    consumes: ['application/json'],
    definitions: {
      Album: {
        type: 'object',
        required: ['id', 'title'],
        properties: {
          id: { type: 'integer' },
          title: { type: 'string', maxLength: 100 },
          status: { type: 'string', enum: ['draft', 'published'] },
        },
      },
    },
    paths: {
      '/albums': {
        get: {
          parameters: [{ name: 'limit', in: 'query', type: 'integer', maximum: 100 }],
          responses: {
            '200': {
              description: 'albums',
              schema: { type: 'array', items: { $ref: '#/definitions/Album' } },
            },
          },
        },
        post: {
          parameters: [
            { name: 'album', in: 'body', required: true, schema: { $ref: '#/definitions/Album' } },
          ],
          responses: { '201': { description: 'created', schema: { $ref: '#/definitions/Album' } } },
        },
      },
      '/albums/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }],
          responses: {
            '200': { description: 'one', schema: { $ref: '#/definitions/Album' } },
            '404': { description: 'not found' },
          },
        },
      },
    },
  };
}

/** gin-admin's shape: every answer an allOf of a generic envelope and the typed `data`. */
function envelope(): Doc {
  const doc: Any = swagger2();
  doc.definitions.Result = {
    type: 'object',
    properties: { code: { type: 'integer' }, data: {}, msg: { type: 'string' } },
  };
  doc.paths['/albums/{id}'].get.responses['200'].schema = {
    allOf: [
      { $ref: '#/definitions/Result' },
      { type: 'object', properties: { data: { $ref: '#/definitions/Album' } } },
    ],
  };
  return doc;
}

/** The Swagger 2.0 API above as oapi-codegen users would write it in OpenAPI 3.0: no change for a client. */
function swagger2AsOpenapi30(): Doc {
  const album = { $ref: '#/components/schemas/Album' };
  return {
    openapi: '3.0.3',
    info: { title: 'albums', version: '1.0.0' },
    servers: [{ url: '/v1' }],
    components: {
      schemas: {
        Album: {
          type: 'object',
          required: ['id', 'title'],
          properties: {
            id: { type: 'integer' },
            title: { type: 'string', maxLength: 100 },
            status: { type: 'string', enum: ['draft', 'published'] },
          },
        },
      },
    },
    paths: {
      '/albums': {
        get: {
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }],
          responses: {
            '200': {
              description: 'albums',
              content: { 'application/json': { schema: { type: 'array', items: album } } },
            },
          },
        },
        post: {
          requestBody: { required: true, content: { 'application/json': { schema: album } } },
          responses: {
            '201': { description: 'created', content: { 'application/json': { schema: album } } },
          },
        },
      },
      '/albums/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': { description: 'one', content: { 'application/json': { schema: album } } },
            '404': { description: 'not found' },
          },
        },
      },
    },
  };
}

/** OpenAPI 3.1 spelling of nullable and exclusive bounds. */
function openapi31(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'albums', version: '1.0.0' },
    paths: {
      '/albums/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'one',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id'],
                    properties: { id: { type: 'integer' }, note: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

function edit(make: () => Doc, change: (doc: Any) => void): Doc {
  const doc = make();
  change(doc);
  return doc;
}

const album = (d: Any) => d.components.schemas.Album;
const list = (d: Any) => d.paths['/albums'].get;
const create = (d: Any) => d.paths['/albums'].post;
const getOne = (d: Any) => d.paths['/albums/{id}'].get;

function pair(
  name: string,
  about: string,
  revision: Doc,
  checks: string[],
  base: Doc = openapi30(),
  verdict?: 'pass' | 'fail',
): CorpusPair {
  const sorted = [...new Set(checks)].sort();
  return {
    name,
    about,
    base,
    revision,
    checks: sorted,
    verdict: verdict ?? (checks.length > 0 ? 'fail' : 'pass'),
  };
}

const info = (p: CorpusPair): CorpusPair => ({ ...p, verdict: 'pass' });

export const corpus: CorpusPair[] = [
  // ---- no change, in each format; reorder and re-$ref only
  pair('same-openapi30', 'identical OpenAPI 3.0', openapi30(), []),
  pair('same-swagger2', 'identical Swagger 2.0', swagger2(), [], swagger2()),
  pair('same-openapi31', 'identical OpenAPI 3.1', openapi31(), [], openapi31()),
  pair(
    'swagger2-to-openapi30',
    'swag Swagger 2.0 to the same API in OpenAPI 3.0',
    swagger2AsOpenapi30(),
    [],
    swagger2(),
  ),
  pair(
    'reorder-only',
    'paths, parameters, properties and enum values reordered',
    edit(openapi30, (d) => {
      d.paths = Object.fromEntries(Object.entries(d.paths).reverse());
      list(d).parameters.reverse();
      album(d).properties = Object.fromEntries(Object.entries(album(d).properties).reverse());
      album(d).required.reverse();
      album(d).properties.status.enum.reverse();
    }),
    [],
  ),
  pair(
    're-ref-inline',
    'the Album schema inlined where it was a $ref',
    edit(openapi30, (d) => {
      const inline = structuredClone(album(d));
      getOne(d).responses['200'].content['application/json'].schema = inline;
    }),
    [],
  ),
  pair(
    're-ref-renamed',
    'the Album schema renamed to AlbumV1 and every $ref moved to it',
    edit(openapi30, (d) => {
      d.components.schemas = { AlbumV1: album(d) };
      const text = JSON.stringify(d.paths).replaceAll(
        '#/components/schemas/Album',
        '#/components/schemas/AlbumV1',
      );
      d.paths = JSON.parse(text);
    }),
    [],
  ),
  pair(
    'allof-split',
    'Album split into allOf [AlbumBase, {status, price}]: same schema after merging',
    edit(openapi30, (d) => {
      const a = album(d);
      d.components.schemas.AlbumBase = {
        type: 'object',
        required: ['id', 'title'],
        properties: {
          id: a.properties.id,
          title: a.properties.title,
          artist: a.properties.artist,
          code: a.properties.code,
        },
      };
      d.components.schemas.Album = {
        allOf: [
          { $ref: '#/components/schemas/AlbumBase' },
          {
            type: 'object',
            required: ['status'],
            properties: { status: a.properties.status, price: a.properties.price },
          },
        ],
      };
    }),
    [],
  ),
  pair(
    'one-branch-oneof',
    'a response schema wrapped in a one-branch oneOf',
    edit(openapi30, (d) => {
      getOne(d).responses['200'].content['application/json'].schema = {
        oneOf: [{ $ref: '#/components/schemas/Album' }],
      };
    }),
    [],
  ),
  pair(
    'path-param-renamed',
    '/albums/{id} renamed to /albums/{albumId}: the same endpoint to a client',
    edit(openapi30, (d) => {
      const item = d.paths['/albums/{id}'];
      item.parameters[0].name = 'albumId';
      delete d.paths['/albums/{id}'];
      d.paths['/albums/{albumId}'] = item;
    }),
    [],
  ),
  pair(
    'descriptions-only',
    'only descriptions, summaries and examples changed',
    edit(openapi30, (d) => {
      list(d).summary = 'List albums';
      album(d).properties.title.description = 'the title';
      album(d).properties.title.example = 'Blue Train';
      getOne(d).responses['404'].description = 'no such album';
    }),
    [],
  ),
  // ---- endpoints
  pair(
    'path-removed',
    '/healthz removed without deprecation',
    edit(openapi30, (d) => {
      delete d.paths['/healthz'];
    }),
    ['api-path-removed-without-deprecation'],
  ),
  pair(
    'operation-removed',
    'DELETE /albums/{id} removed, the path stays',
    edit(openapi30, (d) => {
      delete d.paths['/albums/{id}'].delete;
    }),
    ['api-removed-without-deprecation'],
  ),
  pair(
    'deprecated-path-removed',
    'a path deprecated with a past sunset, then removed',
    edit(openapi30, (d) => {
      delete d.paths['/healthz'];
    }),
    ['api-path-removed-with-deprecation'],
    edit(openapi30, (d) => {
      d.paths['/healthz'].get.deprecated = true;
      d.paths['/healthz'].get['x-sunset'] = '2020-01-01';
    }),
    'pass',
  ),
  pair(
    'removed-before-sunset',
    'a deprecated operation removed before its sunset date',
    edit(openapi30, (d) => {
      delete d.paths['/albums/{id}'].delete;
    }),
    ['api-removed-before-sunset'],
    edit(openapi30, (d) => {
      d.paths['/albums/{id}'].delete.deprecated = true;
      d.paths['/albums/{id}'].delete['x-sunset'] = '2999-01-01';
    }),
  ),
  info(
    pair(
      'endpoint-added',
      'a new operation',
      edit(openapi30, (d) => {
        d.paths['/albums/{id}'].put = { responses: { '200': { description: 'ok' } } };
      }),
      ['endpoint-added'],
    ),
  ),
  info(
    pair(
      'deprecated',
      'an operation deprecated without a sunset',
      edit(openapi30, (d) => {
        list(d).deprecated = true;
      }),
      ['endpoint-deprecated'],
    ),
  ),
  info(
    pair(
      'deprecated-with-sunset',
      'an operation deprecated with x-sunset',
      edit(openapi30, (d) => {
        list(d).deprecated = true;
        list(d)['x-sunset'] = '2999-06-30';
      }),
      ['endpoint-deprecated-with-sunset'],
    ),
  ),
  pair(
    'sunset-unparsable',
    'deprecated with an x-sunset that is not a date',
    edit(openapi30, (d) => {
      list(d).deprecated = true;
      list(d)['x-sunset'] = 'next spring';
    }),
    ['api-deprecated-sunset-parse'],
  ),
  pair(
    'sunset-earlier',
    "a deprecated operation's sunset moved earlier",
    edit(openapi30, (d) => {
      list(d).deprecated = true;
      list(d)['x-sunset'] = '2998-01-01';
    }),
    ['api-sunset-date-changed-earlier'],
    edit(openapi30, (d) => {
      list(d).deprecated = true;
      list(d)['x-sunset'] = '2999-01-01';
    }),
  ),
  info(
    pair(
      'reactivated',
      'a deprecated operation is no longer deprecated',
      openapi30(),
      ['endpoint-reactivated'],
      edit(openapi30, (d) => {
        list(d).deprecated = true;
      }),
    ),
  ),
  // ---- responses
  pair(
    'success-status-removed',
    '201 of POST /albums replaced by 200',
    edit(openapi30, (d) => {
      create(d).responses = { '200': create(d).responses['201'] };
    }),
    ['response-success-status-removed', 'response-success-status-added'],
  ),
  info(
    pair(
      'error-status-removed',
      'the 400 of GET /albums removed',
      edit(openapi30, (d) => {
        delete list(d).responses['400'];
      }),
      ['response-non-success-status-removed'],
    ),
  ),
  pair(
    'response-media-type-removed',
    'application/xml dropped from GET /albums/{id}',
    edit(openapi30, (d) => {
      delete getOne(d).responses['200'].content['application/xml'];
    }),
    ['response-media-type-removed'],
  ),
  pair(
    'response-required-property-removed',
    'Album.title removed: gone from every response and from requests',
    edit(openapi30, (d) => {
      delete album(d).properties.title;
      album(d).required = ['id', 'status'];
    }),
    ['response-required-property-removed', 'request-property-removed'],
  ),
  pair(
    'response-property-became-optional',
    'Album.status no longer required',
    edit(openapi30, (d) => {
      album(d).required = ['id', 'title'];
    }),
    ['response-property-became-optional', 'request-property-became-optional'],
  ),
  pair(
    'response-property-became-nullable',
    'Album.artist became nullable',
    edit(openapi30, (d) => {
      album(d).properties.artist.nullable = true;
    }),
    ['response-property-became-nullable'],
  ),
  pair(
    'response-property-became-nullable-31',
    'OpenAPI 3.1: note became type [string, null]',
    edit(openapi31, (d) => {
      d.paths['/albums/{id}'].get.responses['200'].content['application/json'].schema.properties.note.type = [
        'string',
        'null',
      ];
    }),
    ['response-property-became-nullable'],
    openapi31(),
  ),
  pair(
    'response-enum-value-added',
    'a new Album.status value: responses may now carry it',
    edit(openapi30, (d) => {
      album(d).properties.status.enum.push('archived');
    }),
    ['response-property-enum-value-added', 'request-property-enum-value-added'],
  ),
  // ---- parameters
  pair(
    'new-required-parameter',
    'a required query parameter added',
    edit(openapi30, (d) => {
      list(d).parameters.push({ name: 'tenant', in: 'query', required: true, schema: { type: 'string' } });
    }),
    ['new-required-request-parameter'],
  ),
  info(
    pair(
      'new-optional-parameter',
      'an optional header added',
      edit(openapi30, (d) => {
        list(d).parameters.push({ name: 'X-Trace', in: 'header', schema: { type: 'string' } });
      }),
      ['new-optional-request-parameter'],
    ),
  ),
  pair(
    'parameter-became-required',
    'limit became required',
    edit(openapi30, (d) => {
      list(d).parameters[0].required = true;
    }),
    ['request-parameter-became-required'],
  ),
  pair(
    'parameter-removed',
    'the q parameter removed (WARN)',
    edit(openapi30, (d) => {
      list(d).parameters.splice(2, 1);
    }),
    ['request-parameter-removed'],
    openapi30(),
    'pass',
  ),
  pair(
    'parameter-type-changed',
    'the path id became a string',
    edit(openapi30, (d) => {
      d.paths['/albums/{id}'].parameters[0].schema = { type: 'string' };
    }),
    ['request-parameter-type-changed'],
  ),
  pair(
    'parameter-enum-value-removed',
    'sort=price no longer accepted',
    edit(openapi30, (d) => {
      list(d).parameters[1].schema.enum = ['title'];
    }),
    ['request-parameter-enum-value-removed'],
  ),
  pair(
    'parameter-max-decreased',
    'limit maximum 100 -> 50',
    edit(openapi30, (d) => {
      list(d).parameters[0].schema.maximum = 50;
    }),
    ['request-parameter-max-decreased'],
  ),
  pair(
    'parameter-min-increased',
    'limit minimum 1 -> 5',
    edit(openapi30, (d) => {
      list(d).parameters[0].schema.minimum = 5;
    }),
    ['request-parameter-min-increased'],
  ),
  pair(
    'parameter-max-length-decreased',
    'q maxLength 50 -> 10',
    edit(openapi30, (d) => {
      list(d).parameters[2].schema.maxLength = 10;
    }),
    ['request-parameter-max-length-decreased'],
  ),
  // ---- request body
  pair(
    'request-property-became-required',
    'Album.price became required: clients that omit it now fail',
    edit(openapi30, (d) => {
      album(d).required.push('price');
    }),
    ['request-property-became-required', 'response-property-became-required'],
  ),
  pair(
    'new-required-request-property',
    'a required property added to Album',
    edit(openapi30, (d) => {
      album(d).properties.label = { type: 'string' };
      album(d).required.push('label');
    }),
    ['new-required-request-property', 'response-required-property-added'],
  ),
  pair(
    'request-property-type-changed',
    'Album.price became a string',
    edit(openapi30, (d) => {
      album(d).properties.price = { type: 'string' };
    }),
    ['request-property-type-changed', 'response-property-type-changed'],
  ),
  pair(
    'format-changed',
    'Album.id format int64 -> int32 (readOnly: responses only)',
    edit(openapi30, (d) => {
      album(d).properties.id.format = 'int32';
    }),
    ['response-property-type-changed'],
  ),
  pair(
    'request-enum-value-removed',
    "Album.status lost 'draft'",
    edit(openapi30, (d) => {
      album(d).properties.status.enum = ['published'];
    }),
    ['request-property-enum-value-removed', 'response-property-enum-value-removed'],
  ),
  pair(
    'request-max-length-decreased',
    'Album.title maxLength 100 -> 40',
    edit(openapi30, (d) => {
      album(d).properties.title.maxLength = 40;
    }),
    ['request-property-max-length-decreased', 'response-property-max-length-decreased'],
  ),
  pair(
    'request-max-decreased',
    'Album.price maximum 1000 -> 500',
    edit(openapi30, (d) => {
      album(d).properties.price.maximum = 500;
    }),
    ['request-property-max-decreased', 'response-property-max-decreased'],
  ),
  pair(
    'request-min-increased',
    'Album.price minimum 0 -> 1',
    edit(openapi30, (d) => {
      album(d).properties.price.minimum = 1;
    }),
    ['request-property-min-increased', 'response-property-min-increased'],
  ),
  pair(
    'request-body-became-required',
    'an optional body became required',
    openapi30(),
    ['request-body-became-required'],
    edit(openapi30, (d) => {
      create(d).requestBody.required = false;
    }),
  ),
  pair(
    'request-media-type-removed',
    'POST /albums no longer accepts JSON, only form data',
    edit(openapi30, (d) => {
      create(d).requestBody.content = {
        'application/x-www-form-urlencoded': create(d).requestBody.content['application/json'],
      };
    }),
    ['request-body-media-type-removed', 'request-body-media-type-added'],
  ),
  pair(
    'allof-property-required',
    'allOf split where the second part newly requires price: found through the merge',
    edit(openapi30, (d) => {
      const a = album(d);
      d.components.schemas.Album = {
        allOf: [{ ...a, required: ['id', 'title', 'status'] }, { required: ['price'] }],
      };
    }),
    ['request-property-became-required', 'response-property-became-required'],
  ),
  pair(
    'oneof-branch-removed',
    'a request oneOf lost a branch',
    edit(openapi30, (d) => {
      create(d).requestBody.content['application/json'].schema = {
        oneOf: [{ $ref: '#/components/schemas/Album' }, { type: 'string' }],
      };
    }),
    ['request-body-one-of-removed'],
    edit(openapi30, (d) => {
      create(d).requestBody.content['application/json'].schema = {
        oneOf: [{ $ref: '#/components/schemas/Album' }, { type: 'string' }, { type: 'integer' }],
      };
    }),
  ),
  // ---- security
  pair(
    'security-added-to-open-operation',
    'GET /albums needed nothing, now needs a bearer token',
    edit(openapi30, (d) => {
      list(d).security = [{ bearer: [] }];
    }),
    ['api-security-added', 'api-security-anonymous-access-removed'],
  ),
  pair(
    'security-changed',
    'POST /albums moved from bearer to oauth',
    edit(openapi30, (d) => {
      create(d).security = [{ oauth: ['write'] }];
    }),
    ['api-security-added', 'api-security-removed'],
  ),
  pair(
    'security-scope-added',
    'DELETE needs the read scope too',
    edit(openapi30, (d) => {
      d.paths['/albums/{id}'].delete.security = [{ oauth: ['write', 'read'] }];
    }),
    ['api-security-scope-added'],
  ),
  pair(
    'global-security-added',
    'the document now requires a bearer token everywhere',
    edit(openapi30, (d) => {
      d.security = [{ bearer: [] }];
    }),
    ['api-global-security-added', 'api-security-anonymous-access-removed'],
  ),
  pair(
    'allof-envelope-data-property-removed',
    'swag envelope allOf [Result {data: {}}, {data: $ref Album}]: Album.title removed is found through data',
    edit(envelope, (d) => {
      delete d.definitions.Album.properties.title;
      d.definitions.Album.required = ['id'];
    }),
    ['response-required-property-removed', 'request-property-removed'],
    envelope(),
  ),
  pair('same-envelope', 'the swag envelope against itself', envelope(), [], envelope()),
  // ---- cross format with a change
  pair(
    'swagger2-to-openapi30-breaking',
    'the swag spec migrated to OpenAPI 3.0 and limit became required on the way',
    edit(swagger2AsOpenapi30, (d) => {
      d.paths['/albums'].get.parameters[0].required = true;
    }),
    ['request-parameter-became-required'],
    swagger2(),
  ),
];

/** Writes every pair as `<dir>/<name>/base.yaml` and `revision.yaml` (Swagger 2.0 bases as `.json`, as swag serves them). */
export function writeCorpus(dir: string): { pair: CorpusPair; base: string; revision: string }[] {
  return corpus.map((p) => {
    const folder = join(dir, p.name);
    mkdirSync(folder, { recursive: true });
    const ext = (d: Doc) => ('swagger' in d ? 'json' : 'yaml');
    const write = (side: string, d: Doc) => {
      const file = join(folder, `${side}.${ext(d)}`);
      writeFileSync(file, ext(d) === 'json' ? `${JSON.stringify(d, null, 2)}\n` : stringify(d));
      return file;
    };
    return { pair: p, base: write('base', p.base), revision: write('revision', p.revision) };
  });
}
