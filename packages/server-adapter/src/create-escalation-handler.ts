import { buildPrompt } from './build-prompt.js';
import { MemoryTokenBucket, type RateLimitStore } from './guards/token-bucket.js';
import type { EscalationEvent, EscalationRequest } from './protocol.js';
import { requestProblem } from './protocol.js';
import type { ChatProvider } from './providers/openai-compatible.js';
import { redactPII } from './redact-pii.js';

export interface EscalationHandlerOptions {
  /** The LLM; `undefined` means escalation answers with `fallbackText` (and logs why). */
  provider?: ChatProvider;
  /** Origins allowed to call (exact match, e.g. `https://shop.example`); `*` allows any. */
  allowedOrigins: string[];
  /** Replaces the default grounding instructions; `{bot}` becomes the bot's name. */
  systemPrompt?: string;
  /** Largest request body in bytes. Default 32 KiB. */
  maxBodyBytes?: number;
  /** Most turns per request. Default 20. */
  maxMessages?: number;
  /** Longest turn in characters. Default 2,000. */
  maxMessageChars?: number;
  /** Per-client limit; default an in-memory bucket of 10 requests refilled at 10 per minute. */
  rateLimit?: RateLimitStore;
  /** Client key for rate limiting. Default: `x-forwarded-for`'s first address, else `anonymous`. */
  clientKey?: (request: Request) => string;
  /** Upstream timeout in ms. Default 20,000. */
  timeoutMs?: number;
  /** Retries on retryable upstream failures (429, 5xx, network), with backoff. Default 2. */
  retries?: number;
  /** Said when the LLM cannot answer (down, not configured). */
  fallbackText?: string;
  log?: (message: string) => void;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function problem(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json(status, { error: { code, message } }, headers);
}

/**
 * A Web-standard handler (`Request -> Promise<Response>`) for the widget's escalation calls:
 * checks origin (CORS), rate, size and shape, redacts PII, grounds the LLM in the FAQ hits the
 * browser found, and streams the answer as server-sent events (`delta`, `done`, `error`).
 *
 * @example
 * const handler = createEscalationHandler({
 *   provider: openAICompatible({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey }),
 *   allowedOrigins: ['https://shop.example'],
 * });
 * // Next.js: export const POST = handler; export const OPTIONS = handler;
 */
export function createEscalationHandler(
  options: EscalationHandlerOptions,
): (request: Request) => Promise<Response> {
  const maxBody = options.maxBodyBytes ?? 32 * 1024;
  const limits = {
    maxMessages: options.maxMessages ?? 20,
    maxMessageChars: options.maxMessageChars ?? 2000,
  };
  const rateLimit = options.rateLimit ?? new MemoryTokenBucket(10, 10);
  const clientKey =
    options.clientKey ??
    ((r: Request) => r.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'anonymous');
  const fallbackText =
    options.fallbackText ??
    "Sorry, I can't answer that right now. Please contact our support team.";
  const log = options.log ?? ((m: string) => console.warn(m));

  return async (request) => {
    const origin = request.headers.get('origin');
    const allowed =
      origin !== null &&
      (options.allowedOrigins.includes('*') || options.allowedOrigins.includes(origin));
    const cors: Record<string, string> = allowed
      ? { 'access-control-allow-origin': origin!, vary: 'Origin' }
      : {};
    if (!allowed)
      return problem(
        403,
        'ORIGIN_NOT_ALLOWED',
        `Origin ${origin ?? '(none)'} may not call this endpoint.`,
      );
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        },
      });
    }
    if (request.method !== 'POST')
      return problem(405, 'METHOD_NOT_ALLOWED', 'Use POST.', { ...cors, allow: 'POST, OPTIONS' });

    const rate = await rateLimit.take(clientKey(request), Date.now());
    if (!rate.allowed) {
      return problem(429, 'RATE_LIMITED', 'Too many requests; please wait.', {
        ...cors,
        'retry-after': String(Math.ceil(rate.retryAfterMs / 1000)),
      });
    }

    // Count the bytes as they arrive: Content-Length can lie or be absent.
    const body = await readLimited(request, maxBody);
    if (body === undefined)
      return problem(413, 'BODY_TOO_LARGE', `The request body is over ${maxBody} bytes.`, cors);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return problem(400, 'INVALID_JSON', 'The request body is not JSON.', cors);
    }
    const why = requestProblem(parsed, limits);
    if (why) return problem(400, 'INVALID_REQUEST', why, cors);
    const escalation = parsed as EscalationRequest;
    // Redact again on the server: nothing personal reaches the LLM even from an old widget.
    escalation.messages = escalation.messages.map((m) => ({ ...m, text: redactPII(m.text).text }));

    const stream = escalation.stream !== false;
    const events = answer(escalation, request.signal);
    if (!stream) {
      let text = '';
      let finish: EscalationEvent | undefined;
      for await (const event of events) {
        if (event.type === 'delta') text += event.text;
        else finish = event;
      }
      return json(
        200,
        {
          text,
          ...(finish?.type === 'done' && {
            finishReason: finish.finishReason,
            fallback: finish.fallback ?? false,
          }),
        },
        cors,
      );
    }
    const encoder = new TextEncoder();
    const readable = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const event of events) {
          const { type, ...data } = event;
          controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
        }
        controller.close();
      },
    });
    return new Response(readable, {
      status: 200,
      headers: {
        ...cors,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
      },
    });
  };

  async function* answer(
    request: EscalationRequest,
    clientSignal: AbortSignal,
  ): AsyncGenerator<EscalationEvent> {
    if (!options.provider) {
      log(
        '[support-bot] escalation: no LLM provider is configured; answering with the fallback text.',
      );
      yield { type: 'delta', text: fallbackText };
      yield { type: 'done', finishReason: 'fallback', fallback: true };
      return;
    }
    const prompt = buildPrompt(request, options.systemPrompt);
    const retries = options.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const signal = AbortSignal.any([
        clientSignal,
        AbortSignal.timeout(options.timeoutMs ?? 20_000),
      ]);
      let sent = false;
      try {
        for await (const text of options.provider(prompt, signal)) {
          sent = true;
          yield { type: 'delta', text };
        }
        yield { type: 'done', finishReason: 'stop' };
        return;
      } catch (error) {
        if (clientSignal.aborted) return;
        const retryable =
          (error as { retryable?: boolean }).retryable ?? (error as Error).name !== 'AbortError';
        // Never leak upstream details (keys, URLs) to the visitor: log them here.
        log(
          `[support-bot] escalation: upstream failed (attempt ${attempt + 1}): ${(error as Error).message}`,
        );
        if (sent) {
          yield {
            type: 'error',
            code: 'UPSTREAM_INTERRUPTED',
            message: 'The answer was interrupted. Please try again.',
            retryable: true,
          };
          return;
        }
        if (!retryable || attempt >= retries) {
          yield { type: 'delta', text: fallbackText };
          yield { type: 'done', finishReason: 'fallback', fallback: true };
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}

async function readLimited(request: Request, max: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
