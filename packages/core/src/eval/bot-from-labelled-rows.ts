import { seededRandom, shuffleInPlace } from '../internal/random.js';

/** A labelled message, as in an eval or training CSV. */
export interface LabelledRow {
  text: string;
  label: string;
}

export interface LabelledBot {
  /** A bot file object with one intent per label (the response is the label). */
  config: {
    name: string;
    intents: { id: string; label?: string; examples: string[]; response: string }[];
  };
  /** Intent id -> original label (ids are made schema-safe). */
  labelOf: Map<string, string>;
  /** Examples kept, after `shots` sampling and removing texts that two labels share. */
  examples: number;
}

/**
 * Builds a bot whose intents are the labels of training rows: how `support-bot eval --train`
 * and the benchmarks measure a labelled dataset through the product's own code path.
 * With `shots`, each intent keeps that many examples, sampled with `seed`.
 */
export function botConfigFromLabelledRows(
  rows: readonly LabelledRow[],
  options: { shots?: number; seed?: number } = {},
): LabelledBot {
  const byLabel = new Map<string, string[]>();
  for (const row of rows) {
    const list = byLabel.get(row.label) ?? [];
    list.push(row.text);
    byLabel.set(row.label, list);
  }
  const random = seededRandom(options.seed ?? 42);
  const labelOf = new Map<string, string>();
  const owner = new Map<string, string>();
  let examples = 0;
  const intents = [...byLabel.entries()].map(([label, texts], k) => {
    const safe = label
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '_')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 56);
    const id = `${safe || 'intent'}-${k}`;
    labelOf.set(id, label);
    const picked =
      options.shots === undefined
        ? texts
        : shuffleInPlace([...texts], random).slice(0, options.shots);
    // The bot file forbids one example in two intents; keep the first owner's copy.
    const unique = picked.filter((t) => {
      const key = t.trim().toLowerCase();
      const first = owner.get(key);
      if (first !== undefined && first !== id) return false;
      owner.set(key, id);
      return true;
    });
    examples += unique.length;
    // The label's words are its human name (`card_arrival` -> "card arrival").
    const name = label.replace(/[_\s]+/g, ' ').trim();
    return { id, ...(name && { label: name }), examples: unique, response: label };
  });
  return { config: { name: 'labelled', intents }, labelOf, examples };
}
