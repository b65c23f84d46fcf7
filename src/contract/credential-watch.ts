import type { Exchange } from '../http/types.ts';
import type { Operation } from '../spec/types.ts';

const credentialHeaders = ['authorization', 'cookie', 'x-api-key'];
/** 401/403 answers in a row, after the credentials worked, that mean they stopped working. */
const lostAfter = 3;

interface Answer {
  judge: () => void;
  skip: () => void;
}

/**
 * "Credentials stopped working": secured operations whose requests with the
 * run's credentials got past auth, then a run of 401/403 answers on such
 * operations to requests the spec says are valid. From then on those answers say nothing about the
 * operations (every check on them would be a false alarm): they are not
 * judged, and the run is marked with the operation answered just before
 * the first of them (a logout, a token revoke). A shorter run of 401/403 is
 * held until a request gets past auth again (then judged: a real "valid
 * credentials rejected") or the run ends.
 */
export class CredentialWatch {
  /** Operations a request with the credentials got past auth on. */
  private passed = new Set<string>();
  private lastPassed: string | undefined;
  private streakAfter: string | undefined;
  private held: Answer[] = [];
  private lastEndedSession = false;
  lost: { after: string; status: number; operation: string } | undefined;

  /**
   * `endsSession`: the operation looks session-ending (a logout the run
   * included): after it passed, one refusal is enough.
   */
  observe(
    operation: Operation,
    exchange: Exchange | undefined,
    valid: boolean,
    answer: Answer,
    endsSession = false,
  ): void {
    const sent =
      exchange !== undefined &&
      operation.security.length > 0 &&
      credentialHeaders.some((name) => exchange.request.headers[name] !== undefined);
    if (!sent) {
      answer.judge();
      return;
    }
    const status = exchange.response.status;
    if (status !== 401 && status !== 403) {
      this.passed.add(operation.id);
      this.lastPassed = operation.key;
      this.lastEndedSession = endsSession;
      this.release();
      answer.judge();
      return;
    }
    // Only an operation the credentials worked on before: one that always refuses them is a real finding.
    if (!valid || !this.passed.has(operation.id)) {
      answer.judge();
      return;
    }
    if (this.lost) {
      answer.skip();
      return;
    }
    if (this.held.length === 0) this.streakAfter = this.lastPassed;
    this.held.push(answer);
    this.refused(status, operation.key);
  }

  /** A cleanup DELETE with the run's credentials: refused after they worked counts like a case. */
  observeCleanup(label: string, headers: Record<string, string>, status: number): void {
    if (this.lost || this.passed.size === 0 || (status !== 401 && status !== 403)) return;
    if (!credentialHeaders.some((name) => headers[name] !== undefined)) return;
    if (this.held.length === 0) this.streakAfter = this.lastPassed;
    this.held.push({ judge: () => {}, skip: () => {} });
    this.refused(status, label);
  }

  private refused(status: number, operation: string): void {
    if (this.held.length < (this.lastEndedSession ? 1 : lostAfter)) return;
    this.lost = { after: this.streakAfter ?? 'an unknown request', status, operation };
    for (const held of this.held) held.skip();
    this.held = [];
  }

  /** Judges what is held: at the end of the run, or when auth works again. */
  release(): void {
    const held = this.held;
    this.held = [];
    for (const answer of held) answer.judge();
  }
}
