/**
 * The spec model every other part of tollgate reads. Whatever was loaded
 * (Swagger 2.0, OpenAPI 3.0 or 3.1; one file or many), `document` is one
 * OpenAPI 3.x object whose `$ref`s all point inside itself
 * (`#/components/...`): external files are bundled in and Swagger 2.0 is
 * converted. Schemas inside operations keep their `$ref`s; follow them with
 * `resolveRef()` one step at a time, which is how circular schemas stay finite.
 */

export type SpecVersion = '2.0' | '3.0' | '3.1';
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** A JSON Schema object as found in the document (may be `{ $ref }`). */
export type SchemaObject = Record<string, unknown>;

export interface LoadedSpec {
  /** The file path or URL it was loaded from. */
  source: string;
  /** The version as written in the source. */
  version: SpecVersion;
  /** The dialect of `document`: '3.0' for 2.0 and 3.0 sources, '3.1' for 3.1. */
  dialect: '3.0' | '3.1';
  /** `info.title` and `info.version`. */
  title: string;
  apiVersion: string;
  /** The bundled OpenAPI 3.x document (plain JSON). */
  document: Record<string, unknown>;
  /** Path prefix from `servers[0].url` (or Swagger `basePath`), e.g. `/api/v1`; '' when none. */
  basePath: string;
  operations: Operation[];
}

export interface Operation {
  /** `operationId`, or `METHOD /path` when the spec has none. */
  id: string;
  /** `GET /v1/albums/{id}`: the name findings and reports use. */
  key: string;
  method: HttpMethod;
  /** OpenAPI path template, without basePath: `/v1/albums/{id}`. */
  path: string;
  /** The same path as Gin registers it: `/v1/albums/:id`. */
  ginPath: string;
  tags: string[];
  summary?: string;
  /** Path-level and operation-level parameters merged (operation wins), refs resolved. */
  parameters: Parameter[];
  requestBody?: RequestBody;
  /** Keyed by status as written: '200', '4XX', 'default'. */
  responses: Record<string, ResponseSpec>;
  /** Effective security: the operation's, else the document's; [] means none. */
  security: SecurityRequirement[];
  /** Where this operation lives in `document`, e.g. `#/paths/~1v1~1albums/get`. */
  pointer: string;
  /** `x-*` extensions of the operation, e.g. `x-tollgate-max-ms`. */
  extensions: Record<string, unknown>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: SchemaObject;
  /** `form` for query, `simple` for path and header unless the spec says otherwise. */
  style: string;
  /** Query arrays: true means `ids=1&ids=2` (what Gin's binding reads). */
  explode: boolean;
  example?: unknown;
  examples?: unknown[];
  /** `x-*` keys of the parameter, e.g. `x-tollgate-collection-format: csv` kept from Swagger 2.0. */
  extensions?: Record<string, unknown>;
}

export interface RequestBody {
  required: boolean;
  /** Keyed by media type: `application/json`. */
  content: Record<string, MediaType>;
}

export interface MediaType {
  schema?: SchemaObject;
  example?: unknown;
  examples?: unknown[];
}

export interface ResponseSpec {
  description: string;
  /** Keyed by media type; empty when the response has no body. */
  content: Record<string, MediaType>;
  headers: Record<string, HeaderSpec>;
  links: Record<string, LinkSpec>;
}

export interface HeaderSpec {
  required: boolean;
  schema?: SchemaObject;
}

export interface LinkSpec {
  /** Target operation id (resolved from operationRef when needed). */
  operationId: string;
  /** Parameter name -> runtime expression, e.g. `$response.body#/id`. */
  parameters: Record<string, string>;
  requestBody?: unknown;
}

/** Scheme name -> scopes, as in OpenAPI. */
export type SecurityRequirement = Record<string, string[]>;
