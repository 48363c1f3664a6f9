import type {
  EscalationEvent,
  EscalationLimits,
  EscalationRequest,
  HandoffResult,
  TokenUsage,
} from '@support-bot/core/protocol';
import { DEFAULT_LIMITS, validateEscalationRequest } from '@support-bot/core/protocol';
import type { RedactOptions } from '@support-bot/core/redact';
import { AnswerBudget, raceAbort } from './answer-budget.js';
import { type BotIdentity, buildGroundedPrompt } from './build-grounded-prompt.js';
import { collectResult } from './collect-result.js';
import { EscalationError, errorResponse, isEscalationError } from './errors.js';
import { type CorsOptions, createCorsGuard, type OriginAllowList } from './guards/cors.js';
import {
  createRateLimitGuard,
  type HandlerContext,
  type RateLimitOptions,
} from './guards/rate-limit.js';
import { readJsonBody } from './guards/read-json-body.js';
import { prepareEscalation } from './prepare-escalation.js';

export type { HandlerContext, RateLimitOptions } from './guards/rate-limit.js';

import {
  HandoffMarkerFilter,
  type HandoffOptions,
  sendHandoff,
  visitorAsksForHuman,
} from './handoff.js';
import type { EscalationProvider, ProviderCall, ProviderEvent } from './providers/provider.js';
import {
  DEFAULT_UPSTREAM_POLICY,
  postUpstream,
  type UpstreamContext,
  type UpstreamPolicy,
  upstreamEvents,
} from './providers/upstream.js';
import { eventStream, SSE_HEADERS } from './sse.js';

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
  /** Longest answer, in tokens (the provider's `max_tokens`). Default 512. */
  maxOutputTokens?: number;
  /**
   * Longest answer the visitor receives, in characters and in UTF-8 bytes, whatever the provider
   * sends: past it the answer is cut (on a character) and ends cleanly with
   * `finishReason: 'length'`. Default 8 characters and 16 bytes per `maxOutputTokens`.
   */
  maxAnswerChars?: number;
  /** See {@link maxAnswerChars}. */
  maxAnswerBytes?: number;
  /**
   * While an answer streams, send an SSE comment (`: keep-alive`) after this many ms without an
   * event, so proxies with a read timeout (often 60 s) keep the connection; 0 turns it off.
   * Default 15,000.
   */
  heartbeatMs?: number;
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
  const maxOutputTokens = options.maxOutputTokens ?? 512;
  const maxAnswerChars = options.maxAnswerChars ?? maxOutputTokens * 8;
  const maxAnswerBytes = options.maxAnswerBytes ?? maxOutputTokens * 16;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
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
      const escalation = prepareEscalation(result.value, options.redact, faqById);
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
          return await collectResult(events, headers);
        } finally {
          stop();
        }
      }
      const stream = eventStream(events, {
        heartbeatMs,
        onEnd: (error) => {
          stop();
          if (error !== undefined && !controller.signal.aborted) {
            log(`stream failed: ${String(error)}`);
          }
        },
        async onCancel() {
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
    const budget = new AnswerBudget(maxAnswerChars, maxAnswerBytes);
    let done: Extract<EscalationEvent, { type: 'done' }> | undefined;
    // The provider call ends with the client, at the answer's deadline, or when the answer is full.
    const call$ = new AbortController();
    const onClientAbort = () => call$.abort(signal.reason);
    if (signal.aborted) onClientAbort();
    else signal.addEventListener('abort', onClientAbort, { once: true });
    const deadline = setTimeout(
      () => call$.abort(new DOMException('answer deadline', 'TimeoutError')),
      policy.answerTimeoutMs,
    );
    let stream: AsyncIterator<ProviderEvent> | undefined;
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
      const ctx: UpstreamContext = { policy, fetch: fetchImpl, signal: call$.signal, log, scrub };
      const prompt = buildGroundedPrompt(request, {
        ...(options.systemPrompt !== undefined && { sitePrompt: options.systemPrompt }),
        ...(options.bot && { bot: options.bot }),
        trustedFaq: Boolean(faqById),
        handoff: Boolean(handoff && handoff.allowAssistant !== false),
      });
      const call: ProviderCall = {
        ...prompt,
        maxOutputTokens,
        temperature: options.temperature ?? 0.2,
        signal: call$.signal,
        post: (url, init) => postUpstream(ctx, url, init),
        events: (response) => upstreamEvents(ctx, response),
      };
      stream = provider.stream(call)[Symbol.asyncIterator]();
      for (;;) {
        // Raced against the signal too: a provider that ignores it still cannot outlive the deadline.
        const next = await raceAbort(stream.next(), call$.signal);
        if (next.done) break;
        const event = next.value;
        if (event.type === 'delta') {
          const shown = budget.take(filter.push(event.text));
          if (shown) {
            text += shown;
            yield { type: 'delta', text: shown };
          }
          if (budget.spent) {
            log(
              `answer cut at ${budget.chars} characters / ${budget.bytes} bytes (maxAnswerChars ${maxAnswerChars}, maxAnswerBytes ${maxAnswerBytes})`,
            );
            done = { type: 'done', usage, finishReason: 'length' };
            break;
          }
        } else {
          usage = event.usage;
          done = { type: 'done', usage, finishReason: event.finishReason };
          break;
        }
      }
      if (!done) throw new EscalationError('UPSTREAM_INTERRUPTED', 'Failed to finish the answer.');
      if (!budget.spent) {
        const rest = budget.take(filter.flush());
        if (rest) {
          text += rest;
          yield { type: 'delta', text: rest };
        }
        if (budget.spent) done = { ...done, finishReason: 'length' };
      }
    } catch (error) {
      if (signal.aborted) return;
      const timedOut = call$.signal.aborted;
      if (timedOut) log(`no complete answer within ${policy.answerTimeoutMs} ms (answerTimeoutMs)`);
      const e = timedOut
        ? new EscalationError(
            'UPSTREAM_TIMEOUT',
            'Failed to get an answer: the assistant took too long. Please try again.',
          )
        : isEscalationError(error)
          ? error
          : new EscalationError('INTERNAL', 'Failed to get an answer. Please try again later.', {
              cause: error,
            });
      if (!timedOut && !isEscalationError(error)) {
        log(`provider failed: ${String((error as Error)?.message)}`);
      }
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
    } finally {
      clearTimeout(deadline);
      signal.removeEventListener('abort', onClientAbort);
      // Stop the provider's stream (and its HTTP body) once we no longer read it.
      if (!call$.signal.aborted) call$.abort(new DOMException('answer complete', 'AbortError'));
      void stream?.return?.(undefined)?.catch(() => {});
    }

    let result: HandoffResult | undefined = await visitorHandoff;
    if (!result && handoff && handoff.allowAssistant !== false && filter.found) {
      result = await sendHandoff(handoff, request, 'assistant', text, fetchImpl, log);
    }
    yield result ? { ...done, handoff: result } : done;
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
