import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { HandlerContext } from './guards/rate-limit.js';

/** A `node:http` request, possibly with a body a framework already parsed (Express, Fastify). */
export type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer };

/** Any Web-standard handler of this package (escalation or feedback). */
export type WebHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

function jsonError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message, retryable: status >= 500 } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * Mounts a Web-standard handler on `node:http`, and so on Express, Fastify and anything else
 * built on it, through `@hono/node-server`'s request listener (the maintained Node <-> Fetch
 * bridge). Streams the response with backpressure, passes the socket's address as
 * `clientAddress` (for rate limiting; see `rateLimit.trustProxy` behind a proxy), and aborts the
 * handler's work (the LLM call) when the client disconnects. If a framework already parsed the
 * body into `req.body`, that is used.
 *
 * Every request ends in a response, never in a rejected promise: a request the Fetch API cannot
 * represent (a malformed `Host`, an absolute or backslashed path) gets **400**, a method it refuses
 * (`TRACE`, `CONNECT`) reaches the handler as `TRACE`/... and gets **405**, and anything else
 * unexpected **500** (the socket is closed if headers were already sent).
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeHandler(handler)).listen(8787);
 * // Express: app.post('/api/support', toNodeHandler(handler)); app.options('/api/support', toNodeHandler(handler));
 */
export function toNodeHandler(
  handler: WebHandler,
): (req: NodeRequest, res: ServerResponse) => Promise<void> {
  const listener = getRequestListener(
    (request, env: { incoming: { socket?: { remoteAddress?: string | undefined } } }) => {
      const address = env.incoming.socket?.remoteAddress;
      return handler(request, address ? { clientAddress: address } : {});
    },
    {
      // Never replace the process's global Request/Response (hono's default does).
      overrideGlobalObjects: false,
      errorHandler: (error) =>
        error instanceof RequestError
          ? jsonError(
              400,
              'INVALID_REQUEST',
              '[support-bot] Failed to read the request: its URL or Host header is malformed. Please send a valid HTTP request.',
            )
          : jsonError(
              500,
              'INTERNAL',
              '[support-bot] Failed to answer: something went wrong on the server. Please try again later.',
            ),
    },
  );
  return async (req, res) => {
    // A framework (Express' json(), Fastify) consumed the stream already: hand over its result.
    if (req.body !== undefined && req.readableEnded && !(req.rawBody instanceof Buffer)) {
      const body = req.body;
      req.rawBody = Buffer.from(
        typeof body === 'string'
          ? body
          : body instanceof Uint8Array
            ? body
            : new TextEncoder().encode(JSON.stringify(body)),
      );
    }
    try {
      await listener(req, res);
    } catch {
      // The bridge already answers its own errors; this is the last line of defence.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          '{"error":{"code":"INTERNAL","message":"[support-bot] Failed to answer. Please try again later.","retryable":true}}',
        );
      } else res.destroy();
    }
  };
}
