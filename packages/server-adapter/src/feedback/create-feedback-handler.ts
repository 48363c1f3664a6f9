import { FEEDBACK_LIMITS, validateFeedbackReport } from '@support-bot/core/protocol';
import type { RedactOptions } from '@support-bot/core/redact';
import { redactPII } from '@support-bot/core/redact';
import { EscalationError, errorResponse, isEscalationError } from '../errors.js';
import { type CorsOptions, createCorsGuard, type OriginAllowList } from '../guards/cors.js';
import {
  createRateLimitGuard,
  type HandlerContext,
  type RateLimitOptions,
} from '../guards/rate-limit.js';
import { readJsonBody } from '../guards/read-json-body.js';
import type { FeedbackStore } from './feedback-store.js';

export interface FeedbackHandlerOptions {
  /** Where reports go: {@link createJsonLinesFeedbackStore} or {@link createRedisFeedbackStore}. */
  store: FeedbackStore;
  /** Page origins allowed to report (see {@link OriginAllowList}); any other gets 403. */
  allowedOrigins: OriginAllowList;
  /** Allow requests without an `Origin` header (server-to-server). Default false. */
  allowMissingOrigin?: boolean;
  /** Request headers pages may send besides `content-type`. Default none. */
  allowedHeaders?: CorsOptions['allowedHeaders'];
  /** Largest body in bytes, counted as it arrives. Default `FEEDBACK_LIMITS.maxBodyBytes` (16 KiB). */
  maxBodyBytes?: number;
  /**
   * Per-client rate limit, or `false` for none. Default 30 reports, refilled at 30 per minute, in
   * memory; keys are prefixed `feedback:` so a shared store keeps escalation budgets apart.
   */
  rateLimit?: RateLimitOptions | false;
  /** Redaction applied again on the server (the widget already redacts). `false` to skip. Default all kinds. */
  redact?: RedactOptions | false;
  /** Retries when the store fails. Default 3 attempts, 50 ms then 200 ms apart, 2 s per attempt. */
  retry?: { attempts?: number; delayMs?: number; attemptTimeoutMs?: number };
  /** Seconds a client is told to wait (`Retry-After`) when the store is down. Default 5. */
  retryAfterSeconds?: number;
  /** Where warnings go (never to the visitor). Default `console`. */
  logger?: { warn(message: string): void };
}

/** A Web-standard handler: `Request` in, `Response` out. Never throws. */
export type FeedbackHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the feedback endpoint the widget reports to when the bot file turns `feedback` on:
 * checks the origin (CORS), rate limit, body size and schema (`validateFeedbackReport`, 422 with
 * the field), redacts the text again, and appends the report to the store — retrying a failing
 * store a bounded number of times, then answering 503 with `Retry-After` (the widget keeps the
 * report and sends it later). Success is 202 `{ ok: true, id }`.
 *
 * @example
 * import { createFeedbackHandler, createJsonLinesFeedbackStore, toNodeHandler } from '@support-bot/server-adapter';
 *
 * const feedback = createFeedbackHandler({
 *   allowedOrigins: ['https://shop.example'],
 *   store: createJsonLinesFeedbackStore({ path: 'data/feedback.jsonl' }),
 * });
 * // node:http: if (url === '/api/feedback') return toNodeHandler(feedback)(req, res);
 */
export function createFeedbackHandler(options: FeedbackHandlerOptions): FeedbackHandler {
  const cors = createCorsGuard({
    allowedOrigins: options.allowedOrigins,
    ...(options.allowMissingOrigin !== undefined && {
      allowMissingOrigin: options.allowMissingOrigin,
    }),
    ...(options.allowedHeaders && { allowedHeaders: options.allowedHeaders }),
  });
  const logger = options.logger ?? console;
  const log = (message: string) => logger.warn(`[support-bot] feedback: ${message}`);
  const maxBodyBytes = options.maxBodyBytes ?? FEEDBACK_LIMITS.maxBodyBytes;
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const delayMs = options.retry?.delayMs ?? 50;
  const attemptTimeoutMs = options.retry?.attemptTimeoutMs ?? 2000;
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  const rateLimit = createRateLimitGuard(
    options.rateLimit,
    { capacity: 30, refillPerMinute: 30, prefix: 'feedback:', what: 'feedback' },
    log,
  );

  /** One append, given up after `attemptTimeoutMs` (a client queueing commands offline must not hang us). */
  async function appendOnce(report: Parameters<FeedbackStore['append']>[0]): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${attemptTimeoutMs} ms`)),
        attemptTimeoutMs,
      );
    });
    try {
      await Promise.race([options.store.append(report), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function store(report: Parameters<FeedbackStore['append']>[0]): Promise<void> {
    let last: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await appendOnce(report);
        return;
      } catch (error) {
        last = error;
        if (attempt < attempts) await sleep(delayMs * 4 ** (attempt - 1));
      }
    }
    log(`store failed after ${attempts} attempts (${String((last as Error)?.message ?? last)})`);
    throw new EscalationError(
      'STORE_UNAVAILABLE',
      'Failed to store the feedback: the store is unavailable. Please send it again later.',
      { cause: last },
    );
  }

  return async (request, context = {}) => {
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
          `Failed to accept the feedback: origin ${decision.origin ?? '(none)'} is not allowed. Please add it to allowedOrigins.`,
        ),
      );
    }
    const headers = decision.headers;
    try {
      if (request.method !== 'POST') {
        throw new EscalationError(
          'METHOD_NOT_ALLOWED',
          `Failed to accept the feedback: ${request.method} is not supported. Please POST the report.`,
        );
      }
      if (rateLimit) {
        const taken = await rateLimit(request, context);
        Object.assign(headers, taken.headers);
        if (taken.error) return errorResponse(taken.error, headers);
      }
      const body = await readJsonBody(request, maxBodyBytes);
      const result = validateFeedbackReport(body);
      if (!result.ok) {
        const first = result.issues[0]!;
        const rest = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
        throw new EscalationError(
          'INVALID_REQUEST',
          `Failed to accept the feedback: ${first.field || 'the body'} ${first.message}${rest}. Please fix the report.`,
          { field: first.field, status: 422 },
        );
      }
      const report =
        options.redact === false
          ? result.value
          : { ...result.value, text: redactPII(result.value.text, options.redact).text };
      try {
        await store(report);
      } catch (error) {
        if (isEscalationError(error, 'STORE_UNAVAILABLE')) {
          return errorResponse(error, { ...headers, 'retry-after': retryAfter });
        }
        throw error;
      }
      const h = new Headers(headers);
      h.set('content-type', 'application/json; charset=utf-8');
      h.set('cache-control', 'no-store');
      return new Response(JSON.stringify({ ok: true, id: report.id }), { status: 202, headers: h });
    } catch (error) {
      if (isEscalationError(error)) return errorResponse(error, headers);
      log(`internal error: ${String((error as Error)?.message ?? error)}`);
      return errorResponse(
        new EscalationError(
          'INTERNAL',
          'Failed to accept the feedback: something went wrong on the server. Please try again later.',
        ),
        headers,
      );
    }
  };
}
