import { goldenSectionMin } from '../internal/golden-section.js';
import { seededRandom, shuffleInPlace } from '../internal/random.js';
import { fitThresholds, type HeldOutScores } from '../out-of-scope/fit-thresholds.js';
import { nearestNegative } from '../out-of-scope/nearest-negative.js';
import {
  chooseNegatives,
  foldsOfGroups,
  type NegativeExamples,
} from '../out-of-scope/select-negatives.js';
import type { IntentCandidate } from '../types.js';
import { fitRerankWeight, RERANK_TOP, rerankTop, topClasses } from './nearest-rerank.js';
import {
  headLogits,
  type LinearHead,
  type SoftmaxTrainOptions,
  softmaxInPlace,
  trainSoftmaxRegression,
} from './softmax-regression.js';

/** A trained intent classifier: linear head, calibration and the example vectors it cites. */
export interface IntentModel {
  /** Intent ids, in class-index order. */
  ids: string[];
  head: LinearHead;
  /** Softmax temperature fitted on held-out examples (1 = uncalibrated). */
  temperature: number;
  /**
   * Out-of-scope thresholds fitted from the bot's own examples and off-topic negatives (see
   * `fitted`). `margin`: minimum of (nearest-example similarity minus nearest-negative
   * similarity); absent when the bot has no negatives.
   */
  thresholds: { confidence: number; similarity: number; margin?: number };
  /** False when there were too few examples to cross-validate; thresholds are then defaults. */
  fitted: boolean;
  /** Unit-length example embeddings (row-major) and their class indices. */
  examples: { vectors: Float32Array; labels: Int32Array };
  /**
   * Weight of the nearest-example similarity when re-ranking the best intents (see
   * `nearest-rerank.ts`), fitted on held-out examples. Absent or 0: the head's ranking as is.
   */
  rerankWeight?: number;
  /** How the off-topic class enters an intent's confidence (see `TrainIntentOptions`). */
  offTopicConfidence?: OffTopicConfidence;
  /** In `min` mode, the cap is `offTopicCapScale x (1 - off-topic)`. Absent: 1 (a large bot). */
  offTopicCapScale?: number;
  /**
   * Unit-length off-topic examples kept for the answer-time check (row-major): the background
   * questions nearest this bot's examples and the owner's `outOfScope` lines.
   */
  negatives?: Float32Array;
  /**
   * How many of the last `negatives` rows are the owner's `outOfScope` lines: a message at least
   * as close to one of them as to the chosen intent's nearest example is never answered.
   */
  ownedNegatives?: number;
}

