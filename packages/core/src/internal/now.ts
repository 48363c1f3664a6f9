/** Monotonic milliseconds (performance.now exists in browsers, workers and Node). */
export const now = (): number => performance.now();
