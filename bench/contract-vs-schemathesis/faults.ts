/**
 * Planted faults, grouped into server configurations whose faults do not
 * mask each other (xss turns every getAlbum into a 500; a trailing-slash
 * redirect or text/plain tracks hide a null array; boundary-500 and
 * overflow-500 are both a 500 on listAlbums), and how each tool's
 * report shows that it found one.
 */
export interface FaultSet {
  name: string;
  faults: string[];
  /** Extra server environment, e.g. the slow-offset fault's delay. */
  env?: Record<string, string>;
}

export const faultSets: FaultSet[] = [
  { name: 'clean', faults: [] },
  {
    name: 'most',
    faults: [
      'wrong-type',
      'missing-field',
      'wrong-content-type',
      'missing-header',
      'boundary-500',
      'accept-invalid',
      'no-auth',
      'use-after-delete',
      'lost-create',
      'ignore-required-header',
      'reject-valid',
      'text-404',
      'body-204',
      'extra-method',
    ],
  },
  // default-500 500s on listAlbums as boundary-500 and overflow-500 do: beside faults on other operations.
  { name: 'masking', faults: ['undocumented-status', 'trailing-slash', 'default-500'] },
  { name: 'xss', faults: ['xss', 'null-array'] },
  // Gin's traps (issue 9): overflow-500 and boundary-500 both 500 on listAlbums, so apart.
  {
    name: 'gin-traps',
    faults: ['syntax-500', 'required-empty', 'overflow-500', 'slow-offset'],
    env: { ALBUMS_SLOW_MS: '3000' },
  },
];

/** A failure as Schemathesis prints it: the section (operation or "Stateful tests"), code, title and its text. */
export interface StFailure {
  section: string;
  code: string;
  title: string;
  text: string;
}

type StMatch = (f: StFailure) => boolean;
const at =
  (section: string, test: (f: StFailure) => boolean): StMatch =>
  (f) =>
    f.section === section && test(f);

/** fault -> [tollgate check, tollgate operation, Schemathesis matcher] */
export const expectations: Record<string, [string, string, StMatch]> = {
  'undocumented-status': [
    'status-code-documented',
    'GET /v1/albums/{id}',
    at('GET /v1/albums/{id}', (f) => /status code/i.test(f.title)),
  ],
  'wrong-type': [
    'response-schema',
    'GET /v1/albums/{id}',
    at('GET /v1/albums/{id}', (f) => f.code === 'ST108'),
  ],
  'missing-field': ['response-schema', 'GET /v1/albums', at('GET /v1/albums', (f) => f.code === 'ST108')],
  'wrong-content-type': [
    'content-type-documented',
    'GET /v1/albums/{id}/tracks',
    at('GET /v1/albums/{id}/tracks', (f) => f.code === 'ST105'),
  ],
  'missing-header': ['response-headers', 'GET /v1/albums', at('GET /v1/albums', (f) => f.code === 'ST107')],
  'boundary-500': [
    'not-a-server-error',
    'GET /v1/albums',
    at('GET /v1/albums', (f) => /server error|\b500\b/i.test(f.title + f.text)),
  ],
  'accept-invalid': [
    'negative-data-rejected',
    'POST /v1/albums',
    at('POST /v1/albums', (f) => f.code === 'ST201' && !/Missing `Idempotency-Key`/.test(f.text)),
  ],
  'no-auth': [
    'auth-enforced',
    'PATCH /v1/albums/{id}',
    at('PATCH /v1/albums/{id}', (f) => f.code === 'ST401' || /Authorization/.test(f.text)),
  ],
  'use-after-delete': ['use-after-delete', 'DELETE /v1/albums/{id}', (f) => f.code === 'ST301'],
  'lost-create': [
    'available-after-create',
    'POST /v1/albums/{id}/tracks',
    (f) => f.code === 'ST302' && /tracks/.test(f.text),
  ],
  'ignore-required-header': [
    'missing-required-header',
    'POST /v1/albums',
    at('POST /v1/albums', (f) => f.code === 'ST203' && /missing required 'Idempotency-Key'/i.test(f.text)),
  ],
  'reject-valid': [
    'positive-data-accepted',
    'POST /v1/albums',
    at('POST /v1/albums', (f) => f.code === 'ST202'),
  ],
  'text-404': [
    'text-plain-404',
    'GET /v1/albums/{id}',
    at('GET /v1/albums/{id}', (f) => f.code === 'ST105' && /404/.test(f.text)),
  ],
  'body-204': ['no-body-on-204', 'DELETE /v1/albums/{id}', at('DELETE /v1/albums/{id}', () => true)],
  'extra-method': ['undeclared-method', 'PUT /v1/albums', at('PUT /v1/albums', () => true)],
  'trailing-slash': [
    'undocumented-redirect',
    'GET /v1/albums/{id}/tracks',
    at('GET /v1/albums/{id}/tracks', (f) => /301|redirect/i.test(f.text)),
  ],
  'null-array': [
    'null-collection',
    'GET /v1/albums/{id}/tracks',
    at('GET /v1/albums/{id}/tracks', (f) => f.code === 'ST108'),
  ],
  xss: [
    'not-a-server-error',
    'GET /v1/albums/{id}',
    at('GET /v1/albums/{id}', (f) => /server error|\b500\b/i.test(f.title + f.text)),
  ],
  'syntax-500': [
    'not-a-server-error',
    'POST /v1/albums/{id}/tracks',
    at('POST /v1/albums/{id}/tracks', (f) => /server error|\b500\b/i.test(f.title + f.text)),
  ],
  'required-empty': [
    'positive-data-accepted',
    'GET /v1/albums',
    at('GET /v1/albums', (f) => f.code === 'ST202'),
  ],
  'overflow-500': [
    'not-a-server-error',
    'GET /v1/albums',
    at('GET /v1/albums', (f) => /server error|\b500\b/i.test(f.title + f.text)),
  ],
  'default-500': [
    'not-a-server-error',
    'GET /v1/albums',
    at('GET /v1/albums', (f) => /server error|\b500\b/i.test(f.title + f.text)),
  ],
  'slow-offset': [
    'response-time',
    'GET /v1/albums',
    at('GET /v1/albums', (f) => /response time/i.test(f.title)),
  ],
};

/** Splits Schemathesis' plain-text FAILURES section into one record per failure. */
export function parseSchemathesis(output: string): StFailure[] {
  const failures: StFailure[] = [];
  const start = output.indexOf('FAILURES');
  const end = output.indexOf('= SUMMARY =');
  const lines = output.slice(Math.max(start, 0), end < 0 ? undefined : end).split('\n');
  let section = '';
  let current: StFailure | undefined;
  for (const line of lines) {
    const heading = /^_{3,} (.+?) _{3,}$/.exec(line.trim());
    const item = /^- (ST\d+) (.+)$/.exec(line.trim());
    if (heading) {
      section = heading[1];
      current = undefined;
    } else if (item) {
      current = { section, code: item[1], title: item[2], text: '' };
      failures.push(current);
    } else if (current) {
      current.text += `${line}\n`;
    }
  }
  return failures;
}