export interface TrainIntentOptions extends SoftmaxTrainOptions {
  /** Cross-validation folds used to calibrate. Default 3. */
  folds?: number;
  /**
   * Above this many examples only the first fold is held out (one extra training instead of
   * `folds`), which is plenty of held-out data and keeps big bots quick to build. Default 2000.
   */
  singleFoldAbove?: number;
  /** Seed for the fold assignment. Default 42. */
  seed?: number;
  /**
   * The operating point: share of correctly classified held-out examples the out-of-scope
   * thresholds may reject; within it, they reject as many held-out off-topic negatives and
   * near-domain pseudo-unknowns as they can. Default 0.02, the stated target ("in-scope accuracy
   * within 2 points of closed-set"); chosen over 0.015 on development data, not on the eval CSVs
   * (docs/decisions/0002).
   */
  rejectRate?: number;
  /** Similarity threshold used when the bot has too few examples to fit one. Default 0.5. */
  defaultSimilarity?: number;
  /**
   * Learn from each intent's `label` (its human name, e.g. "Order status") as one more example.
   * Default true: names carry meaning a few examples may lack (BANKING77 10-shot +0.4 points,
   * `pnpm bench --only intents`).
   */
  learnFromLabels?: boolean;
  /**
   * Re-rank the head's best intents by their nearest example, with a weight fitted on held-out
   * examples (see `nearest-rerank.ts`). Default true (BANKING77, joined MiniLM+bge: full data
   * 93.64 -> 94.35%, 10-shot 87.82 -> 88.11%, through `bot.reply()`).
   */
  nearestRerank?: boolean;
  /**
   * Use the engine's background set of off-topic questions (and the bot's `outOfScope` lines,
   * always) as negatives when fitting thresholds and at answer time. Default true.
   */
  background?: boolean;
  /**
   * Train the head with one more class made of the negatives ("off-topic"), so an off-topic
   * message takes confidence away from every intent. Default true.
   */
  offTopicClass?: boolean;
  /**
   * Also fit the thresholds to reject near-domain pseudo-unknowns: held-out examples scored with
   * their own intent removed, as a question next to the bot's intents looks. Default true
   * (BANKING77 with 10 intents held out, development seed 4: unknown rejected 30.75 -> 34.75%).
   */
  nearDomain?: boolean;
  /**
   * How the off-topic class's probability enters an intent's confidence: `shared` (one softmax
   * over intents and off-topic), `intents` (renormalised over intents: the class only shapes
   * training), or `min` (the lower of the renormalised confidence and 1 - off-topic). Default
   * `min`: the confidence threshold then keeps its meaning among intents (near-domain questions)
   * while a message likelier off-topic than not is still turned down.
   */
  offTopicConfidence?: OffTopicConfidence;
  /**
   * In `min` mode, the cap is `offTopicCapScale x (1 - off-topic)`: a message is turned down by
   * the off-topic class only when that class is this many times surer than "not off-topic" needs.
   * Default 10 for bots with fewer than `offTopicCapFrom` examples, 1 from there: in a first bot
   * of 3 intents x 5 examples the class claims 0.90-0.95 of a visitor's paraphrase ("the bike
   * makes a weird noise") against 0.988+ of a question from another field (docs/decisions/0002).
   */
  offTopicCapScale?: number;
  /** Examples from which the default `offTopicCapScale` is 1. Default 50. */
  offTopicCapFrom?: number;
  /** Background questions kept for the answer-time check (nearest the bot's examples). Default 16 (about 6 KB int8 in a compiled index for a 384-dimension model). */
  keepNegatives?: number;
  /** Background questions closer than this to an intent example are treated as in the bot's field and dropped. Default 0.8. */
  negativeTooClose?: number;
}

/**
 * Trains the intent head on example embeddings and calibrates it by stratified k-fold
 * cross-validation: the temperature minimises held-out log-loss, and the out-of-scope thresholds
 * are low quantiles of the confidence and nearest-example similarity of held-out examples that
 * were classified correctly.
 */
