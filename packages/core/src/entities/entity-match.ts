/** How an entity value was found in a message. */
export type MatchKind = 'pattern' | 'exact' | 'fuzzy' | 'semantic';

/** One value of an entity found in a message. */
export interface EntityMatch {
  /** Normalised value: canonical enum value, ISO date `YYYY-MM-DD`, `HH:MM`, a number, `12.50 USD`. */
  value: string | number;
  /** The words of the message it came from. */
  text: string;
  /** Offsets into the message (`-1` for a match by meaning, which has no span). */
  start: number;
  end: number;
  how: MatchKind;
  /** 1 for pattern and exact matches; lower for typos; the cosine for matches by meaning. */
  score: number;
}

/** Lower-cases, folds full-width forms (NFKC) and keeps offsets aligned with the original. */
export function foldForMatch(text: string): string {
  // NFKC can change length (e.g. ligatures); fall back to lower-casing only when it does.
  const folded = text.normalize('NFKC').toLowerCase();
  return folded.length === text.length ? folded : text.toLowerCase();
}

/** True for text with Han, Hiragana, Katakana or Hangul characters (no spaces between words). */
export function hasCjk(text: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text);
}
