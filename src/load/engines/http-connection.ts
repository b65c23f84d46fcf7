import { connect, type Socket } from 'node:net';

/**
 * What came back for one request on a keep-alive connection. Headers and
 * body are decoded only when read: most load responses are only counted.
 */
export class RawResponse {
  private parsedHeaders?: Record<string, string>;
  private decodedBody?: string;

  constructor(
    readonly status: number,
    private readonly head: string,
    private readonly bodyBytes: Buffer,
  ) {}

  /** Lower-case names; repeated headers joined with ', '. */
  get headers(): Record<string, string> {
    this.parsedHeaders ??= parseHeaders(this.head);
    return this.parsedHeaders;
  }

  get body(): string {
    this.decodedBody ??= this.bodyBytes.toString();
    return this.decodedBody;
  }
}

export interface ConnectionEvents {
  /** The response to the oldest request in flight. */
  onResponse(response: RawResponse): void;
  /**
   * The socket failed; `inFlight` says whether a request was lost with it.
   * `stale`: that request went out on a reused keep-alive connection and not
   * one byte came back, so the server had closed it (RFC 9112 §9.3.1: a
   * client may resend an idempotent request then, as Go's http.Transport does).
   */
  onError(error: NodeJS.ErrnoException, inFlight: boolean, stale: boolean): void;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * A minimal HTTP/1.1 keep-alive client for the open model: one request at a
 * time, bytes written straight to the socket, responses framed by
 * Content-Length or chunked encoding. Far cheaper per request than node:http,
 * which is what lets one Node process hold 10k rps on a small machine.
 */
export class HttpConnection {
  private socket?: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private head?: Framing;
  private chunks: Buffer[] = [];
  private expectNoBody = false;
  busy = false;
  /** Responses read on the current socket (a request on a socket that served one is on a reused connection). */
  private served = 0;
  connected = false;
  closed = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly events: ConnectionEvents,
  ) {}

  /** Writes a request (opening the socket when needed); the connection must be idle. */
  send(bytes: Buffer, headRequest = false): void {
    this.busy = true;
    this.expectNoBody = headRequest;
    if (!this.socket) this.open();
    this.socket!.write(bytes);
  }

  destroy(): void {
    this.closed = true;
    this.reset();
  }

  private open(): void {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (this.socket === socket)
        this.fail(Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }));
    });
  }

  private fail(error: NodeJS.ErrnoException): void {
    const inFlight = this.busy;
    const stale = inFlight && this.served > 0 && this.buffer.length === 0 && !this.head;
    this.reset();
    this.events.onError(error, inFlight, stale);
  }

  /** Drops the socket without reporting anything (timeouts, shutdown). */
  abort(): void {
    this.reset();
  }

  private reset(): void {
    const socket = this.socket;
    this.socket = undefined;
    this.served = 0;
    socket?.destroy();
    this.connected = false;
    this.busy = false;
    this.buffer = Buffer.alloc(0);
    this.head = undefined;
    this.chunks = [];
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.parse()) {
      // one complete response handled per round
    }
  }

  /** Consumes one response from the buffer when complete; false when more bytes are needed. */
  private parse(): boolean {
    if (!this.head) {
      const end = this.buffer.indexOf(CRLF2);
      if (end < 0) return false;
      this.head = parseHead(this.buffer.subarray(0, end).toString('latin1'), this.expectNoBody);
      this.buffer = this.buffer.subarray(end + 4);
    }
    const head = this.head;
    if (head.chunked) {
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n');
        if (lineEnd < 0) return false;
        const size = Number.parseInt(this.buffer.subarray(0, lineEnd).toString('latin1'), 16);
        if (size === 0) {
          const trailerEnd = this.buffer.indexOf('\r\n', lineEnd + 2);
          if (trailerEnd < 0) return false;
          this.buffer = this.buffer.subarray(trailerEnd + 2);
          break;
        }
        if (this.buffer.length < lineEnd + 2 + size + 2) return false;
        this.chunks.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        this.buffer = this.buffer.subarray(lineEnd + 2 + size + 2);
      }
    } else {
      if (this.buffer.length < head.length) return false;
      this.chunks.push(this.buffer.subarray(0, head.length));
      this.buffer = this.buffer.subarray(head.length);
    }
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.head = undefined;
    this.chunks = [];
    this.busy = false;
    this.served++;
    if (head.close) this.reset();
    this.events.onResponse(new RawResponse(head.status, head.text, body));
    return this.socket !== undefined && this.buffer.length > 0;
  }
}

interface Framing {
  status: number;
  /** The status line and header lines, undecoded until someone reads the headers. */
  text: string;
  length: number;
  chunked: boolean;
  close: boolean;
}

const contentLength = /\r\ncontent-length[ \t]*:[ \t]*(\d+)/i;
const chunkedEncoding = /\r\ntransfer-encoding[ \t]*:[^\r]*chunked/i;
const connectionClose = /\r\nconnection[ \t]*:[^\r]*close/i;

/** Just what framing needs (status, length, chunked, close), read off the head without splitting it. */
function parseHead(text: string, noBody: boolean): Framing {
  const status = Number(text.slice(9, 12));
  const bodyless = noBody || status === 204 || status === 304 || (status >= 100 && status < 200);
  const chunked = !bodyless && chunkedEncoding.test(text);
  const length = bodyless || chunked ? 0 : Number(contentLength.exec(text)?.[1] ?? 0);
  return { status, text, length, chunked, close: connectionClose.test(text) };
}

function parseHeaders(text: string): Record<string, string> {
  const lines = text.split('\r\n');
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    if (colon < 0) continue;
    const name = lines[i].slice(0, colon).trim().toLowerCase();
    const value = lines[i].slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

/** Serialises a request once; the bytes can be written again and again. */
export function requestBytes(
  method: string,
  path: string,
  host: string,
  headers: Record<string, string>,
  body?: string,
): Buffer {
  let text = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  const payload = body === undefined ? undefined : Buffer.from(body);
  if (payload) text += `content-length: ${payload.length}\r\n`;
  text += '\r\n';
  return payload ? Buffer.concat([Buffer.from(text), payload]) : Buffer.from(text);
}