export function trainIntentModel(
  vectors: Float32Array,
  labels: Int32Array,
  ids: string[],
  dim: number,
  options: TrainIntentOptions = {},
  negatives?: NegativeExamples,
): IntentModel {
  const classes = ids.length;
  const examples = { vectors, labels };
  const offTopic = negatives && prepareNegatives(negatives, vectors, dim, options);
  // With negatives, the head learns one more class, "off-topic" (index `classes`), whose
  // probability mass is taken from every intent's confidence.
  const withClass = offTopic !== undefined && (options.offTopicClass ?? true);
  const headClasses = withClass ? classes + 1 : classes;
  const train = (rows: readonly number[], negativeRows: readonly number[]) => {
    const v = gatherRows(vectors, rows, dim);
    const l = Int32Array.from(rows, (i) => labels[i]!);
    if (!withClass || negativeRows.length === 0) {
      return {
        vectors: v,
        labels: l,
        head: trainSoftmaxRegression(v, l, dim, headClasses, options),
      };
    }
    const all = new Float32Array(v.length + negativeRows.length * dim);
    all.set(v);
    all.set(gatherRows(negatives!.vectors, negativeRows, dim), v.length);
    const allLabels = new Int32Array(l.length + negativeRows.length).fill(classes);
    allLabels.set(l);
    return {
      vectors: v,
      labels: l,
      head: trainSoftmaxRegression(all, allLabels, dim, headClasses, options),
    };
  };
  const head = train(Array.from(labels.keys()), offTopic?.usable ?? []).head;
  const rejectRate = options.rejectRate ?? 0.02;
  const fallback: IntentModel = {
    ids,
    head,
    temperature: 1,
    thresholds: { confidence: 0, similarity: options.defaultSimilarity ?? 0.5 },
    fitted: false,
    examples,
  };

  const folds = assignFolds(labels, classes, options.folds ?? 3, options.seed ?? 42);
  let foldCount = Math.max(...folds) + 1;
  if (labels.length > (options.singleFoldAbove ?? 2000)) foldCount = Math.min(foldCount, 1);
  if (foldCount < 1 || Math.max(...folds) < 1) return fallback;

  const heldLogits: Float64Array[] = [];
  const heldLabels: number[] = [];
  const heldSimilarity: Float64Array[] = [];
  const negativeFolds =
    offTopic && foldsOfGroups(negatives!.groups, Math.max(...folds) + 1, options.seed ?? 42);
  const heldNegSim: number[] = [];
  const negLogits: Float64Array[] = [];
  const negSimilarity: Float64Array[] = [];
  const negNearest: number[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const trainRows: number[] = [];
    const test: number[] = [];
    for (const [i, f] of folds.entries()) (f === fold ? test : trainRows).push(i);
    if (test.length === 0) continue;
    const negativeRows = offTopic?.usable.filter((r) => negativeFolds![r] !== fold) ?? [];
    const trained = train(trainRows, negativeRows);
    const foldHead = trained.head;
    const foldModel = {
      head: foldHead,
      examples: { vectors: trained.vectors, labels: trained.labels },
    };
    for (const i of test) {
      const logits = new Float64Array(headClasses);
      headLogits(foldHead, vectors, i * dim, logits);
      const similarity = nearestByClass(foldModel, vectors, i * dim, dim, classes);
      heldLogits.push(logits);
      heldLabels.push(labels[i]!);
      heldSimilarity.push(similarity);
      // Held-out examples see every kept negative, as a visitor's message does.
      heldNegSim.push(offTopic ? nearestNegative(offTopic.kept, vectors, i * dim, dim) : -1);
    }
    if (!offTopic) continue;
    const negVectors = negatives!.vectors;
    for (const r of offTopic.usable) {
      if (negativeFolds![r] !== fold) continue;
      const logits = new Float64Array(headClasses);
      headLogits(foldHead, negVectors, r * dim, logits);
      negLogits.push(logits);
      negSimilarity.push(nearestByClass(foldModel, negVectors, r * dim, dim, classes));
      // A held-out negative must not vouch for itself or its paraphrases.
      const sameFold = (k: number) => negativeFolds![offTopic.keptRows[k]!] === fold;
      negNearest.push(nearestNegative(offTopic.kept, negVectors, r * dim, dim, sameFold));
    }
  }
  if (heldLabels.length < 5) return fallback;

  const temperature = fitTemperature(heldLogits, heldLabels);
  const heldProbs = heldLogits.map((logits) => {
    const p = Float64Array.from(logits);
    softmaxInPlace(p, temperature);
    return p;
  });
  // Intents only: the off-topic class is never an answer, it only takes confidence away.
  const mode: OffTopicConfidence = withClass ? (options.offTopicConfidence ?? 'min') : 'shared';
  const capScale =
    options.offTopicCapScale ??
    (labels.length < (options.offTopicCapFrom ?? SMALL_BOT_EXAMPLES) ? SMALL_BOT_CAP_SCALE : 1);
  const intentsOf = (p: Float64Array) => intentConfidences(p, classes, mode);
  const rerankWeight =
    (options.nearestRerank ?? true)
      ? fitRerankWeight(heldProbs.map(intentsOf), heldSimilarity, heldLabels)
      : 0;
  // Thresholds from the scores the bot will see: re-ranked, as rankIntents does.
  const scoresOf = (all: Float64Array, similarity: Float64Array, negSim: number) => {
    const p = intentsOf(all);
    const order = topClasses(p, RERANK_TOP);
    rerankTop(p, order, similarity, rerankWeight);
    const predicted = order[0]!;
    const s = similarity[predicted]!;
    const confidence = finalConfidence(p[predicted]!, all, classes, mode, capScale);
    return { predicted, scores: { confidence, similarity: s, margin: s - negSim } };
  };
  // Near-domain pseudo-unknowns: each held-out example scored as if its own intent did not exist
  // (its probability removed and the rest renormalised, its intent's examples out of reach), the
  // way a question about a topic next to the bot's intents looks. Computed before the re-ranking
  // below changes `heldProbs` in place.
  const near: HeldOutScores[] = [];
  if (offTopic && (options.nearDomain ?? true)) {
    heldProbs.forEach((p0, j) => {
      const y = heldLabels[j]!;
      const p = Float64Array.from(p0);
      const rest = 1 - p[y]!;
      if (!(rest > 0)) return;
      p[y] = 0;
      for (let k = 0; k < p.length; k++) p[k] = p[k]! / rest;
      const s = Float64Array.from(heldSimilarity[j]!);
      s[y] = -1;
      near.push(scoresOf(p, s, heldNegSim[j]!).scores);
    });
  }
  const correct: HeldOutScores[] = [];
  heldProbs.forEach((p, j) => {
    const { predicted, scores } = scoresOf(p, heldSimilarity[j]!, heldNegSim[j]!);
    if (predicted === heldLabels[j]) correct.push(scores);
  });
  const negativeScores = negLogits.map((logits, j) => {
    softmaxInPlace(logits, temperature);
    return scoresOf(logits, negSimilarity[j]!, negNearest[j]!).scores;
  });
  if (correct.length < 5) return { ...fallback, temperature };
  const thresholds = fitThresholds(correct, negativeScores, rejectRate, near);
  return {
    ids,
    head,
    temperature,
    thresholds,
    fitted: true,
    examples,
    rerankWeight,
    ...(mode !== 'shared' && { offTopicConfidence: mode }),
    ...(mode === 'min' && capScale !== 1 && { offTopicCapScale: capScale }),
    ...(offTopic &&
      offTopic.kept.length > 0 && {
        negatives: offTopic.kept,
        ownedNegatives: offTopic.keptRows.filter((r) => negatives!.owned[r]).length,
      }),
  };
}

