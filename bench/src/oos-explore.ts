/**
 * `pnpm --filter @support-bot/bench oos-explore [--data banking,acme,acme-zh] [--models a,b]
 *  [--seeds 3] [--held 10]` (SUPPORT_BOT_MODELS as for `pnpm bench`; embeddings from bench/.cache)
 *
 * Compares out-of-scope scores on cached embeddings, without the bot around them: AUROC
 * (in-scope vs unknown test messages) and the operating point each score would get in the
 * product, i.e. with its threshold fitted only from the bot's own examples (held-out folds of
 * the training data, the same folds and head the product trains), never from unknown data.
 * The last column is an oracle for reference: unknown recall when the threshold is chosen on the
 * test set to cost exactly 1 point of in-scope accuracy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { botConfigFromLabelledRows } from '@support-bot/core';
import { parse } from 'csv-parse/sync';
import { normalizeMessage } from '../../packages/core/src/engine/normalize-message.js';
import { assignFolds, fitTemperature } from '../../packages/core/src/intent/intent-model.js';
import {
  headLogits,
  softmaxInPlace,
  trainSoftmaxRegression,
} from '../../packages/core/src/intent/softmax-regression.js';
import { quantile } from '../../packages/core/src/internal/quantile.js';
import { seededRandom, shuffleInPlace } from '../../packages/core/src/internal/random.js';
import { CachedEncoder } from './cached-encoder.js';
import { banking77, REPO } from './datasets.js';
import { fitSharedGaussian, mahalanobisDistances } from './shared-gaussian.js';
import { pct, printTable } from './table.js';

/** A classification problem with unknowns: gold -1 marks an out-of-scope test message. */
export interface OosProblem {
  name: string;
  dim: number;
  classes: number;
  train: { vectors: Float32Array; labels: Int32Array };
  test: { vectors: Float32Array; gold: Int32Array };
}

interface Features {
  logits: Float64Array;
  pred: number;
  nearestPred: number;
  kth: number[];
  centroidPred: number;
  centroidMax: number;
  mahaMin: number;
  mahaPred: number;
  /** Squared Mahalanobis distance to one Gaussian of all examples (relative Mahalanobis). */
  background: number;
}

const KS = [1, 5, 10];

interface FittedParts {
  head: ReturnType<typeof trainSoftmaxRegression>;
  vectors: Float32Array;
  labels: Int32Array;
  centroids: Float32Array;
  gaussian: ReturnType<typeof fitSharedGaussian>;
  background: ReturnType<typeof fitSharedGaussian>;
}

function fitParts(vectors: Float32Array, labels: Int32Array, dim: number, classes: number) {
  const head = trainSoftmaxRegression(vectors, labels, dim, classes);
  const centroids = new Float32Array(classes * dim);
  for (let i = 0; i < labels.length; i++) {
    for (let d = 0; d < dim; d++) centroids[labels[i]! * dim + d]! += vectors[i * dim + d]!;
  }
  for (let k = 0; k < classes; k++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += centroids[k * dim + d]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) centroids[k * dim + d]! *= inv;
  }
  const gaussian = fitSharedGaussian(vectors, labels, dim, classes);
  const background = fitSharedGaussian(vectors, new Int32Array(labels.length), dim, 1);
  return { head, vectors, labels, centroids, gaussian, background } satisfies FittedParts;
}

function features(parts: FittedParts, x: Float32Array, offset: number, dim: number): Features {
  const classes = parts.head.classes;
  const logits = new Float64Array(classes);
  headLogits(parts.head, x, offset, logits);
  let pred = 0;
  for (let k = 1; k < classes; k++) if (logits[k]! > logits[pred]!) pred = k;
  const top = new Array<number>(KS.at(-1)!).fill(-1);
  let nearestPred = -1;
  const { vectors, labels } = parts;
  for (let e = 0; e < labels.length; e++) {
    let s = 0;
    const base = e * dim;
    for (let d = 0; d < dim; d++) s += x[offset + d]! * vectors[base + d]!;
    if (labels[e] === pred && s > nearestPred) nearestPred = s;
    if (s > top[top.length - 1]!) {
      let j = top.length - 1;
      while (j > 0 && top[j - 1]! < s) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = s;
    }
  }
  let centroidMax = -1;
  let centroidPred = -1;
  for (let k = 0; k < classes; k++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += x[offset + d]! * parts.centroids[k * dim + d]!;
    if (k === pred) centroidPred = s;
    if (s > centroidMax) centroidMax = s;
  }
  const dist = new Float64Array(classes);
  mahalanobisDistances(parts.gaussian, x, offset, dist);
  let mahaMin = Infinity;
  for (const v of dist) if (v < mahaMin) mahaMin = v;
  const bg = new Float64Array(1);
  mahalanobisDistances(parts.background, x, offset, bg);
  return {
    background: bg[0]!,
    logits,
    pred,
    nearestPred,
    kth: KS.map((k) => top[k - 1]!),
    centroidPred,
    centroidMax,
    mahaMin: -mahaMin,
    mahaPred: -dist[pred]!,
  };
}

