import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import { isReadable, MAX_MESSAGE_CHARS, normalizeMessage } from './normalize-message.js';

describe('normalizeMessage', () => {
  it('cuts a long message before normalising it, so a pasted 21 MB text costs milliseconds', () => {
    const big = `I need a refund ${'for my broken helmet, please. '.repeat(700_000)}`;
    const started = performance.now();
    const message = normalizeMessage(big);
    const ms = performance.now() - started;
    expect(message).toHaveLength(MAX_MESSAGE_CHARS);
    expect(message.startsWith('I need a refund for my broken helmet')).toBe(true);
    // main normalised all 21 MB first: 6.3 s per call here; now 2.6 ms.
    expect(ms).toBeLessThan(500);
    // Only the first 4,000 characters are read at all: a word after a long gap is not pulled in.
    expect(normalizeMessage(`hello${' '.repeat(5000)}world`)).toBe('hello');
    // Leading whitespace does not use up the window.
    expect(normalizeMessage(`${' '.repeat(5000)}hello`)).toBe('hello');
  });

  it('still composes, collapses whitespace and keeps surrogate pairs whole at the cap', () => {
    expect(normalizeMessage('  ｗｈｅｒｅ  is\n\tmy ⓟⓐⓡⓒⓔⓛ ')).toBe('where is my parcel');
    const emoji = `${'a'.repeat(MAX_MESSAGE_CHARS - 1)}😀`;
    expect(normalizeMessage(emoji)).toBe('a'.repeat(MAX_MESSAGE_CHARS - 1));
  });

  it('strips format characters (zero-width spaces and joiners, bidi marks, soft hyphens)', () => {
    expect(normalizeMessage('\u200bwhere\u200b is my\u00ad or\u200cder\u2060?\u200f')).toBe(
      'where is my order?',
    );
    expect(normalizeMessage('\u200b\u200b\u200b')).toBe('');
    expect(normalizeMessage('\ufeff\u200d')).toBe('');
  });

  it('rejects empty or whitespace-only text', () => {
    for (const text of ['', '   ', '\n\t ']) {
      expect(() => normalizeMessage(text)).toThrow(
        expect.objectContaining({ code: ErrorCode.EMPTY_MESSAGE }),
      );
    }
  });
});

describe('isReadable', () => {
  it('needs a letter or a digit in any script', () => {
    for (const text of ['hi', 'ok', '12345', '退货', 'مرحبا', 'a ☺'])
      expect(isReadable(text)).toBe(true);
    for (const text of ['😡😡😡😡', '👍', '→ ★ ☆', '?!?!', '#@$%', '…', '\u200b', '🙂 🙂']) {
      expect({ text, readable: isReadable(normalizeMessage(text)) }).toEqual({
        text,
        readable: false,
      });
    }
  });
});