/** Below this many examples a bot is "small" for the off-topic cap (chosen on development data). */
const SMALL_BOT_EXAMPLES = 50;
/** The off-topic cap's scale in a small bot (see `TrainIntentOptions.offTopicCapScale`). */
const SMALL_BOT_CAP_SCALE = 10;

/** How the off-topic class's probability enters an intent's confidence. */
export type OffTopicConfidence = 'shared' | 'intents' | 'min';

/** Intent probabilities from a full softmax row (a copy when renormalised, else a view). */
function intentConfidences(
  all: Float64Array,
  classes: number,
  mode: OffTopicConfidence,
): Float64Array {
  if (mode === 'shared' || all.length === classes) return all.subarray(0, classes);
  const rest = 1 - all[classes]!;
  return Float64Array.from(all.subarray(0, classes), (p) => (rest > 0 ? p / rest : 0));
}

function finalConfidence(
  p: number,
  all: Float64Array,
  classes: number,
  mode: OffTopicConfidence,
  scale = 1,
): number {
  return mode === 'min' && all.length > classes ? Math.min(p, scale * (1 - all[classes]!)) : p;
}

/** Usable negatives (not in the bot's field) and the ones kept for the answer-time check. */
function prepareNegatives(
  negatives: NegativeExamples,
  examples: Float32Array,
  dim: number,
  options: TrainIntentOptions,
): { usable: number[]; kept: Float32Array; keptRows: number[] } | undefined {
  if (negatives.owned.length === 0) return undefined;
  const { usable, kept } = chooseNegatives(
    negatives.vectors,
    negatives.owned,
    examples,
    dim,
    options.keepNegatives ?? 16,
    options.negativeTooClose ?? 0.8,
  );
  if (usable.length === 0) return undefined;
  return { usable, kept: gatherRows(negatives.vectors, kept, dim), keptRows: kept };
}

/**
 * Ranked intents for one unit-length query vector, best first (all intents). Nearest-example
 * similarity is computed for the `withSimilarity` best intents only (the rest get `NaN`): only
 * the top candidates are ever shown or decided on, and scanning every example of a
 * 10,000-example bot would cost more than the model itself.
 */