/** Scores where higher means "more in scope". */
function scoresOf(f: Features, temperature: number): Record<string, number> {
  const p = Float64Array.from(f.logits);
  softmaxInPlace(p, temperature);
  const sorted = [...p].sort((a, b) => b - a);
  let max = -Infinity;
  for (const v of f.logits) if (v / temperature > max) max = v / temperature;
  let sum = 0;
  for (const v of f.logits) sum += Math.exp(v / temperature - max);
  return {
    msp: sorted[0]!,
    margin: sorted[0]! - sorted[1]!,
    energy: temperature * (max + Math.log(sum)),
    maxLogit: f.logits[f.pred]!,
    nearestPred: f.nearestPred,
    ...Object.fromEntries(KS.map((k, i) => [`knn${k}`, f.kth[i]!])),
    centroidPred: f.centroidPred,
    centroidMax: f.centroidMax,
    mahaMin: f.mahaMin,
    mahaPred: f.mahaPred,
    relativeMaha: f.mahaMin + f.background,
  };
}

/** A method: one or more scores, all must clear their threshold (reject budget split evenly). */
const METHODS: { name: string; parts: string[]; capMsp?: boolean }[] = [
  {
    name: 'product today: msp (cap 0.5) AND nearest-example cosine',
    parts: ['msp', 'nearestPred'],
    capMsp: true,
  },
  { name: 'max softmax probability', parts: ['msp'] },
  { name: 'margin p1 - p2', parts: ['margin'] },
  { name: 'energy (T logsumexp)', parts: ['energy'] },
  { name: 'max logit', parts: ['maxLogit'] },
  { name: 'nearest example of predicted intent', parts: ['nearestPred'] },
  { name: 'kNN k=1 (any intent)', parts: ['knn1'] },
  { name: 'kNN k=5', parts: ['knn5'] },
  { name: 'kNN k=10', parts: ['knn10'] },
  { name: 'centroid cosine, predicted intent', parts: ['centroidPred'] },
  { name: 'centroid cosine, best intent', parts: ['centroidMax'] },
  { name: 'Mahalanobis (LW shared cov), min over intents', parts: ['mahaMin'] },
  { name: 'Mahalanobis, predicted intent', parts: ['mahaPred'] },
  { name: 'relative Mahalanobis (min_k MD_k - MD_all)', parts: ['relativeMaha'] },
  { name: 'relative Mahalanobis AND msp', parts: ['relativeMaha', 'msp'] },
  { name: 'relative Mahalanobis AND nearest example', parts: ['relativeMaha', 'nearestPred'] },
  { name: 'margin AND nearest example', parts: ['margin', 'nearestPred'] },
  { name: 'msp AND nearest example (no cap)', parts: ['msp', 'nearestPred'] },
  { name: 'msp AND kNN k=1', parts: ['msp', 'knn1'] },
  { name: 'learned logistic combination (leave-intents-out)', parts: ['learned'] },
  { name: 'learned combination AND nearest example', parts: ['learned', 'nearestPred'] },
  { name: 'learned combination of msp, margin, energy, nearest, kNN 1/5', parts: ['learnedSmall'] },
  { name: 'Mahalanobis AND msp', parts: ['mahaMin', 'msp'] },
  { name: 'Mahalanobis AND msp (cap 0.5)', parts: ['mahaMin', 'msp'], capMsp: true },
  { name: 'Mahalanobis AND nearest example', parts: ['mahaMin', 'nearestPred'] },
  { name: 'Mahalanobis AND energy', parts: ['mahaMin', 'energy'] },
  { name: 'Mahalanobis AND msp AND nearest', parts: ['mahaMin', 'msp', 'nearestPred'] },
];

