/**
 * Start-up timings as User Timing measures (`performance.measure`), named `support-bot:<step>`:
 * they show in the browser's performance panel (the worker's track) and a bench reads them with
 * `performance.getEntriesByType('measure')` where the engine runs. Each name keeps only its
 * latest entry, so a server that creates many bots does not fill the timeline buffer.
 */

/** Prefix of every start-up measure. */
export const STARTUP_MEASURE_PREFIX = 'support-bot:';

/**
 * Records `support-bot:<step>` from `start` (a `performance.now()` value) to now. Does nothing
 * where User Timing is missing; never throws.
 * @example
 * const t0 = performance.now();
 * await loadTokenizer();
 * measureStartup('tokenizer', t0);
 */
export function measureStartup(step: string, start: number): void {
  const timing = globalThis.performance as Performance | undefined;
  if (typeof timing?.measure !== 'function') return;
  const name = STARTUP_MEASURE_PREFIX + step;
  try {
    timing.clearMeasures?.(name);
    timing.measure(name, { start, end: timing.now() });
  } catch {
    // Diagnostics only.
  }
}