export function rankIntents(
  model: IntentModel,
  query: Float32Array,
  dim: number,
  withSimilarity = 3,
): IntentCandidate[] {
  const classes = model.ids.length;
  const all = new Float64Array(model.head.classes);
  headLogits(model.head, query, 0, all);
  softmaxInPlace(all, model.temperature);
  // A head with an off-topic class has one more output than intents; it is never ranked.
  const mode = model.offTopicConfidence ?? 'shared';
  const logits = intentConfidences(all, classes, mode);
  const order = Array.from({ length: classes }, (_, k) => k).sort(
    (a, b) => logits[b]! - logits[a]!,
  );
  const weight = model.rerankWeight ?? 0;
  const scanned = weight > 0 ? Math.max(withSimilarity, RERANK_TOP) : withSimilarity;
  const rowsByClass = examplesByClass(model);
  const { vectors } = model.examples;
  const similarity = new Float64Array(classes).fill(Number.NaN);
  for (const k of order.slice(0, scanned)) {
    let best = -1;
    for (const e of rowsByClass[k]!) {
      let sum = 0;
      const base = e * dim;
      for (let d = 0; d < dim; d++) sum += query[d]! * vectors[base + d]!;
      if (sum > best) best = sum;
    }
    similarity[k] = best;
  }
  rerankTop(logits, order, similarity, weight);
  return order.map((k) => ({
    id: model.ids[k]!,
    confidence: finalConfidence(logits[k]!, all, classes, mode, model.offTopicCapScale),
    similarity: similarity[k]!,
  }));
}

const byClassCache = new WeakMap<IntentModel['examples'], Int32Array[]>();

/** Example row indices per class, computed once per model. */
function examplesByClass(model: IntentModel): Int32Array[] {
  let cached = byClassCache.get(model.examples);
  if (!cached) {
    const lists: number[][] = model.ids.map(() => []);
    for (const [row, label] of model.examples.labels.entries()) lists[label]!.push(row);
    cached = lists.map((l) => Int32Array.from(l));
    byClassCache.set(model.examples, cached);
  }
  return cached;
}

/** Highest cosine similarity between the query row and each class's examples. */
function nearestByClass(
  model: Pick<IntentModel, 'examples'>,
  features: Float32Array,
  offset: number,
  dim: number,
  classes: number,
): Float64Array {
  const best = new Float64Array(classes).fill(-1);
  const { vectors, labels } = model.examples;
  for (let e = 0; e < labels.length; e++) {
    let sum = 0;
    const base = e * dim;
    for (let d = 0; d < dim; d++) sum += features[offset + d]! * vectors[base + d]!;
    const label = labels[e]!;
    if (sum > best[label]!) best[label] = sum;
  }
  return best;
}

/**
 * Stratified fold index per example; -1 for examples of classes too small to hold out (internal;
 * the benchmarks reuse it).
 */
export function assignFolds(
  labels: Int32Array,
  classes: number,
  folds: number,
  seed: number,
): Int32Array {
  const random = seededRandom(seed);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (const [i, label] of labels.entries()) byClass[label]!.push(i);
  const smallest = Math.min(...byClass.filter((c) => c.length >= 2).map((c) => c.length));
  const k = Math.min(folds, Number.isFinite(smallest) ? smallest : 0);
  const assignment = new Int32Array(labels.length).fill(-1);
  if (k < 2) return assignment;
  let offset = 0;
  for (const members of byClass) {
    if (members.length < 2) continue;
    shuffleInPlace(members, random);
    // Rotate the start so small classes do not all land in fold 0.
    members.forEach((i, j) => {
      assignment[i] = (j + offset) % k;
    });
    offset++;
  }
  return assignment;
}

function gatherRows(source: Float32Array, rows: readonly number[], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (const [j, row] of rows.entries())
    out.set(source.subarray(row * dim, row * dim + dim), j * dim);
  return out;
}

/**
 * Temperature minimising the mean negative log-likelihood (golden-section on log T; internal, the
 * benchmarks reuse it).
 */
export function fitTemperature(logits: Float64Array[], labels: number[]): number {
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let total = 0;
    logits.forEach((row, j) => {
      let max = -Infinity;
      for (const v of row) if (v > max) max = v;
      let sum = 0;
      for (const v of row) sum += Math.exp((v - max) / t);
      total -= (row[labels[j]!]! - max) / t - Math.log(sum);
    });
    return total / logits.length;
  };
  // Bounded below: with every held-out example right, log-loss keeps falling as T -> 0 and
  // would calibrate to certainty.
  return Math.exp(goldenSectionMin(nll, Math.log(0.5), Math.log(20)));
}