export interface MethodResult {
  name: string;
  auroc: number;
  at: { rate: number; inScope: number; recall: number; precision: number }[];
  oracleRecall: number;
}

const LEARNED_KEYS = [
  'msp',
  'margin',
  'energy',
  'maxLogit',
  'nearestPred',
  'knn1',
  'knn5',
  'knn10',
  'centroidPred',
  'centroidMax',
  'mahaMin',
  'mahaPred',
  'relativeMaha',
];

/** The scores the product computes today, plus kNN and margin (no covariance to store). */
const SMALL_KEYS = ['msp', 'margin', 'energy', 'nearestPred', 'knn1', 'knn5'];

/**
 * A logistic combination of every score, trained to tell held-out examples of known intents from
 * examples of intents left out of training (a fifth of the intents, seeded): pseudo-unknowns made
 * from the bot's own examples only.
 */
function learnCombination(problem: OosProblem, temperature: number, keys: string[]) {
  const { dim, classes, train } = problem;
  const order = shuffleInPlace(
    Array.from({ length: classes }, (_, k) => k),
    seededRandom(7),
  );
  const left = new Set(order.slice(0, Math.max(1, Math.round(classes / 5))));
  const remap = new Map(order.filter((k) => !left.has(k)).map((k, j) => [k, j]));
  const folds = assignFolds(train.labels, classes, 3, 42);
  const tr: number[] = [];
  const te: number[] = [];
  for (const [i, f] of folds.entries()) {
    if (left.has(train.labels[i]!)) te.push(i);
    else (f === 0 ? te : tr).push(i);
  }
  const v = new Float32Array(tr.length * dim);
  for (const [j, row] of tr.entries())
    v.set(train.vectors.subarray(row * dim, row * dim + dim), j * dim);
  const parts = fitParts(
    v,
    Int32Array.from(tr, (i) => remap.get(train.labels[i]!)!),
    dim,
    remap.size,
  );
  const x = new Float32Array(te.length * keys.length);
  const y = new Int32Array(te.length);
  te.forEach((i, j) => {
    const s = scoresOf(features(parts, train.vectors, i * dim, dim), temperature);
    keys.forEach((key, d) => {
      x[j * keys.length + d] = s[key]!;
    });
    y[j] = left.has(train.labels[i]!) ? 0 : 1;
  });
  const head = trainSoftmaxRegression(x, y, keys.length, 2, { maxIterations: 200 });
  return (s: Record<string, number>) => {
    const row = keys.map((key) => s[key]!);
    const out = new Float64Array(2);
    headLogits(head, row, 0, out);
    return out[1]! - out[0]!;
  };
}

