import { connect } from 'node:net';

/** An HTTP/1.1 answer as read off the socket. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Send a request's bytes exactly as given over a real TCP connection and read the answer, as
 * `curl --path-as-is` does: no URL parsing on the way, so `/./`, `//`, `%2e` and `;` reach the
 * server unchanged (fetch and `app.inject()` normalise some of them first). Resolves once the
 * head and `content-length` bytes of body have arrived (or the server closed), so a request
 * whose body is never sent still gets its answer if the server answers without reading it.
 *
 * @example
 * await rawHttp(8080, 'GET /%61pi/overview HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
 */
export function rawHttp(port: number, bytes: string, deadlineMs = 30_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      const answer = parse(data);
      if (answer) err = null;
      else if (!err) err = new Error(`no HTTP answer (${data.length} bytes read)`);
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    // Not a pacing sleep: a bound on how long an answer may take, so a server that waits for a
    // body it should never read fails the test instead of hanging the suite.
    const timer = setTimeout(() => finish(new Error(`no answer within ${deadlineMs} ms to ${JSON.stringify(bytes.split('\r\n')[0])}`)), deadlineMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data);
      if (answer && complete(data, answer)) finish(null);
    });
    socket.on('error', (err) => finish(parse(data) ? null : err));
    socket.on('close', () => finish(null));
  });
}

function parse(data: Buffer): RawAnswer | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(m[1]), headers, body: data.subarray(end + 4).toString('utf8') };
}

function complete(data: Buffer, answer: RawAnswer): boolean {
  // A stream of server-sent events never ends: its head is the answer.
  if (/^text\/event-stream/.test(answer.headers['content-type'] ?? '')) return true;
  const length = Number(answer.headers['content-length']);
  if (!Number.isFinite(length)) return false;
  return data.length - (data.indexOf('\r\n\r\n') + 4) >= length;
}
