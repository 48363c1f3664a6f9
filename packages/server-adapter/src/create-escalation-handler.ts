import type {
  EscalationEvent,
  EscalationLimits,
  EscalationRequest,
  EscalationResult,
  HandoffResult,
  TokenUsage,
} from '@support-bot/core/protocol';
import { DEFAULT_LIMITS, validateEscalationRequest } from '@support-bot/core/protocol';
import type { RedactOptions } from '@support-bot/core/redact';
import { redactPII } from '@support-bot/core/redact';
import { type BotIdentity, buildGroundedPrompt } from './build-grounded-prompt.js';
import { EscalationError, errorResponse, isEscalationError } from './errors.js';
import { type CorsOptions, createCorsGuard, type OriginAllowList } from './guards/cors.js';
import {
  createRateLimitGuard,
  type HandlerContext,
  type RateLimitOptions,
} from './guards/rate-limit.js';
import { readJsonBody } from './guards/read-json-body.js';

export type { HandlerContext, RateLimitOptions } from './guards/rate-limit.js';

import {
  HandoffMarkerFilter,
  type HandoffOptions,
  sendHandoff,
  visitorAsksForHuman,
} from './handoff.js';
import type { EscalationProvider, ProviderCall } from './providers/provider.js';
import {
  DEFAULT_UPSTREAM_POLICY,
  postUpstream,
  type UpstreamContext,
  type UpstreamPolicy,
  upstreamEvents,
} from './providers/upstream.js';
import { encodeSseEvent, SSE_HEADERS } from './sse.js';

/** Something to write warnings to. Default `console`. */
export interface EscalationLogger {
  warn(message: string): void;
}

