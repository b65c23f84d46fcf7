import type { ReliabilityCase } from './case.ts';

/**
 * A 3.1 spec whose schemas are named by `$id`s on the case's own server
 * (`{baseURL}/schemas/...`, so any fetch of them would show in server.log)
 * and by `$anchor`, reached every way JSON Schema 2020-12 allows.
 */
const idsSpec = `openapi: 3.1.0
info: { title: albums by id, version: '1' }
paths:
  /v1/albums/{id}:
    get:
      operationId: getAlbum
      parameters: [{ name: id, in: path, required: true, schema: { type: integer, minimum: 1, maximum: 3 } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '{baseURL}/schemas/album' } } }
components:
  schemas:
    Album:
      $id: '{baseURL}/schemas/album'
      type: object
      required: [id, title, price]
      properties:
        id: { type: integer }
        title: { $ref: 'title' }
        price: { $ref: '#price' }
      $defs:
        Price: { $anchor: price, type: number, minimum: 0 }
    Title:
      $id: '{baseURL}/schemas/title'
      type: string
`;
/** The same spec with the album's price behind a remote `$ref` to the case's server. */
const remoteSpec = `openapi: 3.1.0
info: { title: remote, version: '1' }
paths:
  /prices:
    get:
      operationId: getPrice
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '{baseURL}/parts/money.yaml#/Money' } } }
`;
const getAlbum = [
  '--operations',
  'getAlbum',
  '--checks',
  'response-schema',
  '--max-cases',
  '3',
  '-H',
  'Authorization: Bearer {token}',
];

/** Issue 10, item 6: `$id`/`$anchor` refs never touch the network; a remote `$ref` only with the flag. */
export const cases: ReliabilityCase[] = [
  {
    name: '3.1 $id and $anchor refs resolve inside the document: inspect sends nothing to the $id host',
    args: ['inspect', '--spec', '{dir}/ids.yaml'],
    files: { 'ids.yaml': idsSpec },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 0,
    message: /1 operations/,
    artifacts: { reports: false, 'server.log': { lacks: '/schemas' } },
  },
  {
    name: 'a $id is never fetched, even with --allow-remote-refs',
    args: ['inspect', '--spec', '{dir}/ids.yaml', '--allow-remote-refs'],
    files: { 'ids.yaml': idsSpec },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 0,
    message: /1 operations/,
    artifacts: { 'server.log': { lacks: '/schemas' } },
  },
  {
    name: 'contract through $id/$anchor refs finds the wrong-type fault on the right operation',
    args: ['contract', '--spec', '{dir}/ids.yaml', '--base-url', '{baseURL}', ...getAlbum],
    files: { 'ids.yaml': idsSpec },
    server: { kind: 'albums', faults: ['wrong-type'] },
    exit: 1,
    message: /response-schema/,
    artifacts: {
      'reports/latest/contract.json': {
        json: {
          'summary.verdict': 'fail',
          'findings.0.check': 'response-schema',
          'findings.0.operation': 'GET /v1/albums/{id}',
          'findings.0.received': /\/price/,
        },
      },
      'server.log': { lacks: '/schemas' },
    },
  },
  {
    name: 'contract through $id/$anchor refs against the clean API passes (fault absent)',
    args: ['contract', '--spec', '{dir}/ids.yaml', '--base-url', '{baseURL}', ...getAlbum],
    files: { 'ids.yaml': idsSpec },
    server: { kind: 'albums' },
    exit: 0,
    message: /contract PASSED/,
    artifacts: {
      'reports/latest/contract.json': {
        json: { 'summary.verdict': 'pass', 'operations.0.cases': { min: 1 } },
      },
      'server.log': { lacks: '/schemas' },
    },
  },
  {
    name: 'a remote $ref without --allow-remote-refs exits 2 naming the ref and the flag; nothing fetched',
    args: ['inspect', '--spec', '{dir}/remote.yaml'],
    files: { 'remote.yaml': remoteSpec },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 2,
    message:
      /^TG_SPEC_REMOTE_REF: remote\.yaml#\/paths\/~1prices\/get\/responses\/200\/content\/application~1json\/schema \(line 10\): \$ref "http:\/\/127\.0\.0\.1:\d+\/parts\/money\.yaml#\/Money" is on the network; .*--allow-remote-refs/,
    artifacts: { 'server.log': { lacks: '/parts' } },
  },
  {
    name: 'a remote $ref in a contract run is refused before any request to the API',
    args: ['contract', '--spec', '{dir}/remote.yaml', '--base-url', '{baseURL}'],
    files: { 'remote.yaml': remoteSpec },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 2,
    message: /TG_SPEC_REMOTE_REF: .*--allow-remote-refs/,
    artifacts: { reports: false, 'server.log': { lacks: /GET \/(parts|prices)/ } },
  },
  {
    name: 'with --allow-remote-refs the remote part is fetched once and bundled',
    args: ['inspect', '--spec', '{dir}/remote.yaml', '--allow-remote-refs'],
    files: { 'remote.yaml': remoteSpec },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 0,
    message: /1 operations/,
    artifacts: { 'server.log': { contains: /^GET \/parts\/money\.yaml$/m } },
  },
  {
    name: 'allowRemoteRefs: true in the config allows it as the flag does',
    args: ['inspect', '--spec', '{dir}/remote.yaml'],
    files: { 'remote.yaml': remoteSpec, 'tollgate.config.ts': 'export default { allowRemoteRefs: true };\n' },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 0,
    message: /1 operations/,
    artifacts: { 'server.log': { contains: 'GET /parts/money.yaml' } },
  },
  {
    name: 'a bad allowRemoteRefs in the config exits 2 naming the key',
    args: ['inspect', '--spec', '{dir}/remote.yaml'],
    files: {
      'remote.yaml': remoteSpec,
      'tollgate.config.ts': "export default { allowRemoteRefs: 'yes' };\n",
    },
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 2,
    message: /TG_CONFIG_INVALID: .*allowRemoteRefs must be true or false, got "yes"/,
    artifacts: { 'server.log': { lacks: '/parts' } },
  },
  {
    name: 'a spec read from a URL may use relative refs on its own origin without the flag',
    args: ['inspect', '--spec', '{baseURL}/same-origin.yaml'],
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 0,
    message: /1 operations/,
    artifacts: { 'server.log': { contains: 'GET /parts/money.yaml' } },
  },
  {
    name: 'a spec read from a URL that refers to another origin is refused without the flag',
    args: ['inspect', '--spec', '{baseURL}/other-origin.yaml'],
    server: { kind: 'hostile', name: 'spec-parts' },
    exit: 2,
    message:
      /TG_SPEC_REMOTE_REF: http:\/\/127\.0\.0\.1:\d+\/other-origin\.yaml#.*"http:\/\/127\.0\.0\.1:9\/money\.yaml#\/Money" is on the network/,
    artifacts: { 'server.log': { contains: 'GET /other-origin.yaml', lacks: 'money' } },
  },
];
