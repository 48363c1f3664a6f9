/**
 * Baselines for the intent benchmark, outside the product: TF-IDF + logistic regression, and
 * nearest-example cosine (1-NN) over the same embeddings the product uses.
 */
import type { LabelledRow } from '@support-bot/core';
import { lbfgs } from '../../packages/core/src/intent/softmax-regression.js';
import { createTokenizer } from '../../packages/core/src/retrieval/tokenize.js';

/** TF-IDF (sublinear tf, L2-normalised, unigrams + bigrams) + multinomial LR; returns accuracy. */
export function tfidfLogisticRegression(
  train: LabelledRow[],
  test: LabelledRow[],
  l2 = 1e-4,
): number {
  const tokenize = createTokenizer('en');
  const terms = (text: string) => {
    const t = tokenize(text);
    return [...t, ...t.slice(1).map((w, i) => `${t[i]} ${w}`)];
  };
  const labels = [...new Set(train.map((r) => r.label))];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const df = new Map<string, number>();
  const trainTerms = train.map((r) => terms(r.text));
  for (const ts of trainTerms) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = new Map([...df.keys()].map((t, i) => [t, i]));
  const idf = new Float64Array(vocab.size);
  for (const [t, i] of vocab) idf[i] = Math.log((1 + train.length) / (1 + df.get(t)!)) + 1;
  const vectorize = (ts: string[]) => {
    const counts = new Map<number, number>();
    for (const t of ts) {
      const i = vocab.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const idx = [...counts.keys()];
    const val = idx.map((i) => (1 + Math.log(counts.get(i)!)) * idf[i]!);
    const norm = Math.hypot(...val) || 1;
    return { idx, val: val.map((v) => v / norm) };
  };
  const X = trainTerms.map(vectorize);
  const y = train.map((r) => labelIndex.get(r.label)!);
  const K = labels.length;
  const V = vocab.size;
  const n = X.length;
  const z = new Float64Array(K);
  const theta = lbfgs(
    (w, g) => {
      g.fill(0);
      let loss = 0;
      for (let s = 0; s < n; s++) {
        const { idx, val } = X[s]!;
        for (let k = 0; k < K; k++) z[k] = w[V * K + k]!;
        idx.forEach((i, j) => {
          for (let k = 0; k < K; k++) z[k]! += val[j]! * w[i * K + k]!;
        });
        const max = Math.max(...z);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
        loss -= Math.log(z[y[s]!]! / sum) / n;
        for (let k = 0; k < K; k++) {
          const err = (z[k]! / sum - (k === y[s] ? 1 : 0)) / n;
          g[V * K + k]! += err;
          idx.forEach((i, j) => {
            g[i * K + k]! += err * val[j]!;
          });
        }
      }
      for (let j = 0; j < V * K; j++) {
        loss += 0.5 * l2 * w[j]! ** 2;
        g[j]! += l2 * w[j]!;
      }
      return loss;
    },
    new Float64Array(V * K + K),
    150,
    1e-7,
  );
  let correct = 0;
  for (const row of test) {
    const { idx, val } = vectorize(terms(row.text));
    for (let k = 0; k < K; k++) z[k] = theta[V * K + k]!;
    idx.forEach((i, j) => {
      for (let k = 0; k < K; k++) z[k]! += val[j]! * theta[i * K + k]!;
    });
    let best = 0;
    for (let k = 1; k < K; k++) if (z[k]! > z[best]!) best = k;
    if (labels[best] === row.label) correct++;
  }
  return correct / test.length;
}

/** 1-nearest-example by cosine over unit vectors; returns accuracy. */
export function nearestExample(
  trainVectors: Float32Array,
  trainLabels: string[],
  testVectors: Float32Array,
  testLabels: string[],
  dim: number,
): number {
  let correct = 0;
  for (let q = 0; q < testLabels.length; q++) {
    let best = -2;
    let label = '';
    for (let e = 0; e < trainLabels.length; e++) {
      let sum = 0;
      for (let d = 0; d < dim; d++) sum += testVectors[q * dim + d]! * trainVectors[e * dim + d]!;
      if (sum > best) {
        best = sum;
        label = trainLabels[e]!;
      }
    }
    if (label === testLabels[q]) correct++;
  }
  return correct / testLabels.length;
}
