import { EscalationError } from '../errors.js';

/**
 * Reads a JSON request body, counting bytes as they arrive (Content-Length may lie or be
 * absent) and stopping at `maxBytes`. Throws {@link EscalationError} `UNSUPPORTED_MEDIA_TYPE`,
 * `BODY_TOO_LARGE` or `INVALID_JSON`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new EscalationError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Failed to read the request: the body is not JSON. Please send Content-Type: application/json.',
    );
  }
  const tooLarge = () =>
    new EscalationError(
      'BODY_TOO_LARGE',
      `Failed to read the request: the body is over ${maxBytes} bytes. Please send fewer or shorter messages.`,
    );
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new EscalationError(
      'INVALID_JSON',
      'Failed to read the request: the body is not valid JSON (UTF-8). Please send a JSON object.',
      { cause },
    );
  }
}
