import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { EscalationHandler } from './create-escalation-handler.js';

/** A `node:http` request, possibly with a body a framework already parsed (Express, Fastify). */
export type NodeRequest = IncomingMessage & { body?: unknown };

/**
 * Mounts a Web-standard handler on `node:http`, and so on Express, Fastify and anything else
 * built on it. Streams the response with backpressure, passes the socket's address as
 * `clientAddress` (for rate limiting), and aborts the handler's work (the LLM call) when the
 * client disconnects. If a framework already parsed the body into `req.body`, that is used.
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(handler)).listen(8787);
 * // Express: app.post('/api/support', toNodeHandler(handler)); app.options('/api/support', toNodeHandler(handler));
 */
export function toNodeHandler(
  handler: EscalationHandler,
): (req: NodeRequest, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished)
        controller.abort(new DOMException('client disconnected', 'AbortError'));
    };
    res.once('close', onClose);

    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    const url = new URL(
      req.url ?? '/',
      `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`,
    );
    let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (req.body !== undefined && req.readableEnded) {
        body =
          typeof req.body === 'string' || req.body instanceof Uint8Array
            ? (req.body as string | Uint8Array)
            : JSON.stringify(req.body);
        headers.delete('content-length');
      } else {
        body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      }
    }
    const request = new Request(url, {
      method: req.method ?? 'GET',
      headers,
      signal: controller.signal,
      ...(body !== undefined && { body, duplex: 'half' }),
    } as RequestInit);

    let response: Response;
    try {
      response = await handler(request, {
        ...(req.socket.remoteAddress && { clientAddress: req.socket.remoteAddress }),
      });
    } catch {
      response = Response.json(
        {
          error: {
            code: 'INTERNAL',
            message: '[support-bot] Failed to answer. Please try again later.',
          },
        },
        { status: 500 },
      );
    }
    const outHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, key) => {
      outHeaders[key] = value;
    });
    res.writeHead(response.status, outHeaders);
    if (!response.body) {
      res.end();
      return;
    }
    res.flushHeaders();
    const reader = response.body.getReader();
    try {
      for (;;) {
        if (controller.signal.aborted) break;
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) {
          await new Promise<void>((resolve) => {
            const resume = () => {
              res.off('drain', resume);
              res.off('close', resume);
              resolve();
            };
            res.on('drain', resume);
            res.on('close', resume);
          });
        }
      }
    } catch {
      // The handler's stream failed; the client sees the connection end.
    } finally {
      if (controller.signal.aborted) await reader.cancel().catch(() => {});
      res.end();
      res.off('close', onClose);
    }
  };
}