export interface EscalationHandlerOptions {
  /** The LLM. Without one, every escalation gets the fallback reply (and the log says why). */
  provider?: EscalationProvider;
  /** Page origins allowed to call (see {@link OriginAllowList}); any other gets 403. */
  allowedOrigins: OriginAllowList;
  /** Allow requests without an `Origin` header (server-to-server). Default false. */
  allowMissingOrigin?: boolean;
  /** Request headers pages may send besides `content-type`. Default none. */
  allowedHeaders?: CorsOptions['allowedHeaders'];
  /** The site's own instructions for the LLM (tone, scope, contacts), added to the grounding rules. Default none. */
  systemPrompt?: string;
  /**
   * Who the bot is (name, and what the site is), from your configuration. Preferred over the
   * `bot.name` the browser sends, which is then ignored. Without it the prompt names no bot and
   * quotes the browser's name only as fenced data. Default none.
   */
  bot?: BotIdentity;
  /**
   * The bot's real FAQ. When given, each FAQ hit's question, answer and url are taken from here
   * by id (unknown ids are dropped), so a visitor cannot feed the LLM a made-up "FAQ". Default:
   * trust the hits the browser sent.
   */
  faq?: readonly { id: string; question: string; answer: string; url?: string }[];
  /** Request size limits, over the protocol defaults (20 turns of 2,000 characters, 8 FAQ hits, ...). */
  limits?: Partial<EscalationLimits>;
  /** Largest request body in bytes, counted as it arrives. Default 65,536. */
  maxBodyBytes?: number;
  /** Per-client rate limit, or `false` for none. Default 10 requests, refilled at 10 per minute, in memory. */
  rateLimit?: RateLimitOptions | false;
  /** PII redaction applied to every turn before anything leaves the server; `false` to turn off. Default all kinds. */
  redact?: RedactOptions | false;
  /** Timeouts and retries of the provider calls. Defaults in {@link UpstreamPolicy}. */
  upstream?: UpstreamPolicy;
  /** Longest answer, in tokens. Default 512. */
  maxOutputTokens?: number;
  /** Sampling temperature. Default 0.2. */
  temperature?: number;
  /**
   * Said when the LLM cannot be reached (down, timing out, misconfigured), with
   * `finishReason: 'fallback'`; `false` answers with an error instead. Default: an apology
   * that asks the visitor to try again or contact support.
   */
  fallbackReply?: string | ((request: EscalationRequest) => string) | false;
  /** A webhook for human handoff. Default none. */
  handoff?: HandoffOptions;
  /** Where warnings go (never to the visitor). Default `console`. */
  logger?: EscalationLogger;
  /** The fetch used for the provider and the webhook. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** A Web-standard handler: `Request` in, `Response` out. Never throws. */
export type EscalationHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

const DEFAULT_FALLBACK =
  "Sorry, I can't reach our assistant right now. Please try again in a moment, or contact our support team.";

/**
 * Creates the escalation endpoint: checks the origin (CORS), rate limit, body size and schema,
 * redacts personal data, builds a prompt grounded in the FAQ hits, calls the LLM with timeouts
 * and retries, and streams the answer as server-sent events (`delta`, `done`, `error`) or, for
 * `stream: false`, returns one JSON body. When the client disconnects, the LLM call is aborted.
 *
 * @example
 * import { createEscalationHandler, openAICompatible } from '@support-bot/server-adapter';
 *
 * export const handler = createEscalationHandler({
 *   provider: openAICompatible({
 *     baseURL: 'https://api.openai.com/v1',
 *     model: 'gpt-4o-mini',
 *     apiKey: process.env.OPENAI_API_KEY,
 *   }),
 *   allowedOrigins: ['https://shop.example'],
 *   systemPrompt: 'You work for Acme Outdoor. Orders ship from Germany.',
 * });
 * // Next.js app router: export const POST = handler; export const OPTIONS = handler;
 */
export function createEscalationHandler(options: EscalationHandlerOptions): EscalationHandler {
  const cors = createCorsGuard({
    allowedOrigins: options.allowedOrigins,
    ...(options.allowMissingOrigin !== undefined && {
      allowMissingOrigin: options.allowMissingOrigin,
    }),
    ...(options.allowedHeaders && { allowedHeaders: options.allowedHeaders }),
  });
  const limits: EscalationLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const policy = { ...DEFAULT_UPSTREAM_POLICY, ...options.upstream };
  const logger = options.logger ?? console;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const faqById = options.faq && new Map(options.faq.map((f) => [f.id, f]));
  const provider = options.provider;
  const secrets = (provider?.secrets ?? []).filter((s) => s.length >= 4);
  const scrub = (text: string) => {
    let out = text;
    for (const s of secrets) out = out.split(s).join('[key]');
    return out
      .replace(/\b(?:sk|pk|rk)-[\w-]{8,}/g, '[key]')
      .replace(/(bearer|api[-_]?key["':= ]+)\s*[\w.-]{8,}/gi, '$1 [key]');
  };
  const log = (message: string) => logger.warn(`[support-bot] escalation: ${scrub(message)}`);

  const rateLimit = createRateLimitGuard(
    options.rateLimit,
    { capacity: 10, refillPerMinute: 10, prefix: '', what: 'escalation' },
    log,
  );
  let warnedNoProvider = false;

  async function handle(request: Request, context: HandlerContext): Promise<Response> {
    if (request.method === 'OPTIONS') {
      return (
        cors.preflight(request) ??
        errorResponse(
          new EscalationError(
            'ORIGIN_NOT_ALLOWED',
            'Failed to allow this cross-origin request: the origin, method or headers are not allowed. Please add the page origin to allowedOrigins.',
          ),
        )
      );
    }
    const decision = cors.check(request);
    if (!decision.allowed) {
      return errorResponse(
        new EscalationError(
          'ORIGIN_NOT_ALLOWED',
          `Failed to accept the request: origin ${decision.origin ?? '(none)'} is not allowed. Please add it to allowedOrigins.`,
        ),
      );
    }
    const headers = decision.headers;
    try {
      if (request.method !== 'POST') {
        throw new EscalationError(
          'METHOD_NOT_ALLOWED',
          `Failed to accept the request: ${request.method} is not supported. Please POST the escalation.`,
        );
      }
      if (rateLimit) {
        const taken = await rateLimit(request, context);
        Object.assign(headers, taken.headers);
        if (taken.error) return errorResponse(taken.error, headers);
      }

      const body = await readJsonBody(request, maxBodyBytes);
      const result = validateEscalationRequest(body, limits);
      if (!result.ok) {
        const first = result.issues[0]!;
        const rest = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
        throw new EscalationError(
          first.code,
          `Failed to accept the request: ${first.field || 'the body'} ${first.message}${rest}. Please fix the request.`,
          { field: first.field },
        );
      }
      const escalation = prepare(result.value);
      const controller = new AbortController();
      const onClientAbort = () => controller.abort(request.signal.reason);
      if (request.signal.aborted) onClientAbort();
      else request.signal.addEventListener('abort', onClientAbort, { once: true });
      const events = answer(escalation, controller.signal);
      const stop = () => {
        request.signal.removeEventListener('abort', onClientAbort);
        if (!controller.signal.aborted) controller.abort();
      };

      if (escalation.stream === false) {
        try {
          return await collect(events, headers);
        } finally {
          stop();
        }
      }
      const stream = new ReadableStream<Uint8Array>({
        async pull(out) {
          try {
            const next = await events.next();
            if (next.done) {
              stop();
              out.close();
            } else {
              out.enqueue(encodeSseEvent(next.value));
            }
          } catch (error) {
            stop();
            if (!controller.signal.aborted) log(`stream failed: ${String(error)}`);
            out.close();
          }
        },
        async cancel() {
          // The client went away: abort the provider call and end the generator.
          controller.abort(new DOMException('client disconnected', 'AbortError'));
          stop();
          await events.return(undefined).catch(() => {});
        },
      });
      return new Response(stream, { status: 200, headers: { ...headers, ...SSE_HEADERS } });
    } catch (error) {
      if (isEscalationError(error)) return errorResponse(error, headers);
      log(`internal error: ${String((error as Error)?.message ?? error)}`);
      return errorResponse(
        new EscalationError(
          'INTERNAL',
          'Failed to answer: something went wrong on the server. Please try again later.',
        ),
        headers,
      );
    }
  }

  /** Redacts every turn and, with a trusted FAQ, swaps in the real entries. */
  function prepare(request: EscalationRequest): EscalationRequest {
    const redact = options.redact;
    const messages =
      redact === false
        ? request.messages
        : request.messages.map((m) => ({ role: m.role, text: redactPII(m.text, redact).text }));
    const faq = faqById
      ? request.faq.flatMap((hit) => {
          const real = faqById.get(hit.id);
          return real
            ? [
                {
                  id: real.id,
                  question: real.question,
                  answer: real.answer,
                  ...(real.url !== undefined && { url: real.url }),
                  score: hit.score,
                },
              ]
            : [];
        })
      : request.faq;
    return { ...request, messages, faq };
  }

  function fallbackText(request: EscalationRequest): string | undefined {
    const f = options.fallbackReply;
    if (f === false) return undefined;
    if (typeof f === 'function') return f(request);
    return f ?? DEFAULT_FALLBACK;
  }

  async function* answer(
    request: EscalationRequest,
    signal: AbortSignal,
  ): AsyncGenerator<EscalationEvent, void, undefined> {
    const handoff = options.handoff;
    const visitorHandoff =
      handoff && visitorAsksForHuman(request, handoff)
        ? sendHandoff(handoff, request, 'visitor', '', fetchImpl, log)
        : undefined;
    let text = '';
    let usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    const filter = new HandoffMarkerFilter();
    let done: Extract<EscalationEvent, { type: 'done' }> | undefined;
    try {
      if (!provider) {
        if (!warnedNoProvider)
          log('no LLM provider is configured; answering with the fallback reply');
        warnedNoProvider = true;
        throw new EscalationError(
          'UPSTREAM_UNAVAILABLE',
          'Failed to get an answer: no assistant is configured. Please try again later.',
        );
      }
      const ctx: UpstreamContext = { policy, fetch: fetchImpl, signal, log, scrub };
      const prompt = buildGroundedPrompt(request, {
        ...(options.systemPrompt !== undefined && { sitePrompt: options.systemPrompt }),
        ...(options.bot && { bot: options.bot }),
        trustedFaq: Boolean(faqById),
        handoff: Boolean(handoff && handoff.allowAssistant !== false),
      });
      const call: ProviderCall = {
        ...prompt,
        maxOutputTokens: options.maxOutputTokens ?? 512,
        temperature: options.temperature ?? 0.2,
        signal,
        post: (url, init) => postUpstream(ctx, url, init),
        events: (response) => upstreamEvents(ctx, response),
      };
      for await (const event of provider.stream(call)) {
        if (event.type === 'delta') {
          const shown = filter.push(event.text);
          if (shown) {
            text += shown;
            yield { type: 'delta', text: shown };
          }
        } else {
          usage = event.usage;
          done = { type: 'done', usage, finishReason: event.finishReason };
          break;
        }
      }
      if (!done) throw new EscalationError('UPSTREAM_INTERRUPTED', 'Failed to finish the answer.');
      const rest = filter.flush();
      if (rest) {
        text += rest;
        yield { type: 'delta', text: rest };
      }
    } catch (error) {
      if (signal.aborted) return;
      const e = isEscalationError(error)
        ? error
        : new EscalationError('INTERNAL', 'Failed to get an answer. Please try again later.', {
            cause: error,
          });
      if (!isEscalationError(error)) log(`provider failed: ${String((error as Error)?.message)}`);
      const fallback = text === '' ? fallbackText(request) : undefined;
      if (fallback === undefined) {
        if (text !== '') log(`answer interrupted after ${text.length} characters (${e.code})`);
        yield {
          type: 'error',
          code: text === '' ? e.code : 'UPSTREAM_INTERRUPTED',
          message: e.message,
          retryable: text === '' ? e.retryable : true,
        };
        return;
      }
      log(`answered with the fallback reply (${e.code})`);
      text = fallback;
      yield { type: 'delta', text: fallback };
      done = { type: 'done', usage, finishReason: 'fallback' };
    }

    let result: HandoffResult | undefined = await visitorHandoff;
    if (!result && handoff && handoff.allowAssistant !== false && filter.found) {
      result = await sendHandoff(handoff, request, 'assistant', text, fetchImpl, log);
    }
    yield result ? { ...done, handoff: result } : done;
  }

  async function collect(
    events: AsyncGenerator<EscalationEvent, void, undefined>,
    headers: Record<string, string>,
  ): Promise<Response> {
    let text = '';
    for await (const event of events) {
      if (event.type === 'delta') text += event.text;
      else if (event.type === 'error') {
        const code = event.code as EscalationError['code'];
        return errorResponse(
          new EscalationError(code, event.message, { retryable: event.retryable }),
          headers,
        );
      } else {
        const body: EscalationResult = {
          text,
          usage: event.usage,
          finishReason: event.finishReason,
          ...(event.handoff && { handoff: event.handoff }),
        };
        return new Response(JSON.stringify(body), {
          status: 200,
          headers: {
            ...headers,
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
          },
        });
      }
    }
    // The generator only ends without a final event when the client went away.
    return new Response(null, { status: 499, headers });
  }

  return async (request, context = {}) => {
    try {
      return await handle(request, context);
    } catch (error) {
      log(`internal error: ${String((error as Error)?.message ?? error)}`);
      return errorResponse(
        new EscalationError(
          'INTERNAL',
          'Failed to answer: something went wrong on the server. Please try again later.',
        ),
      );
    }
  };
}
