import type { QuickReply } from '@support-bot/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { SpeechInputController } from '../controllers/speech-input.js';
import type { WidgetStrings } from '../i18n/widget-strings.js';
import { ICONS, icon } from './icons.js';

/** The quick-reply chips under the newest answer (one row that scrolls sideways). */
export function renderChips(
  chips: readonly QuickReply[],
  t: WidgetStrings,
  onChip: (chip: QuickReply) => void,
): TemplateResult | typeof nothing {
  if (chips.length === 0) return nothing;
  return html`<div class="chips" part="chips" role="group" aria-label=${t.suggestions}>
    ${chips.map((c) => html`<button class="chip" part="chip" type="button" title=${c.label} @click=${() => onChip(c)}>${c.label}</button>`)}
  </div>`;
}

/** What the bottom of the panel shows. */
export interface ComposerView {
  draft: string;
  busy: boolean;
  maxChars: number;
  voice: Pick<
    SpeechInputController,
    'available' | 'listening' | 'remote' | 'problem' | 'installing'
  >;
  /** The status line when voice has nothing to say (e.g. "Conversation cleared."). */
  status: string;
  canUndo: boolean;
  /** Opt-in feedback reporting is on: say so. */
  reporting: boolean;
}

/** What the bottom of the panel does. */
export interface ComposerHandlers {
  submit(event: Event): void;
  input(event: InputEvent): void;
  keydown(event: KeyboardEvent): void;
  mic(): void;
  undo(): void;
}

/** The status line: voice problems and state first, else `status`. */
export function statusText(view: ComposerView, t: WidgetStrings): string {
  const voice = view.voice;
  if (voice.problem === 'denied') return t.voiceDenied;
  if (voice.problem === 'failed') return t.voiceFailed;
  if (voice.problem === 'network') return t.voiceNetwork;
  if (voice.problem === 'unavailable') return t.voiceUnavailable;
  if (voice.installing) return t.voiceInstalling;
  if (voice.listening) return t.listening;
  return view.status;
}

/**
 * The bottom of the panel: the feedback and remote-voice notices, the status line with Undo
 * after a clear, and the composer (text box, mic, Send).
 */
export function renderComposer(
  view: ComposerView,
  t: WidgetStrings,
  on: ComposerHandlers,
): TemplateResult {
  const { voice } = view;
  return html`${
    view.reporting
      ? html`<p class="feedback-notice" part="feedback-notice">${t.feedbackNotice}</p>`
      : nothing
  }${
    voice.available && voice.remote
      ? html`<p class="voice-notice" part="voice-notice">${t.voiceRemoteNotice}</p>`
      : nothing
  }<div class="status-row">
      <p class="status ${voice.listening ? 'listening' : ''}" part="status" role="status">${statusText(view, t)}</p>
      ${
        view.canUndo
          ? html`<button class="undo" part="undo" type="button" @click=${on.undo}>${t.undo}</button>`
          : nothing
      }
    </div>
    <form part="composer" @submit=${on.submit}>
      <textarea
        part="input"
        dir="auto"
        rows="1"
        autofocus
        maxlength=${view.maxChars}
        aria-label=${t.inputLabel}
        placeholder=${voice.listening ? t.listening : t.placeholder}
        .value=${view.draft}
        @input=${on.input}
        @keydown=${on.keydown}
      ></textarea>
      ${
        voice.available
          ? html`<button
            class="icon-button mic"
            part="mic"
            type="button"
            aria-pressed=${voice.listening ? 'true' : 'false'}
            aria-label=${voice.listening ? t.voiceStop : t.voiceStart}
            title=${voice.listening ? t.voiceStop : t.voiceStart}
            @click=${on.mic}
          >${icon(ICONS.mic)}</button>`
          : nothing
      }
      <button class="send" part="send" type="submit" ?disabled=${view.busy || view.draft.trim() === ''}>${t.send}</button>
    </form>`;
}
