const encoder = new TextEncoder();

/**
 * The most an answer may hold, in UTF-16 characters and in UTF-8 bytes. {@link take} passes the
 * part of each delta that still fits, cut on a code point, and marks the budget spent once
 * something had to be cut (the handler then ends the stream with `finishReason: 'length'`).
 */
export class AnswerBudget {
  chars = 0;
  bytes = 0;
  /** True once a delta did not fit. */
  spent = false;

  constructor(
    readonly maxChars: number,
    readonly maxBytes: number,
  ) {}

  /** The part of `text` that fits in what is left. */
  take(text: string): string {
    if (this.spent) return '';
    // Fast path: even at 3 bytes per UTF-16 unit it fits.
    if (
      this.chars + text.length <= this.maxChars &&
      this.bytes + text.length * 3 <= this.maxBytes
    ) {
      this.chars += text.length;
      this.bytes += encoder.encode(text).byteLength;
      return text;
    }
    let out = '';
    for (const ch of text) {
      const size = utf8Length(ch.codePointAt(0)!);
      if (this.chars + ch.length > this.maxChars || this.bytes + size > this.maxBytes) {
        this.spent = true;
        break;
      }
      out += ch;
      this.chars += ch.length;
      this.bytes += size;
    }
    return out;
  }
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** `promise`, or a rejection with `signal.reason` as soon as `signal` aborts (for callees that ignore it). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
