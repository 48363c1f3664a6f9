import { ErrorCode, SupportBotError } from '../errors.js';

/**
 * Longest message kept, in characters. The model reads at most a few hundred tokens anyway;
 * cutting first keeps tokenizing a pasted novel cheap.
 */
export const MAX_MESSAGE_CHARS = 2000;

/** Unicode-normalises, collapses whitespace and caps the length of a visitor's message. */
export function normalizeMessage(text: string): string {
  if (typeof text !== 'string') {
    throw new SupportBotError(
      ErrorCode.EMPTY_MESSAGE,
      `Failed to reply: the message must be a string, got ${typeof text}. Please pass the visitor's text.`,
    );
  }
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (normalized === '') {
    throw new SupportBotError(
      ErrorCode.EMPTY_MESSAGE,
      'Failed to reply: the message is empty or only whitespace. Please send some text.',
    );
  }
  // Do not cut a surrogate pair in half.
  const cut = normalized.slice(0, MAX_MESSAGE_CHARS);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
