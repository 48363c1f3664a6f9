import { connect } from 'node:net';

/** What came back on a raw TCP connection: the status line's code (if any) and how it ended. */
export interface RawHttpOutcome {
  /** The HTTP status of the first response line, or undefined when none came. */
  status: number | undefined;
  /** Everything the server sent (first 64 KiB). */
  text: string;
  /**
   * `response`: one complete response arrived (by Content-Length or the last chunk); `closed`:
   * the server closed the connection; `timeout`: nothing more within the time limit.
   */
  ending: 'response' | 'closed' | 'timeout' | 'error';
}

/** True when `text` holds one whole response (the server may keep the connection open after it). */
function complete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = text.slice(0, end);
  const body = text.slice(end + 4);
  if (/^HTTP\/1\.[01] (1\d\d|204|304)/.test(head)) return true;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return body.length >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return /(^|\r\n)0\r\n\r\n$/.test(body);
  return false;
}

/**
 * Sends raw bytes over a fresh TCP connection (so malformed requests really reach the server,
 * unlike fetch) and collects the reply until the server closes, `idleMs` pass without data, or
 * `totalMs` pass in all.
 */
export function sendRaw(
  port: number,
  payload: string | Uint8Array | (string | Uint8Array)[],
  options: { idleMs?: number; totalMs?: number; halfClose?: boolean } = {},
): Promise<RawHttpOutcome> {
  const idleMs = options.idleMs ?? 1500;
  const totalMs = options.totalMs ?? 5000;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (ending: RawHttpOutcome['ending']) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      clearTimeout(total);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text, ending });
    };
    let idle = setTimeout(() => finish('timeout'), idleMs);
    const total = setTimeout(() => finish('timeout'), totalMs);
    socket.on('data', (chunk) => {
      if (text.length < 65_536) text += chunk.toString('latin1');
      clearTimeout(idle);
      if (complete(text)) return finish('response');
      idle = setTimeout(() => finish('timeout'), idleMs);
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('error'));
    socket.on('connect', () => {
      const parts = Array.isArray(payload) ? payload : [payload];
      for (const p of parts) socket.write(p);
      if (options.halfClose) socket.end();
    });
  });
}
