import type { EscalationErrorBody, EscalationErrorCode } from '@support-bot/core/protocol';

/** HTTP status of each error code the adapter answers with. */
const STATUS: Record<EscalationErrorCode, number> = {
  ORIGIN_NOT_ALLOWED: 403,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  UNSUPPORTED_VERSION: 400,
  TOO_MANY_MESSAGES: 422,
  MESSAGE_TOO_LONG: 422,
  LIMIT_EXCEEDED: 422,
  RATE_LIMITED: 429,
  RATE_LIMIT_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_INTERRUPTED: 502,
  STREAM_INTERRUPTED: 502,
  INTERNAL: 500,
};

export interface EscalationErrorOptions {
  cause?: unknown;
  /** True when the same request may succeed later. Default: true for 429 and 5xx codes. */
  retryable?: boolean;
  /** The offending request field, for validation errors. */
  field?: string;
  /** HTTP status when it differs from the code's usual one. */
  status?: number;
}

/**
 * The adapter's one error type. `message` is safe to show a visitor (it never holds keys, URLs
 * or upstream bodies); upstream details go to `cause` and the server's log only.
 * Messages read "[support-bot] Failed to X: why. Please Y."
 */
export class EscalationError extends Error {
  override readonly name = 'EscalationError';
  readonly code: EscalationErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly field: string | undefined;

  constructor(code: EscalationErrorCode, message: string, options: EscalationErrorOptions = {}) {
    super(message.startsWith('[support-bot]') ? message : `[support-bot] ${message}`, {
      cause: options.cause,
    });
    this.code = code;
    this.status = options.status ?? STATUS[code] ?? 500;
    this.retryable = options.retryable ?? (this.status === 429 || this.status >= 500);
    this.field = options.field;
  }

  /** The JSON body sent to the client: `{ error: { code, message, field?, retryable } }`. */
  toBody(): EscalationErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined && { field: this.field }),
        retryable: this.retryable,
      },
    };
  }
}

/** Narrows `error` to an {@link EscalationError}, optionally of one `code`. */
export function isEscalationError(
  error: unknown,
  code?: EscalationErrorCode,
): error is EscalationError {
  return error instanceof EscalationError && (code === undefined || error.code === code);
}

/** A JSON error response for `error`, with extra headers (CORS, `Retry-After`). */
export function errorResponse(error: EscalationError, headers?: Record<string, string>): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify(error.toBody()), { status: error.status, headers: h });
}
