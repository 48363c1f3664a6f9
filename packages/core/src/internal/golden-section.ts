const RATIO = (Math.sqrt(5) - 1) / 2;

/**
 * The argument in [lo, hi] minimising a unimodal `f`, by golden-section search (40 steps: the
 * bracket shrinks to about 4e-9 of its width).
 */
export function goldenSectionMin(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 40; i++) {
    const a = hi - RATIO * (hi - lo);
    const b = lo + RATIO * (hi - lo);
    if (f(a) < f(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}
