import { editDistance } from '../config/did-you-mean.js';
import type { EntityValue, ValuesEntityConfig } from '../types.js';
import { type EntityMatch, foldForMatch, hasCjk } from './entity-match.js';

interface Phrase {
  value: string;
  folded: string;
  words: number;
}

/** Every phrasing of every value, longest first (so "extra large" wins over "large"). */
export function valuePhrases(values: readonly EntityValue[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (const v of values) {
    const seen = new Set<string>();
    for (const p of [v.value, v.label, ...v.synonyms]) {
      const folded = foldForMatch(p.trim()).replace(/[_]+/g, ' ');
      if (!folded || seen.has(folded)) continue;
      seen.add(folded);
      phrases.push({ value: v.value, folded, words: folded.split(/\s+/).length });
    }
  }
  return phrases.sort((a, b) => b.folded.length - a.folded.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Exact (whole-word; substring for Chinese and Japanese) and, when `entity.fuzzy`, typo-tolerant
 * matches of an enum's values: one edit in words of 4-7 letters, two from 8. Overlapping matches
 * keep the longest phrase.
 */
export function matchValues(text: string, entity: ValuesEntityConfig): EntityMatch[] {
  const folded = foldForMatch(text);
  const phrases = valuePhrases(entity.values);
  const out: EntityMatch[] = [];
  const taken = (start: number, end: number) => out.some((m) => start < m.end && m.start < end);
  for (const phrase of phrases) {
    const re = hasCjk(phrase.folded)
      ? new RegExp(escapeRegExp(phrase.folded), 'gu')
      : new RegExp(
          `(?<![\\p{L}\\p{N}])${escapeRegExp(phrase.folded).replace(/ /g, '[\\s_-]+')}(?![\\p{L}\\p{N}])`,
          'gu',
        );
    for (const m of folded.matchAll(re)) {
      const end = m.index + m[0].length;
      if (taken(m.index, end)) continue;
      out.push({
        value: phrase.value,
        text: text.slice(m.index, end),
        start: m.index,
        end,
        how: 'exact',
        score: 1,
      });
    }
  }
  if (entity.fuzzy) {
    const tokens = [...folded.matchAll(/[\p{L}\p{N}']+/gu)].filter((t) => !hasCjk(t[0]));
    for (const phrase of phrases) {
      if (hasCjk(phrase.folded) || phrase.folded.replace(/\s/g, '').length < 4) continue;
      const budget = phrase.folded.length >= 8 ? 2 : 1;
      for (let i = 0; i + phrase.words <= tokens.length; i++) {
        const first = tokens[i]!;
        const last = tokens[i + phrase.words - 1]!;
        const start = first.index;
        const end = last.index + last[0].length;
        if (taken(start, end)) continue;
        const window = tokens
          .slice(i, i + phrase.words)
          .map((t) => t[0])
          .join(' ');
        // The first letter is rarely the typo; requiring it avoids "sale" for "male".
        if (window[0] !== phrase.folded[0]) continue;
        const distance = editDistance(window, phrase.folded);
        if (distance === 0 || distance > budget) continue;
        out.push({
          value: phrase.value,
          text: text.slice(start, end),
          start,
          end,
          how: 'fuzzy',
          score: 1 - distance / phrase.folded.length,
        });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
