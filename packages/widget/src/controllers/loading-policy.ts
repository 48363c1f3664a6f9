/**
 * When the engine (worker, bot file, runtime and model: ~23 MB on a first visit) starts loading.
 *
 * - `intent` (default): on a sign that the visitor may chat — the pointer over the launcher, the
 *   launcher focused or touched, the panel opened — so a visit that never shows interest costs
 *   only the widget's script. Hovering starts the download a few hundred ms before the click;
 *   a question asked before the model is ready is answered by word matching when that is sure,
 *   else as soon as the model is ready.
 * - `idle`: when the page is idle after load, for sites that want the fastest first model
 *   answer and accept the bytes; skipped (falls back to `intent`) when the visitor asked to save
 *   data (`Save-Data`, `navigator.connection.saveData`) or the connection is slow
 *   (`effectiveType` 2g/3g).
 * - `open`: only when the panel opens.
 */
export type LoadingPolicy = 'intent' | 'idle' | 'open';

/** Whether the visitor's connection says to spare data (Save-Data, or a 2g/3g effective type). */
export function connectionIsMetered(): boolean {
  const connection = (
    navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }
  ).connection;
  if (!connection) return false;
  return connection.saveData === true || /(^|-)(2g|3g)$/.test(connection.effectiveType ?? '');
}

/** Intent signals, on the host (they come from the launcher inside its shadow root). */
const INTENT_EVENTS = ['pointerover', 'focusin', 'touchstart', 'keydown'] as const;

/**
 * Arms `policy` on `host`: calls `start` once, at the moment the policy says. Opening the panel
 * starts the engine in every policy (the element does that). Returns the disarm function.
 */
export function armLoadingPolicy(
  host: HTMLElement,
  policy: LoadingPolicy,
  start: () => void,
): () => void {
  if (typeof window === 'undefined' || policy === 'open') return () => undefined;
  if (policy === 'idle' && !connectionIsMetered()) return whenIdle(start);
  const onIntent = () => {
    disarm();
    start();
  };
  const disarm = () => {
    for (const type of INTENT_EVENTS) host.removeEventListener(type, onIntent);
  };
  for (const type of INTENT_EVENTS) host.addEventListener(type, onIntent, { passive: true });
  return disarm;
}

/** Calls `start` when the page is idle after its `load` event; returns the cancel function. */
function whenIdle(start: () => void): () => void {
  let cancel: () => void = () => undefined;
  let cancelled = false;
  const schedule = () => {
    if (cancelled) return;
    if ('requestIdleCallback' in window) {
      const handle = requestIdleCallback(start, { timeout: 5000 });
      cancel = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(start, 2000);
      cancel = () => clearTimeout(handle);
    }
  };
  // After the page has loaded, so the model never competes with the page's own assets.
  if (document.readyState === 'complete') schedule();
  else {
    window.addEventListener('load', schedule, { once: true });
    cancel = () => window.removeEventListener('load', schedule);
  }
  return () => {
    cancelled = true;
    cancel();
  };
}
