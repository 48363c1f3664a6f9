/**
 * Stable error codes. Callers branch on `code`, never on the message text.
 */
export const ErrorCode = {
  /** The bot file is not valid JSON (the message gives line and column). */
  CONFIG_PARSE: 'CONFIG_PARSE',
  /** The bot file is JSON but breaks the schema or a rule (see `issues`). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The encoder model could not be loaded (missing or corrupt files, no backend). */
  MODEL_LOAD_FAILED: 'MODEL_LOAD_FAILED',
  /** The model is not in the table of supported models. */
  MODEL_UNKNOWN: 'MODEL_UNKNOWN',
  /** Running the model failed after it had loaded. */
  INFERENCE_FAILED: 'INFERENCE_FAILED',
  /** The visitor's message is empty or only whitespace. */
  EMPTY_MESSAGE: 'EMPTY_MESSAGE',
  /** A compiled index is corrupt, or was built for another model or format version. */
  INDEX_INVALID: 'INDEX_INVALID',
  INDEX_MISMATCH: 'INDEX_MISMATCH',
  /** The bot was used after `dispose()`. */
  DISPOSED: 'DISPOSED',
  /** A labelled data file (CSV) could not be read. */
  DATA_INVALID: 'DATA_INVALID',
  /** A command line was wrong. */
  USAGE: 'USAGE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem found in a bot file, located by JSON path (and line/column when text was given). */
export interface ConfigIssue {
  /** JSON path in dotted/bracket form, e.g. `intents[3].examples`; `''` for the root. */
  path: string;
  /** What is wrong and what is expected, e.g. `must have at least 1 item`. */
  message: string;
  /** 1-based line of the offending value when the config came from text. */
  line?: number;
  /** 1-based column of the offending value when the config came from text. */
  column?: number;
}

export interface SupportBotErrorOptions {
  cause?: unknown;
  /** True when the same call may succeed later (network, busy backend). */
  retryable?: boolean;
  /** Config problems, for `CONFIG_INVALID` / `CONFIG_PARSE`. */
  issues?: ConfigIssue[];
}

/**
 * The one error class of support-bot. Messages read
 * "[support-bot] Failed to X: why. Please Y".
 *
 * @example
 * try { parseBotConfig(text) } catch (e) {
 *   if (isSupportBotError(e, 'CONFIG_INVALID')) for (const i of e.issues) console.log(i.path, i.message);
 * }
 */
export class SupportBotError extends Error {
  override readonly name = 'SupportBotError';
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly issues: readonly ConfigIssue[];

  constructor(code: ErrorCode, message: string, options: SupportBotErrorOptions = {}) {
    super(message.startsWith('[support-bot]') ? message : `[support-bot] ${message}`, {
      cause: options.cause,
    });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.issues = options.issues ?? [];
  }
}

/** Narrows `error` to a {@link SupportBotError}, optionally of one `code`. */
export function isSupportBotError(error: unknown, code?: ErrorCode): error is SupportBotError {
  return error instanceof SupportBotError && (code === undefined || error.code === code);
}
