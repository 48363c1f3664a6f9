import { ErrorCode, SupportBotError } from '../errors.js';

import { MAX_MESSAGE_CHARS } from '../limits.js';

export { MAX_MESSAGE_CHARS };

/**
 * Characters of the raw message read at all. Normalising can only shrink text this long to
 * {@link MAX_MESSAGE_CHARS} or less by collapsing whitespace and composing characters, so
 * twice the cap leaves room for that while a pasted megabyte costs no more than 4,000 characters.
 */
const RAW_WINDOW = MAX_MESSAGE_CHARS * 2;

/**
 * Format characters (Unicode category Cf): zero-width spaces and joiners, bidi controls, soft
 * hyphens, byte-order marks. Invisible, and the tokenizers drop them anyway.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** A letter or a digit in any script: the least a message needs for the model to read it. */
const READABLE = /[\p{L}\p{N}]/u;

/**
 * Cuts a visitor's message to its first {@link RAW_WINDOW} characters, then Unicode-normalises
 * it (NFKC), removes format characters, collapses whitespace and caps it at
 * {@link MAX_MESSAGE_CHARS}. May return `''` for a message made only of format characters
 * (see {@link isReadable}).
 * @throws {SupportBotError} `EMPTY_MESSAGE` when the text is not a string, or empty or only
 *   whitespace.
 */
export function normalizeMessage(text: string): string {
  if (typeof text !== 'string') {
    throw new SupportBotError(
      ErrorCode.EMPTY_MESSAGE,
      `Failed to reply: the message must be a string, got ${typeof text}. Please pass the visitor's text.`,
    );
  }
  const raw = cut(text.trimStart(), RAW_WINDOW);
  if (raw === '') {
    throw new SupportBotError(
      ErrorCode.EMPTY_MESSAGE,
      'Failed to reply: the message is empty or only whitespace. Please send some text.',
    );
  }
  const normalized = raw.normalize('NFKC').replace(FORMAT_CHARACTERS, '').replace(/\s+/g, ' ');
  return cut(normalized.trim(), MAX_MESSAGE_CHARS);
}

/**
 * True when a normalised message has something for the model to read: at least one letter or
 * digit. Emoji, symbols and punctuation alone are not (they embed near whatever intent happens
 * to be closest), so such messages get the fallback reply.
 */
export function isReadable(message: string): boolean {
  return READABLE.test(message);
}

/** The first `max` UTF-16 units, without cutting a surrogate pair in half. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}
