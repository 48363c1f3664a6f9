import { seededRandom } from '../internal/random.js';
import { BACKGROUND_QUESTIONS } from './background-questions.js';

/** Off-topic texts to embed with a bot, and the hold-out group of each. */
export interface NegativeTexts {
  texts: string[];
  /** Same group = held out together when fitting (one template's paraphrases, or one owner line). */
  groups: Int32Array;
  /** True for the owner's own `outOfScope` lines (always kept for the answer-time check). */
  owned: Uint8Array;
}

/**
 * The shipped background questions for the bot's language (Chinese for `zh*`, else English),
 * followed by the owner's `outOfScope` lines, minus any that repeat an intent example.
 */
export function negativeTexts(
  language: string,
  ownerLines: readonly string[],
  examples: readonly string[],
  withBackground = true,
): NegativeTexts {
  const known = new Set(examples.map((e) => e.trim().toLowerCase()));
  const texts: string[] = [];
  const groups: number[] = [];
  const owned: number[] = [];
  const add = (text: string, group: number, own: boolean) => {
    if (known.has(text.trim().toLowerCase())) return;
    texts.push(text);
    groups.push(group);
    owned.push(own ? 1 : 0);
  };
  let group = 0;
  if (withBackground) {
    const set = language.toLowerCase().startsWith('zh')
      ? BACKGROUND_QUESTIONS.zh
      : BACKGROUND_QUESTIONS.en;
    for (const template of set) {
      for (const text of template) add(text, group, false);
      group++;
    }
  }
  for (const text of ownerLines) add(text, group++, true);
  return { texts, groups: Int32Array.from(groups), owned: Uint8Array.from(owned) };
}

/**
 * Which negatives a bot keeps for the answer-time check: every owner line, and the `keep`
 * background questions closest to the bot's examples (the ones a visitor's off-topic question
 * can be confused with; far ones never decide, since the similarity threshold already rejects
 * what is far from every example). Background questions closer to an example than `tooClose`
 * are dropped altogether: they are in this bot's field (a "my tooth hurts" for a dental clinic).
 *
 * @returns `usable`: rows fit for fitting; `kept`: the subset kept at answer time, owner lines last.
 */
export function chooseNegatives(
  negatives: Float32Array,
  owned: Uint8Array,
  examples: Float32Array,
  dim: number,
  keep: number,
  tooClose: number,
): { usable: number[]; kept: number[] } {
  const rows = owned.length;
  const exampleRows = examples.length / dim;
  const closeness = new Float64Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    let best = -1;
    for (let e = 0; e < exampleRows; e++) {
      let sum = 0;
      for (let d = 0; d < dim; d++) sum += negatives[r * dim + d]! * examples[e * dim + d]!;
      if (sum > best) best = sum;
    }
    closeness[r] = best;
  }
  const usable: number[] = [];
  for (let r = 0; r < rows; r++) if (owned[r] || closeness[r]! < tooClose) usable.push(r);
  const background = usable.filter((r) => !owned[r]).sort((a, b) => closeness[b]! - closeness[a]!);
  // Owner lines last, so a model can tell them apart by count.
  const keptBackground = new Set(background.slice(0, keep));
  return {
    usable,
    kept: [...usable.filter((r) => keptBackground.has(r)), ...usable.filter((r) => owned[r])],
  };
}

/** Embedded off-topic examples for `trainIntentModel`. */
export interface NegativeExamples {
  vectors: Float32Array;
  /** Hold-out group per row (paraphrases of one template share a group). */
  groups: Int32Array;
  /** 1 for the owner's `outOfScope` lines. */
  owned: Uint8Array;
}

/** A fold per negative, the same for every row of one group (seeded; internal). */
export function foldsOfGroups(groups: Int32Array, folds: number, seed: number): Int32Array {
  const random = seededRandom(seed + 1);
  const byGroup = new Map<number, number>();
  return Int32Array.from(groups, (g) => {
    let f = byGroup.get(g);
    if (f === undefined) {
      f = Math.floor(random() * folds);
      byGroup.set(g, f);
    }
    return f;
  });
}
