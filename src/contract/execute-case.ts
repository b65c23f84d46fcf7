import { shortHash } from '../cases/prng.ts';
import type { TestCase } from '../cases/types.ts';
import { type CheckResult, runChecks } from '../checks/run-checks.ts';
import type { Envelope, Secret } from '../config/types.ts';
import { readEnvelope } from '../http/envelope.ts';
import { type ExchangeError, isExchangeError } from '../http/exchange-error.ts';
import { exchangeSecrets } from '../http/exchange-secrets.ts';
import { sendFollowing } from '../http/follow-redirects.ts';
import { redact, secretScrubber } from '../http/redact.ts';
import { sendRequest } from '../http/send-request.ts';
import { toCurl } from '../http/to-curl.ts';
import type { Exchange, RequestRecord } from '../http/types.ts';
import type { Finding } from '../run/model.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { buildRequest, type TargetParts } from './build-request.ts';
import type { CheckSelection } from './check-selection.ts';
import type { Send } from './types.ts';

/**
 * Sends one case and turns what the checks say into findings (data, never
 * printed). Stateful reads judge an earlier promise: a failed 'present' read
 * is the create's fault, a failed 'gone' read the delete's, so those two
 * checks name the operation that made the promise (unless the read itself
 * failed with a 5xx: then the read is to blame).
 */
export interface CaseRunner {
  spec: LoadedSpec;
  target: TargetParts;
  secrets: Secret[];
  seed: number;
  timeoutMs: number;
  /** Response bodies longer than this are not read (`contract.maxResponseBytes`). */
  maxBodyBytes?: number;
  selection: CheckSelection;
  handleMethodNotAllowed: boolean;
  maxResponseMs?: number;
  /** How to read `{code, msg, data}` bodies; checks judge the logical outcome through it. */
  envelope?: Envelope | false;
  /** Follow same-origin redirects (`--follow-redirects`). Default false: a 3xx is data. */
  followRedirects?: boolean;
  signal?: AbortSignal;
  send?: Send;
}

export interface CaseOutcome {
  exchange?: Exchange;
  error?: ExchangeError;
  results: CheckResult[];
  findings: Finding[];
  replayId: string;
}

const promiseChecks = new Set(['available-after-create', 'use-after-delete']);
const maxCurlBody = 8192;

function replayIdOf(seed: number, testCase: TestCase): string {
  return shortHash(
    String(seed),
    testCase.operationId,
    testCase.phase,
    testCase.description,
    JSON.stringify(testCase.request),
  );
}

export async function executeCase(
  runner: CaseRunner,
  operation: Operation,
  testCase: TestCase,
  attributeTo?: Operation,
): Promise<CaseOutcome> {
  const request = buildRequest(runner.spec, operation, testCase, runner.target);
  const replayId = replayIdOf(runner.seed, testCase);
  let exchange: Exchange;
  try {
    // A create already sent is let finish after Ctrl-C: cut off, it may make a resource no one can name.
    const send = (r: RequestRecord) =>
      (runner.send ?? sendRequest)(r, {
        timeoutMs: runner.timeoutMs,
        maxBodyBytes: runner.maxBodyBytes,
        signal: request.method === 'POST' ? undefined : runner.signal,
      });
    exchange = runner.followRedirects ? await sendFollowing(send, request) : await send(request);
  } catch (error) {
    if (isExchangeError(error)) return { error, results: [], findings: [], replayId };
    throw error;
  }
  const maxMs =
    typeof operation.extensions['x-tollgate-max-ms'] === 'number'
      ? operation.extensions['x-tollgate-max-ms']
      : runner.maxResponseMs;
  const results = runChecks(
    {
      spec: runner.spec,
      operation,
      case: {
        phase: testCase.phase,
        expectation: testCase.expectation,
        description: testCase.description,
        ...(testCase.leniency ? { leniency: testCase.leniency } : {}),
      },
      options: {},
      handleMethodNotAllowed: runner.handleMethodNotAllowed,
      maxResponseMs: maxMs,
      ...envelopeOf(runner, exchange),
    },
    exchange,
    runner.selection.enabled,
    { optionsFor: runner.selection.optionsFor },
  );
  const findings = results.map((result) =>
    toFinding(
      runner,
      exchange,
      result,
      operationName(
        operation,
        testCase,
        result.check,
        exchange.response.status < 500 ? attributeTo : undefined,
      ),
      testCase.phase,
      replayId,
    ),
  );
  return { exchange, results, findings, replayId };
}

function envelopeOf(runner: CaseRunner, exchange: Exchange) {
  if (!runner.envelope) return {};
  const envelope =
    exchange.response.json === undefined ? undefined : readEnvelope(runner.envelope, exchange.response.json);
  return envelope ? { envelope, envelopeConfigured: true } : { envelopeConfigured: true };
}

function operationName(
  operation: Operation,
  testCase: TestCase,
  check: string,
  attributeTo?: Operation,
): string {
  if (testCase.expectation === 'undeclared-method') return `${testCase.request.method} ${operation.path}`;
  if (attributeTo && promiseChecks.has(check)) return attributeTo.key;
  return operation.key;
}

function toFinding(
  runner: CaseRunner,
  exchange: Exchange,
  result: CheckResult,
  operation: string,
  phase: string,
  replayId: string,
): Finding {
  const safe = redact(exchange, runner.secrets);
  // A check quotes what it received (a body field, a header): an echoed credential must not ride along.
  const scrub = secretScrubber([...runner.secrets, ...exchangeSecrets(exchange.request, exchange.response)]);
  const { failure } = result;
  return {
    check: result.check,
    severity: failure.severity ?? 'error',
    operation,
    title: scrub(failure.title),
    expected: scrub(failure.expected),
    received: scrub(failure.received),
    ...(failure.location === undefined ? {} : { location: failure.location }),
    request: safe.request,
    response: safe.response,
    curl: exchange.redirects
      ? toCurl(curlRequest(exchange.request), runner.secrets).replace(/^curl /, 'curl -L ')
      : toCurl(curlRequest(exchange.request), runner.secrets),
    replayId,
    phase,
  };
}

/** Oversized bodies would make a curl line nobody can paste; cut them with a note. */
function curlRequest(request: RequestRecord): RequestRecord {
  if (request.body === undefined || request.body.length <= maxCurlBody) return request;
  return {
    ...request,
    body: `${request.body.slice(0, 64)}... (${request.body.length} bytes; replay with --replay)`,
  };
}