/** Runs every method on one problem. */
export function exploreProblem(problem: OosProblem, rates = [0.02, 0.01]) {
  const { dim, classes, train, test } = problem;
  const folds = assignFolds(train.labels, classes, 3, 42);
  let foldCount = Math.max(...folds) + 1;
  if (train.labels.length > 2000) foldCount = Math.min(foldCount, 1);
  const held: { f: Features; gold: number }[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const tr: number[] = [];
    const te: number[] = [];
    for (const [i, f] of folds.entries()) (f === fold ? te : tr).push(i);
    const v = new Float32Array(tr.length * dim);
    for (const [j, row] of tr.entries())
      v.set(train.vectors.subarray(row * dim, row * dim + dim), j * dim);
    const parts = fitParts(
      v,
      Int32Array.from(tr, (i) => train.labels[i]!),
      dim,
      classes,
    );
    for (const i of te)
      held.push({ f: features(parts, train.vectors, i * dim, dim), gold: train.labels[i]! });
  }
  const temperature = fitTemperature(
    held.map((h) => h.f.logits),
    held.map((h) => h.gold),
  );
  const full = fitParts(train.vectors, train.labels, dim, classes);
  const tested = Array.from(test.gold, (gold, i) => ({
    f: features(full, test.vectors, i * dim, dim),
    gold,
  }));
  const learned = learnCombination(problem, temperature, LEARNED_KEYS);
  const learnedSmall = learnCombination(problem, temperature, SMALL_KEYS);
  const withLearned = (s: Record<string, number>): Record<string, number> => ({
    ...s,
    learned: learned(s),
    learnedSmall: learnedSmall(s),
  });
  const heldCorrect = held
    .filter((h) => h.f.pred === h.gold)
    .map((h) => withLearned(scoresOf(h.f, temperature)));
  const testScores = tested.map((t) => withLearned(scoresOf(t.f, temperature)));
  const inScope = tested.filter((t) => t.gold >= 0).length;
  const unknown = tested.length - inScope;
  const closedSet = tested.filter((t) => t.gold >= 0 && t.f.pred === t.gold).length / inScope;

  // Held-out percentile of each score: makes "all parts clear their rate/parts quantile"
  // equal to "the smallest percentile clears rate/parts", a single score for AUROC.
  const sortedHeld: Record<string, number[]> = {};
  for (const key of Object.keys(heldCorrect[0]!)) {
    sortedHeld[key] = heldCorrect.map((s) => s[key]!).sort((a, b) => a - b);
  }
  const percentile = (key: string, v: number) =>
    lowerBound(sortedHeld[key]!, v) / sortedHeld[key]!.length;

  const results: MethodResult[] = METHODS.map((method) => {
    const combined = testScores.map((s) =>
      method.parts.length === 1
        ? s[method.parts[0]!]!
        : Math.min(...method.parts.map((p) => percentile(p, s[p]!))),
    );
    const auroc = aurocOf(
      combined.filter((_, i) => tested[i]!.gold >= 0),
      combined.filter((_, i) => tested[i]!.gold < 0),
    );
    const at = rates.map((rate) => {
      const thresholds = method.parts.map((p) => {
        const t = quantile(sortedHeld[p]!, rate / method.parts.length);
        return method.capMsp && p === 'msp' ? Math.min(0.5, t) : t;
      });
      let right = 0;
      let rejectedUnknown = 0;
      let rejected = 0;
      testScores.forEach((s, i) => {
        const accept = method.parts.every((p, j) => s[p]! >= thresholds[j]!);
        const { gold, f } = tested[i]!;
        if (!accept) rejected++;
        if (!accept && gold < 0) rejectedUnknown++;
        if (accept && gold >= 0 && f.pred === gold) right++;
      });
      return {
        rate,
        inScope: right / inScope,
        recall: rejectedUnknown / unknown,
        precision: rejected > 0 ? rejectedUnknown / rejected : Number.NaN,
      };
    });
    // Oracle: reject below the score of the (1 point of in-scope)-th lowest correct message.
    const correct = combined
      .filter((_, i) => tested[i]!.gold >= 0 && tested[i]!.f.pred === tested[i]!.gold)
      .sort((a, b) => a - b);
    const cut = correct[Math.floor(0.01 * inScope)]!;
    const oracleRecall = combined.filter((c, i) => tested[i]!.gold < 0 && c < cut).length / unknown;
    return { name: method.name, auroc, at, oracleRecall };
  });
  return { closedSet, temperature, shrinkage: full.gaussian.shrinkage, results };
}

function lowerBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** AUROC of "positive scores higher", ties counted half (Mann-Whitney U). */
export function aurocOf(positive: number[], negative: number[]): number {
  const all = [...positive.map((v) => ({ v, p: 1 })), ...negative.map((v) => ({ v, p: 0 }))].sort(
    (a, b) => a.v - b.v,
  );
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += rank;
    i = j;
  }
  const np = positive.length;
  return (rankSum - (np * (np + 1)) / 2) / (np * negative.length);
}

async function embed(encoder: CachedEncoder, texts: string[]): Promise<Float32Array> {
  return (await encoder.embed(texts)).data;
}

/** Training texts as the product builds them: examples, plus the label when it adds words. */
function trainingTexts(intent: { examples: string[]; label?: string }): string[] {
  const label = intent.label?.trim();
  if (!label) return intent.examples;
  const key = label.toLowerCase();
  return intent.examples.some((e) => e.trim().toLowerCase() === key)
    ? intent.examples
    : [...intent.examples, label];
}

async function problemFromIntents(
  name: string,
  encoder: CachedEncoder,
  intents: { id: string; examples: string[]; label?: string }[],
  test: { text: string; gold: number }[],
): Promise<OosProblem> {
  const rows = intents.flatMap((intent, k) => trainingTexts(intent).map((text) => ({ text, k })));
  return {
    name,
    dim: encoder.model.dimension,
    classes: intents.length,
    train: {
      vectors: await embed(
        encoder,
        rows.map((r) => r.text),
      ),
      labels: Int32Array.from(rows, (r) => r.k),
    },
    test: {
      vectors: await embed(
        encoder,
        test.map((t) => normalizeMessage(t.text)),
      ),
      gold: Int32Array.from(test, (t) => t.gold),
    },
  };
}

