/**
 * The admin-api's planted faults (examples/admin-api, ADMIN_FAULTS), grouped
 * into server configurations whose faults do not mask each other (two faults
 * on GET /users/{id}, two on POST /roles, two on POST /users go to different
 * configurations; a refused valid DELETE or upload, and uuid-500, in a third), and how each tool's report shows that it found one.
 * Every answer of this API is HTTP 200 with an envelope: a tool that does not
 * read the envelope sees a refusal (`"code":7`) as an acceptance, so a
 * Schemathesis "invalid request accepted" counts as finding a fault only
 * when the server really said yes (`"code":0`).
 */
import type { FaultSet, StFailure } from './faults.ts';

export const adminFaultSets: FaultSet[] = [
  { name: 'clean', faults: [] },
  {
    name: 'a',
    faults: ['null-list', 'undocumented-status', 'boundary-500', 'auth-hole', 'syntax-500', 'required-empty'],
  },
  { name: 'b', faults: ['create-201', 'unenforced-required', 'int64-overflow', 'slow-offset'] },
  { name: 'c', faults: ['delete-400', 'short-note-400', 'uuid-500'] },
];

type StMatch = (f: StFailure) => boolean;
const at =
  (section: string, test: (f: StFailure) => boolean): StMatch =>
  (f) =>
    f.section === section && test(f);
const serverError = (f: StFailure) => /server error|\b500\b/i.test(f.title + f.text);
const validRefused = (f: StFailure) => f.code === 'ST202' && /\b400\b/.test(f.title + f.text);
const acceptedForReal = (f: StFailure) => f.code === 'ST201' && /"code":0\b/.test(f.text);

/** fault -> [tollgate check, tollgate operation, Schemathesis matcher] */
export const adminExpectations: Record<string, [string, string, StMatch]> = {
  'null-list': ['null-collection', 'GET /roles', at('GET /roles', (f) => f.code === 'ST108')],
  'undocumented-status': [
    'status-code-documented',
    'GET /users/{id}',
    at('GET /users/{id}', (f) => /status code/i.test(f.title) && /\b404\b/.test(f.text)),
  ],
  'boundary-500': ['not-a-server-error', 'GET /users', at('GET /users', serverError)],
  'auth-hole': [
    'auth-enforced',
    'GET /files',
    at('GET /files', (f) => f.code === 'ST401' || /authenticat|Authorization/i.test(f.title)),
  ],
  'syntax-500': ['not-a-server-error', 'POST /users', at('POST /users', serverError)],
  'required-empty': ['negative-data-rejected', 'POST /roles', at('POST /roles', acceptedForReal)],
  'create-201': [
    'create-status-documented',
    'POST /roles',
    at('POST /roles', (f) => /status code/i.test(f.title) && /\b201\b/.test(f.text)),
  ],
  'unenforced-required': ['negative-data-rejected', 'POST /users', at('POST /users', acceptedForReal)],
  'int64-overflow': ['not-a-server-error', 'GET /users/{id}', at('GET /users/{id}', serverError)],
  'slow-offset': ['response-time', 'GET /files', at('GET /files', (f) => /response time/i.test(f.title))],
  'delete-400': ['positive-data-accepted', 'DELETE /roles/{id}', at('DELETE /roles/{id}', validRefused)],
  'short-note-400': ['positive-data-accepted', 'POST /files/upload', at('POST /files/upload', validRefused)],
  'uuid-500': ['not-a-server-error', 'GET /files/chunk', at('GET /files/chunk', serverError)],
};
