/**
 * Class-conditional Gaussians with one shared covariance over example embeddings, for
 * out-of-scope detection by Mahalanobis distance. The covariance is shrunk towards a scaled
 * identity by the Ledoit-Wolf estimate of the best shrinkage (no tuning constant): a few hundred
 * examples in 384 dimensions give a singular sample covariance. Used by oos-explore.ts; not in the
 * product (it measured worse than the product's scores on BANKING77, see docs/decisions/0002).
 */
export interface SharedGaussian {
  dim: number;
  classes: number;
  /**
   * Inverse Cholesky factor `L^-1` of the shrunk covariance (`Sigma = L L^T`), lower triangle,
   * row-major `dim x dim`; `L^-1 x` whitens a vector.
   */
  whitening: Float32Array;
  /** Whitened class means `L^-1 mu_k`, class-major `classes x dim`. */
  means: Float32Array;
  /** Ledoit-Wolf shrinkage intensity in [0, 1] that was applied. */
  shrinkage: number;
}

/**
 * Fits class means and a shared, Ledoit-Wolf-shrunk covariance of the within-class residuals.
 * Classes with no example get their mean at the origin (they are never the nearest).
 */
export function fitSharedGaussian(
  vectors: Float32Array,
  labels: ArrayLike<number>,
  dim: number,
  classes: number,
): SharedGaussian {
  const n = labels.length;
  const mean = new Float64Array(classes * dim);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const k = labels[i]!;
    counts[k]!++;
    for (let d = 0; d < dim; d++) mean[k * dim + d]! += vectors[i * dim + d]!;
  }
  for (let k = 0; k < classes; k++) {
    if (counts[k]! > 0) for (let d = 0; d < dim; d++) mean[k * dim + d]! /= counts[k]!;
  }
  // Within-class scatter S = (1/n) sum r r^T (upper triangle, mirrored), and sum |r|^4 for the
  // Ledoit-Wolf estimate.
  const cov = new Float64Array(dim * dim);
  const r = new Float64Array(dim);
  let fourth = 0;
  for (let i = 0; i < n; i++) {
    const k = labels[i]!;
    let norm2 = 0;
    for (let d = 0; d < dim; d++) {
      r[d] = vectors[i * dim + d]! - mean[k * dim + d]!;
      norm2 += r[d]! * r[d]!;
    }
    fourth += norm2 * norm2;
    for (let a = 0; a < dim; a++) {
      const ra = r[a]!;
      if (ra === 0) continue;
      const row = a * dim;
      for (let b = a; b < dim; b++) cov[row + b]! += ra * r[b]!;
    }
  }
  const inv = 1 / Math.max(n, 1);
  let trace = 0;
  let frob = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b]! * inv;
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
      frob += a === b ? v * v : 2 * v * v;
    }
    trace += cov[a * dim + a]!;
  }
  // Ledoit & Wolf (2004), as in scikit-learn's ledoit_wolf_shrinkage.
  const mu = trace / dim;
  const delta = (frob - 2 * mu * trace + dim * mu * mu) / dim;
  const beta = Math.min(delta, (fourth * inv - frob) / (dim * Math.max(n, 1)));
  const shrinkage = delta > 0 ? Math.max(0, beta / delta) : 1;
  // A degenerate (all-equal) residual set still needs a positive-definite covariance.
  const floor = mu > 0 ? mu : 1;
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) cov[a * dim + b]! *= 1 - shrinkage;
    cov[a * dim + a]! += shrinkage * floor;
  }
  const chol = cholesky(cov, dim);
  const whitening = invertLower(chol, dim);
  const means = new Float32Array(classes * dim);
  const tmp = new Float64Array(dim);
  for (let k = 0; k < classes; k++) {
    applyLower(whitening, dim, mean, k * dim, tmp);
    for (let d = 0; d < dim; d++) means[k * dim + d] = tmp[d]!;
  }
  return { dim, classes, whitening: Float32Array.from(whitening), means, shrinkage };
}

/** Squared Mahalanobis distance of one row (`dim` wide, at `offset`) to every class mean. */
export function mahalanobisDistances(
  gaussian: SharedGaussian,
  features: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): void {
  const { dim, classes, whitening, means } = gaussian;
  const z = new Float64Array(dim);
  applyLower(whitening, dim, features, offset, z);
  for (let k = 0; k < classes; k++) {
    let sum = 0;
    const base = k * dim;
    for (let d = 0; d < dim; d++) {
      const v = z[d]! - means[base + d]!;
      sum += v * v;
    }
    out[k] = sum;
  }
}

/** `out = M x` for a lower-triangular row-major `M`. */
function applyLower(
  m: ArrayLike<number>,
  dim: number,
  x: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): void {
  for (let a = 0; a < dim; a++) {
    let sum = 0;
    const row = a * dim;
    for (let b = 0; b <= a; b++) sum += m[row + b]! * x[offset + b]!;
    out[a] = sum;
  }
}

/** Lower Cholesky factor of a symmetric positive-definite row-major matrix. */
function cholesky(a: Float64Array, dim: number): Float64Array {
  const l = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * dim + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * dim + k]! * l[j * dim + k]!;
      if (i === j) l[i * dim + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * dim + j] = sum / l[j * dim + j]!;
    }
  }
  return l;
}

/** Inverse of a lower-triangular row-major matrix (also lower-triangular). */
function invertLower(l: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let j = 0; j < dim; j++) {
    out[j * dim + j] = 1 / l[j * dim + j]!;
    for (let i = j + 1; i < dim; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * dim + k]! * out[k * dim + j]!;
      out[i * dim + j] = sum / l[i * dim + i]!;
    }
  }
  return out;
}