/** BANKING77 with `held` intents held out (seeded as in oos-bench). */
export async function bankingProblem(encoder: CachedEncoder, seed: number, held = 10) {
  const { train, test } = banking77();
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const unknown = new Set(shuffleInPlace([...labels], seededRandom(seed)).slice(0, held));
  const built = botConfigFromLabelledRows(
    train.filter((r) => !unknown.has(r.label)),
    { seed },
  );
  const index = new Map(built.config.intents.map((intent, k) => [intent.response as string, k]));
  return problemFromIntents(
    `BANKING77 seed ${seed}`,
    encoder,
    built.config.intents as { id: string; examples: string[]; label?: string }[],
    test.map((r) => ({ text: r.text, gold: unknown.has(r.label) ? -1 : index.get(r.label)! })),
  );
}

/** A hand-written bot and its eval CSV (FAQ rows left out: this is about intents vs unknown). */
export async function botProblem(encoder: CachedEncoder, file: string, evalFile: string) {
  const bot = JSON.parse(readFileSync(path.join(REPO, file), 'utf8')) as {
    intents: { id: string; examples: string[]; label?: string }[];
  };
  const ids = new Map(bot.intents.map((intent, k) => [intent.id, k]));
  const rows = (
    parse(readFileSync(path.join(REPO, evalFile)), { columns: true, bom: true }) as {
      text: string;
      label: string;
    }[]
  ).filter((r) => r.label === 'oos' || ids.has(r.label));
  return problemFromIntents(
    path.basename(file),
    encoder,
    bot.intents,
    rows.map((r) => ({ text: r.text, gold: r.label === 'oos' ? -1 : ids.get(r.label)! })),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'banking,acme,acme-zh' },
      models: { type: 'string', default: 'Xenova/all-MiniLM-L6-v2' },
      seeds: { type: 'string', default: '3' },
      held: { type: 'string', default: '10' },
    },
  });
  const data = new Set(values.data.split(','));
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const jobs: { encoderId: string; make: (e: CachedEncoder) => Promise<OosProblem> }[] = [];
  for (const model of values.models.split(',')) {
    if (data.has('banking')) {
      for (const seed of seeds)
        jobs.push({ encoderId: model, make: (e) => bankingProblem(e, seed, Number(values.held)) });
    }
    if (data.has('acme')) {
      jobs.push({
        encoderId: model,
        make: (e) =>
          botProblem(e, 'examples/bots/acme-store.json', 'examples/bots/acme-store.eval.csv'),
      });
    }
  }
  if (data.has('acme-zh')) {
    jobs.push({
      encoderId: 'Xenova/bge-small-zh-v1.5',
      make: (e) =>
        botProblem(e, 'examples/bots/acme-store.zh.json', 'examples/bots/acme-store.zh.eval.csv'),
    });
  }
  const encoders = new Map<string, CachedEncoder>();
  try {
    for (const job of jobs) {
      let encoder = encoders.get(job.encoderId);
      if (!encoder) {
        encoder = await CachedEncoder.create(job.encoderId);
        encoders.set(job.encoderId, encoder);
      }
      const problem = await job.make(encoder);
      encoder.save();
      const started = Date.now();
      const run = exploreProblem(problem);
      process.stderr.write(
        `[oos-explore] ${problem.name} ${job.encoderId}: ${Date.now() - started} ms\n`,
      );
      printTable(
        `${problem.name}, ${job.encoderId}: ${problem.classes} intents, ${problem.train.labels.length} examples, closed-set ${pct(run.closedSet)}%, T ${run.temperature.toFixed(3)}, LW shrinkage ${run.shrinkage.toFixed(3)}`,
        [
          'score',
          'AUROC',
          ...run.results[0]!.at.flatMap((a) => [
            `rate ${pct(a.rate, 0)}%: in-scope %`,
            'recall %',
            'precision %',
          ]),
          'oracle recall @ -1 pt %',
        ],
        run.results.map((r) => [
          r.name,
          r.auroc.toFixed(4),
          ...r.at.flatMap((a) => [pct(a.inScope), pct(a.recall, 1), pct(a.precision, 1)]),
          pct(r.oracleRecall, 1),
        ]),
      );
    }
  } finally {
    for (const e of encoders.values()) await e.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
