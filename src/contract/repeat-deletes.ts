import { pathNames } from '../cases/own-resources.ts';
import type { TestCase } from '../cases/types.ts';
import type { Envelope } from '../config/types.ts';
import { readEnvelope } from '../http/envelope.ts';
import type { Exchange } from '../http/types.ts';
import type { Operation } from '../spec/types.ts';

/**
 * The DELETE cases on the fixtures run one at a time (deletes-last.ts), and
 * several of them may address the same fixture (an example, a positive case,
 * a boundary). Once one has removed it, the next "valid" DELETE there meets
 * a resource this run deleted: "record not found" is then the right answer,
 * not a rejection of valid input. Such a case is sent as a gone case
 * (gone-cases.ts): expectation 'any', judged on conformance (a 5xx, an
 * undocumented status, a body off its schema are still found), and replayed
 * on a resource created and deleted for the replay.
 */
export class RepeatDeletes {
  private readonly removed = new Set<string>();

  constructor(private readonly envelope?: Envelope | false) {}

  /** The case as it should be sent now: a valid DELETE on a removed fixture becomes a gone case. */
  rewrite(operation: Operation, testCase: TestCase): TestCase {
    if (testCase.expectation !== 'valid' || !this.removed.has(keyOf(operation, testCase))) return testCase;
    return {
      ...testCase,
      expectation: 'any',
      tombstone: true,
      description: `${testCase.description}, on a resource an earlier DELETE of this run removed`,
    };
  }

  /** Remembers the fixture an accepted DELETE removed (a 2xx whose envelope, when configured, says ok). */
  observe(operation: Operation, testCase: TestCase, exchange: Exchange | undefined): void {
    if (!exchange || (testCase.request.method ?? operation.method).toUpperCase() !== 'DELETE') return;
    const { status, json } = exchange.response;
    if (status < 200 || status >= 300) return;
    if (this.envelope && json !== undefined && readEnvelope(this.envelope, json)?.ok === false) return;
    this.removed.add(keyOf(operation, testCase));
  }
}

function keyOf(operation: Operation, testCase: TestCase): string {
  const params = testCase.request.pathParams;
  return `${operation.path} ${JSON.stringify(pathNames(operation.path).map((n) => String(params[n])))}`;
}
