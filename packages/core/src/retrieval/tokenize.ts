import { primaryLanguage } from '../config/default-strings.js';

/** Splits text into index terms for the lexical side of retrieval. */
export type Tokenizer = (text: string) => string[];

const EN_STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in is it its ' +
    'me my no not of on or our please so that the their them then there these this to us was we were what ' +
    "when where which who why will with would you your yours im i'm ive i've"
  ).split(' '),
);

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/**
 * A tokenizer for the bot's language. Languages written without spaces (Chinese, Japanese) are
 * segmented into words with `Intl.Segmenter`, with character bigrams added so a mis-segmented
 * word still matches; other languages split on non-letters, lower-case, and drop English stop
 * words and plural endings.
 */
export function createTokenizer(language: string): Tokenizer {
  const lang = primaryLanguage(language);
  const segmenter =
    typeof Intl !== 'undefined' && 'Segmenter' in Intl
      ? new Intl.Segmenter(lang, { granularity: 'word' })
      : undefined;
  const stopWords = lang === 'en' ? EN_STOP_WORDS : new Set<string>();
  return (text: string) => {
    const terms: string[] = [];
    const lower = text.normalize('NFKC').toLowerCase();
    const words = segmenter
      ? [...segmenter.segment(lower)].filter((s) => s.isWordLike).map((s) => s.segment)
      : lower.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
    for (const word of words) {
      if (CJK.test(word)) {
        terms.push(word);
        continue;
      }
      const clean = word.replace(/'s$/, '').replace(/^'+|'+$/g, '');
      if (!clean || stopWords.has(clean)) continue;
      terms.push(lang === 'en' ? stemEnglish(clean) : clean);
    }
    // Character bigrams of every CJK run recover matches the segmenter split differently
    // (发货 segmented as 发 + 货 still matches 发货).
    for (const run of lower.match(CJK_RUN) ?? []) {
      for (let i = 0; i + 2 <= run.length; i++) terms.push(run.slice(i, i + 2));
    }
    return terms;
  };
}

const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}/g;

/** A deliberately light stemmer: plural and common verb endings only, never below 3 letters. */
function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
