/**
 * Multinomial logistic regression trained with L-BFGS on dense features. Deterministic (zero
 * initialisation, full batch), so the same examples always give the same head.
 */

export interface SoftmaxTrainOptions {
  /** L2 penalty on the weights, relative to the mean loss. Default 1e-3. */
  l2?: number;
  /** L-BFGS iterations at most. Default 40 (BANKING77 accuracy: 92.92% at 30, 92.99% at 60). */
  maxIterations?: number;
  /** Stop when the relative loss change falls below this. Default 1e-5. */
  tolerance?: number;
  /** Weight classes by inverse frequency so rare intents are not drowned out. Default true. */
  balanceClasses?: boolean;
}

/** A trained linear head: `logits = x · weights + bias` with `weights` stored `dim x classes`. */
export interface LinearHead {
  dim: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Trains on `count` rows of `features` (row-major, `dim` wide) labelled `labels[i] in [0, classes)`.
 * Features are standardised for the optimiser and the result is folded back, so the returned
 * head applies to raw features.
 */
export function trainSoftmaxRegression(
  features: Float32Array,
  labels: ArrayLike<number>,
  dim: number,
  classes: number,
  options: SoftmaxTrainOptions = {},
): LinearHead {
  const n = labels.length;
  const l2 = options.l2 ?? 1e-3;
  const { mean, scale } = standardisation(features, n, dim);
  const x = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) x[i * dim + d] = (features[i * dim + d]! - mean[d]!) * scale[d]!;
  }
  const sampleWeight = new Float64Array(n).fill(1);
  if (options.balanceClasses ?? true) {
    const counts = new Float64Array(classes);
    for (let i = 0; i < n; i++) counts[labels[i]!]!++;
    const present = counts.filter((c) => c > 0).length;
    for (let i = 0; i < n; i++) sampleWeight[i] = n / (present * counts[labels[i]!]!);
  }
  const weightSum = sampleWeight.reduce((a, b) => a + b, 0);

  // Parameters, class-major so every inner loop is a contiguous dot product or axpy:
  // class k's weights at [k * dim, (k + 1) * dim), then the biases.
  const size = dim * classes + classes;
  const biasOffset = dim * classes;
  const signal = new Float64Array(classes);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const row = i * dim;
      let max = -Infinity;
      for (let k = 0; k < classes; k++) {
        const w = k * dim;
        let z = theta[biasOffset + k]!;
        for (let d = 0; d < dim; d++) z += x[row + d]! * theta[w + d]!;
        signal[k] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        const e = Math.exp(signal[k]! - max);
        signal[k] = e;
        sum += e;
      }
      const label = labels[i]!;
      const sw = sampleWeight[i]! / weightSum;
      loss -= sw * Math.log(Math.max(signal[label]! / sum, 1e-300));
      for (let k = 0; k < classes; k++) {
        const err = sw * (signal[k]! / sum - (k === label ? 1 : 0));
        // Skip classes whose probability is negligible: most of them, once training settles.
        if (err > -1e-10 && err < 1e-10) continue;
        const w = k * dim;
        for (let d = 0; d < dim; d++) grad[w + d]! += err * x[row + d]!;
        grad[biasOffset + k]! += err;
      }
    }
    for (let j = 0; j < biasOffset; j++) {
      loss += 0.5 * l2 * theta[j]! ** 2;
      grad[j]! += l2 * theta[j]!;
    }
    return loss;
  };

  const theta = lbfgs(
    objective,
    new Float64Array(size),
    options.maxIterations ?? 60,
    options.tolerance ?? 1e-5,
  );

  // Fold the standardisation into the head: w' = w * scale, b' = b - sum(mean * w').
  const weights = new Float32Array(dim * classes);
  const bias = new Float32Array(classes);
  for (let k = 0; k < classes; k++) bias[k] = theta[biasOffset + k]!;
  for (let d = 0; d < dim; d++) {
    for (let k = 0; k < classes; k++) {
      const w = theta[k * dim + d]! * scale[d]!;
      weights[d * classes + k] = w;
      bias[k]! -= mean[d]! * w;
    }
  }
  return { dim, classes, weights, bias };
}

function standardisation(features: Float32Array, n: number, dim: number) {
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) mean[d]! += features[i * dim + d]!;
  for (let d = 0; d < dim; d++) mean[d]! /= Math.max(n, 1);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) scale[d]! += (features[i * dim + d]! - mean[d]!) ** 2;
  }
  for (let d = 0; d < dim; d++) {
    const std = Math.sqrt(scale[d]! / Math.max(n, 1));
    scale[d] = std > 1e-8 ? 1 / std : 0;
  }
  return { mean, scale };
}

/** Logits of one feature row (`dim` wide, at `offset`) into `out`. */
export function headLogits(
  head: LinearHead,
  features: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): void {
  const { dim, classes, weights, bias } = head;
  for (let k = 0; k < classes; k++) out[k] = bias[k]!;
  for (let d = 0; d < dim; d++) {
    const v = features[offset + d]!;
    const w = d * classes;
    for (let k = 0; k < classes; k++) out[k]! += v * weights[w + k]!;
  }
}

/** Softmax of `logits / temperature`, in place. */
export function softmaxInPlace(logits: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    logits[k] = Math.exp((logits[k]! - max) / temperature);
    sum += logits[k]!;
  }
  for (let k = 0; k < logits.length; k++) logits[k]! /= sum;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives (internal; the benchmarks reuse it). */
export function lbfgs(
  f: (x: Float64Array, g: Float64Array) => number,
  x: Float64Array,
  maxIterations: number,
  tolerance: number,
  memory = 10,
): Float64Array {
  const n = x.length;
  let g = new Float64Array(n);
  let fx = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iter = 0; iter < maxIterations; iter++) {
    // Two-loop recursion: direction = -H g.
    direction.set(g);
    for (let j = s.length - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(s[j]!, direction);
      axpy(-alpha[j]!, y[j]!, direction);
    }
    const gamma =
      s.length > 0
        ? dot(s[s.length - 1]!, y[y.length - 1]!) / dot(y[y.length - 1]!, y[y.length - 1]!)
        : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) direction[j]! *= gamma;
    for (let j = 0; j < s.length; j++) {
      const beta = rho[j]! * dot(y[j]!, direction);
      axpy(alpha[j]! - beta, s[j]!, direction);
    }
    for (let j = 0; j < n; j++) direction[j] = -direction[j]!;
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -g[j]!;
      slope = dot(g, direction);
    }
    let step = 1;
    let fNew = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < n; j++) xNew[j] = x[j]! + step * direction[j]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      sk[j] = xNew[j]! - x[j]!;
      yk[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    x.set(xNew);
    [g, gNew] = [gNew, g];
    const change = Math.abs(fx - fNew) / Math.max(1, Math.abs(fx));
    fx = fNew;
    if (change < tolerance) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}
