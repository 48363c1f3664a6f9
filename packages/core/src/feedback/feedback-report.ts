import { ErrorCode, SupportBotError } from '../errors.js';
import type { ReplyKind } from '../types.js';

/** Why a visitor's message was reported. */
export const FeedbackKind = {
  /** The visitor rated a reply thumbs up. */
  THUMBS_UP: 'thumbs_up',
  /** The visitor rated a reply thumbs down. */
  THUMBS_DOWN: 'thumbs_down',
  /** The bot fell back: no intent or FAQ entry matched. */
  UNANSWERED: 'unanswered',
  /** The bot escalated to the server's LLM. */
  ESCALATED: 'escalated',
  /** The bot answered, but with low confidence. */
  LOW_CONFIDENCE: 'low_confidence',
} as const;
export type FeedbackKind = (typeof FeedbackKind)[keyof typeof FeedbackKind];

/**
 * One opt-in report from the widget to the adapter's feedback endpoint, stored as one line of
 * JSON. `text` is PII-redacted in the browser before it is sent.
 */
export interface FeedbackReport {
  version: 1;
  kind: FeedbackKind;
  /** The visitor's message, redacted (`[email]`, `[phone]`, `[card]`, ...). */
  text: string;
  /** What the bot answered. */
  reply?: { kind: ReplyKind; id?: string; confidence: number };
  /** The bot's best candidates for the message. */
  candidates?: {
    intents: { id: string; confidence: number }[];
    faq: { id: string; similarity: number }[];
  };
  bot: { name: string; language: string };
  locale?: string;
  conversationId?: string;
  /** ISO 8601 time the visitor sent it. */
  at: string;
}

const KINDS = new Set<string>(Object.values(FeedbackKind));

/** Checks the shape of a report; returns why it is invalid, or `undefined` when it is fine. */
export function feedbackReportProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'must be an object';
  const r = value as Record<string, unknown>;
  if (r.version !== 1) return 'version must be 1';
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind))
    return `kind must be one of ${[...KINDS].join(', ')}`;
  if (typeof r.text !== 'string' || r.text.trim() === '') return 'text must be a non-empty string';
  if (r.text.length > 4000) return 'text must be at most 4000 characters';
  const bot = r.bot as Record<string, unknown> | undefined;
  if (
    typeof bot !== 'object' ||
    bot === null ||
    typeof bot.name !== 'string' ||
    typeof bot.language !== 'string'
  ) {
    return 'bot must be { name, language }';
  }
  if (typeof r.at !== 'string' || Number.isNaN(Date.parse(r.at)))
    return 'at must be an ISO 8601 time';
  return undefined;
}

/**
 * Parses a JSON-lines feedback store. Blank lines are skipped; a malformed line is an error
 * naming its line number (nothing is silently dropped).
 */
export function parseFeedbackLines(text: string, source = 'feedback'): FeedbackReport[] {
  const reports: FeedbackReport[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read ${source}: line ${i + 1} is not JSON (${(cause as Error).message}). Please fix or remove that line.`,
      );
    }
    const problem = feedbackReportProblem(value);
    if (problem) {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read ${source}: line ${i + 1}: ${problem}. Please fix or remove that line.`,
      );
    }
    reports.push(value as FeedbackReport);
  });
  return reports;
}
