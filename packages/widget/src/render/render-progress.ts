import { html, nothing, type TemplateResult } from 'lit';
import type { EngineState } from '../controllers/engine-client.js';
import type { WidgetStrings } from '../i18n/widget-strings.js';

/** Share of the bar the model download fills; indexing the bot's examples fills the rest. */
const MODEL_SHARE = 0.8;
/** The bar never looks finished while the engine is still getting ready. */
const MAX_WHILE_LOADING = 0.97;

/**
 * Overall progress 0..1 of getting the engine ready (download, then indexing), or NaN while
 * unknown. Never above 0.97 while loading, so a finished download does not look like "ready".
 */
export function loadProgress(state: Pick<EngineState, 'phase' | 'progress'>): number {
  if (!Number.isFinite(state.progress)) return Number.NaN;
  const p = Math.min(1, Math.max(0, state.progress));
  const overall = state.phase === 'model' ? p * MODEL_SHARE : MODEL_SHARE + p * (1 - MODEL_SHARE);
  return Math.min(MAX_WHILE_LOADING, overall);
}

/** The bar and label shown while the engine loads (nothing once it is ready). */
export function renderProgress(state: EngineState | undefined, t: WidgetStrings) {
  if (state?.status !== 'loading') return nothing;
  const value = loadProgress(state);
  const known = !Number.isNaN(value);
  // The label counts the download itself; the bar covers download and indexing.
  const label: string | TemplateResult =
    known && state.phase === 'model' && state.progress < 1
      ? t.loadingModel(Math.round(state.progress * 100))
      : t.preparing;
  return html`<div class="progress" part="progress">
    <span id="progress-label">${label}</span>
    <progress part="progress-bar" aria-labelledby="progress-label" max="1" value=${known ? value : nothing}></progress>
  </div>`;
}
