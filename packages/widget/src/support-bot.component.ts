import type { BotReply, ChatTurn, QuickReply, SupportBotInfo } from '@support-bot/core';
import { createFeedbackReport, type FeedbackKind } from '@support-bot/core/protocol';
import { html, LitElement, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  clearConversation,
  loadConversation,
  saveConversation,
} from './controllers/conversation-store.js';
import type { EngineClient, EngineOptions, EngineState } from './controllers/engine-client.js';
import { acquireEngine, releaseEngine } from './controllers/engine-pool.js';
import { EscalationError, escalate } from './controllers/escalation-client.js';
import { FeedbackReporter } from './controllers/feedback-reporter.js';
import { loadBotConfig } from './controllers/load-bot-config.js';
import { SpeechInputController } from './controllers/speech-input.js';
import {
  SbCloseEvent,
  SbErrorEvent,
  SbEscalateEvent,
  SbFeedbackEvent,
  SbMessageEvent,
  SbModelProgressEvent,
  SbOpenEvent,
  SbReadyEvent,
  SbReplyEvent,
} from './events.js';
import { directionFor, stringsFor } from './i18n/strings-for.js';
import type { WidgetStrings } from './i18n/widget-strings.js';
import { renderMarkdown } from './render/render-markdown.js';
import { isExternalUrl, safeUrl } from './render/safe-url.js';
import { styles } from './support-bot.styles.js';
import type {
  DevicePreference,
  Persistence,
  Position,
  Preload,
  StoredMessage,
  Theme,
} from './types.js';

/** Where this module is served from: by default the workers and `ort/` sit next to it. */
const MODULE_DIR = new URL('./', import.meta.url).href;
/** Mirrors core's `MAX_MESSAGE_CHARS` without pulling core's runtime into this bundle. */
const MAX_MESSAGE_CHARS = 2000;

const ICONS = {
  chat: svg`<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2zm4 0v2h2v-2zm4 0v2h2v-2z" />`,
  close: svg`<path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />`,
  clear: svg`<path d="M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7zm4 2v8h2v-8zm4 0v8h2v-8z" />`,
  mic: svg`<path d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V22h2v-3.1a7 7 0 0 0 6-6.9z" />`,
  thumb: svg`<path d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.5-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z" />`,
};

function icon(path: TemplateResult, className = ''): TemplateResult {
  return html`<svg class="icon ${className}" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">${path}</svg>`;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * `<support-bot>`: a customer-service chat widget that understands visitors in their own browser.
 * The bot file's intents and FAQ are matched by a quantized transformer running in a Web Worker
 * (WebGPU when an adapter exists, else single-threaded WASM); nothing the visitor types leaves the
 * page unless the bot escalates to an `endpoint`, and then PII-redacted.
 *
 * @example
 * <script type="module" src="/support-bot/support-bot.js"></script>
 * <support-bot config-src="/bot.json" model-base-url="/models/"></support-bot>
 *
 * @example
 * import '@support-bot/widget';
 * const bot = document.createElement('support-bot');
 * bot.config = { version: 1, name: 'Shop', intents: [...], faq: [...] };
 * bot.assetsUrl = '/support-bot/';
 * document.body.append(bot);
 *
 * @fires sb-open - The panel opened.
 * @fires sb-close - The panel closed.
 * @fires sb-message - The visitor sent a message (`text`, `messageId`).
 * @fires sb-reply - The bot answered (`text`, the engine's `reply`, `escalated`).
 * @fires sb-escalate - Cancelable. The local model is unsure and the conversation is about to go to the escalation endpoint (`text`, `history`, `reply`, `endpoint`); `preventDefault()` keeps it local.
 * @fires sb-feedback - The visitor rated a reply (`messageId`, `rating` up/down, `text`, `reply`).
 * @fires sb-model-progress - Model download (`phase: 'model'`) or example indexing (`phase: 'index'`) progress (`progress` 0..1).
 * @fires sb-ready - The engine is ready (`device`: `webgpu` | `wasm`, `info`).
 * @fires sb-error - Loading, the model, answering or escalating failed (`code`, `message`, `retryable`).
 *
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart launcher-icon - The icon inside the launcher.
 * @csspart panel - The chat panel (full screen on narrow viewports).
 * @csspart header - The panel's title bar.
 * @csspart title - The bot's name in the title bar.
 * @csspart clear - The clear-conversation button.
 * @csspart close - The close button in the title bar.
 * @csspart progress - The model download / preparation bar (with its label).
 * @csspart progress-bar - The `<progress>` element.
 * @csspart notice - The basic-mode (lexical-only) notice.
 * @csspart messages - The scrolling message log.
 * @csspart message - Every message bubble; also `message-user` / `message-bot`.
 * @csspart greeting - The bot's greeting bubble.
 * @csspart text - The text of a message.
 * @csspart link - Links inside answers and under them.
 * @csspart links - The row of links under an answer.
 * @csspart source - The "Source:" line under an FAQ answer.
 * @csspart failed - The "not sent" line and its retry button under a visitor message.
 * @csspart retry - The retry button.
 * @csspart feedback - The thumbs up/down row; each button is `feedback-button`.
 * @csspart feedback-notice - The line saying feedback is shared (only while reporting is on).
 * @csspart typing - The typing indicator.
 * @csspart chips - The quick-reply row; each chip is `chip`.
 * @csspart status - The status line (listening, cleared, voice problems).
 * @csspart composer - The input row.
 * @csspart input - The text box.
 * @csspart mic - The voice input button (only where the Web Speech API exists).
 * @csspart send - The send button.
 *
 * @cssproperty --sb-accent - Brand colour: launcher, header, visitor bubbles, focus ring (default #1f6f5c).
 * @cssproperty --sb-accent-text - Text on the accent colour (default #ffffff).
 * @cssproperty --sb-surface - Panel background.
 * @cssproperty --sb-text - Text colour.
 * @cssproperty --sb-muted - Secondary text.
 * @cssproperty --sb-bot-bubble - Bot bubble background.
 * @cssproperty --sb-bot-text - Bot bubble text.
 * @cssproperty --sb-user-bubble - Visitor bubble background (default the accent).
 * @cssproperty --sb-user-text - Visitor bubble text.
 * @cssproperty --sb-border - Borders.
 * @cssproperty --sb-focus - Focus ring colour.
 * @cssproperty --sb-notice-bg - Basic-mode notice background.
 * @cssproperty --sb-notice-text - Basic-mode notice text.
 * @cssproperty --sb-error - Colour of "not sent" lines.
 * @cssproperty --sb-radius - Panel corner radius (default 14px).
 * @cssproperty --sb-font - Font family.
 * @cssproperty --sb-font-size - Base font size of the panel (default 15px).
 * @cssproperty --sb-panel-width - Panel width on large screens (default 380px).
 * @cssproperty --sb-panel-height - Panel height on large screens (default 560px).
 * @cssproperty --sb-offset - Distance of the launcher from the viewport edges (default 20px).
 * @cssproperty --sb-z-index - Stacking order (default 2147483000).
 */
export class SupportBotElement extends LitElement {
  static override styles = styles;

  /** URL of the bot file: `bot.json` or a compiled index from `support-bot build`. */
  @property({ attribute: 'config-src' }) configSrc?: string;
  /** The bot as an object, JSON text, or compiled index bytes (instead of `config-src`). */
  @property({ attribute: false }) config?: object | string | ArrayBuffer | Uint8Array;
  /** Where model folders are served, e.g. `/models/`. Unset: the Hugging Face Hub. */
  @property({ attribute: 'model-base-url' }) modelBaseUrl?: string;
  /**
   * Where the widget's engine workers (`engine-wasm.worker.js`, `engine-webgpu.worker.js`) are
   * served, from the page's own origin. Default: next to `support-bot.js`.
   */
  @property({ attribute: 'assets-url' }) assetsUrl?: string;
  /** Where onnxruntime-web's `.wasm`/`.mjs` files are. Default: `ort/` inside `assets-url`. */
  @property({ attribute: 'wasm-paths' }) wasmPaths?: string;
  /** Escalation endpoint (the server adapter); overrides the bot file's `escalation.endpoint`. */
  @property() endpoint?: string;
  /**
   * Feedback endpoint (the adapter's `createFeedbackHandler`); overrides the bot file's
   * `feedback.endpoint`. Reports are sent only when the bot file sets `feedback.enabled`.
   */
  @property({ attribute: 'feedback-endpoint' }) feedbackEndpoint?: string;
  /** `auto` (default: WebGPU when an adapter exists, else WASM), `wasm` or `webgpu`. */
  @property() device: DevicePreference = 'auto';
  /** `idle` (default): load the model when the page is idle; `open`: only on first open. */
  @property() preload: Preload = 'idle';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** `bottom-right` (default) or `bottom-left`; mirrored in right-to-left layouts. */
  @property({ reflect: true }) position: Position = 'bottom-right';
  /** `light` (default), `dark`, or `auto` (follows the visitor's system). */
  @property({ reflect: true }) theme: Theme = 'light';
  /** UI language (`en`, `zh-CN`, ...). Default: the bot's language, else the page's `lang`. */
  @property() locale?: string;
  /** Where the conversation is kept across reloads: `session` (default), `local` or `none`. */
  @property() persistence: Persistence = 'session';
  /** Replaces some UI strings (see `WidgetStrings`). */
  @property({ attribute: false }) strings?: Partial<WidgetStrings>;

  @state() private _engineState?: EngineState;
  @state() private _messages: StoredMessage[] = [];
  @state() private _busy = false;
  @state() private _draft = '';
  @state() private _status = '';

  @query('textarea') private _input?: HTMLTextAreaElement;
  @query('.launcher') private _launcher?: HTMLButtonElement;
  @query('.messages') private _log?: HTMLElement;

  private readonly _voice = new SpeechInputController(this);
  private _engine?: EngineClient;
  private _unsubscribe?: () => void;
  private _storageKeyLoaded?: string;
  private readonly _replies = new Map<string, BotReply>();
  private _idle?: () => void;
  private _inflight?: AbortController;
  private _announced = { ready: false, degraded: false, failed: false, progress: '' };
  private _voiceBase = '';
  private _reporter?: { key: string; reporter: FeedbackReporter };

  /** The worker build that runs once loaded (`webgpu` or `wasm`), for debugging. */
  get engineDevice(): 'webgpu' | 'wasm' | undefined {
    return this._engineState?.status === 'ready' ? this._engineState.device : undefined;
  }

  /** What the engine runs with once ready (model, device, thresholds, degraded), for debugging. */
  get info(): SupportBotInfo | undefined {
    return this._engineState?.info;
  }

  /** A copy of the conversation so far. */
  get messages(): readonly StoredMessage[] {
    return this._messages.map((m) => ({ ...m }));
  }

  /** Opens the panel. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
  }

  /** Sends `text` as if the visitor typed it; resolves once it is answered (or failed). */
  async send(text: string): Promise<void> {
    await this._send(text);
  }

  /** Clears the conversation on screen and in storage. */
  clear(): void {
    this._inflight?.abort();
    this._messages = [];
    this._replies.clear();
    clearConversation(this._storageKey());
    this._status = this._t().cleared;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._loadConversation();
    this.addEventListener('keydown', this._onHostKeydown);
    if (this.preload === 'idle' && !this._engine) this._scheduleIdleLoad();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this._onHostKeydown);
    this._idle?.();
    this._idle = undefined;
    this._inflight?.abort();
    this._releaseEngine();
    this._reporter?.reporter.dispose();
    this._reporter = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const engineProps = [
      'config',
      'configSrc',
      'modelBaseUrl',
      'assetsUrl',
      'wasmPaths',
      'device',
    ] as const;
    if (this._engine && engineProps.some((p) => changed.has(p))) this._releaseEngine();
    if (changed.has('persistence') || changed.has('configSrc')) this._loadConversation();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && (changed.get('open') !== undefined || this.open)) {
      // Open from the start (an `open` attribute): no focus grab while the page loads.
      this._onOpenChanged(changed.get('open') !== undefined);
    }
    const internal = changed as Map<PropertyKey, unknown>;
    if (internal.has('_messages') || internal.has('_busy')) {
      const log = this._log;
      if (log) log.scrollTop = log.scrollHeight;
    }
  }

  override render() {
    const t = this._t();
    const engine = this._engineState;
    const bot = engine?.bot;
    const title = bot?.name || t.title;
    const streaming = this._messages.some((m) => m.streaming);
    const last = this._messages.at(-1);
    const chips = last?.role === 'bot' && !this._busy ? (last.quickReplies ?? []) : [];
    const showTyping = this._busy && !this._messages.some((m) => m.streaming && m.text !== '');
    return html`
      <button
        class="launcher"
        part="launcher"
        type="button"
        aria-label=${this.open ? t.close : t.open}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this._onLauncherClick}
      >
        <span part="launcher-icon">${icon(this.open ? ICONS.close : ICONS.chat)}</span>
      </button>
      <div
        class="panel"
        part="panel"
        id="panel"
        role="dialog"
        aria-labelledby="title"
        lang=${this._locale()}
        dir=${this._dir()}
        ?hidden=${!this.open}
      >
        <header part="header">
          <h2 id="title" part="title">${title}</h2>
          <button class="icon-button clear" part="clear" type="button" aria-label=${t.clear} title=${t.clear} @click=${this._onClear}>
            ${icon(ICONS.clear)}
          </button>
          <button class="icon-button close" part="close" type="button" aria-label=${t.close} title=${t.close} @click=${this._onClose}>
            ${icon(ICONS.close)}
          </button>
        </header>
        ${this._renderProgress(t)}
        ${engine?.degraded ? html`<p class="notice" part="notice" role="status">${t.degraded}</p>` : nothing}
        <div class="messages" part="messages" role="log" aria-label=${t.messages} aria-busy=${streaming ? 'true' : 'false'} tabindex="0">
          <ol>
            ${
              bot?.greeting
                ? html`<li class="message bot greeting" part="message message-bot greeting">
                  <span class="visually-hidden">${t.bot}: </span><div class="text" part="text" dir="auto">${renderMarkdown(bot.greeting)}</div>
                </li>`
                : nothing
            }
            ${repeat(
              this._messages,
              (m) => m.id,
              (m) => this._renderMessage(m, t),
            )}
          </ol>
        </div>
        <div class="typing" part="typing" role="status">
          ${showTyping ? html`<span class="dot"></span><span class="dot"></span><span class="dot"></span><span class="visually-hidden">${t.typing}</span>` : nothing}
        </div>
        ${
          chips.length > 0
            ? html`<div class="chips" part="chips" role="group" aria-label=${t.suggestions}>
              ${chips.map((c) => html`<button class="chip" part="chip" type="button" @click=${() => this._onChip(c)}>${c.label}</button>`)}
            </div>`
            : nothing
        }
        ${
          this._feedbackTarget()
            ? html`<p class="feedback-notice" part="feedback-notice">${t.feedbackNotice}</p>`
            : nothing
        }
        <p class="status ${this._voice.listening ? 'listening' : ''}" part="status" role="status">${this._statusText(t)}</p>
        <form part="composer" @submit=${this._onSubmit}>
          <textarea
            part="input"
            dir="auto"
            rows="1"
            maxlength=${MAX_MESSAGE_CHARS}
            aria-label=${t.inputLabel}
            placeholder=${this._voice.listening ? t.listening : t.placeholder}
            .value=${this._draft}
            @input=${this._onInput}
            @keydown=${this._onInputKeydown}
          ></textarea>
          ${
            this._voice.available
              ? html`<button
                class="icon-button mic"
                part="mic"
                type="button"
                aria-pressed=${this._voice.listening ? 'true' : 'false'}
                aria-label=${this._voice.listening ? t.voiceStop : t.voiceStart}
                title=${this._voice.listening ? t.voiceStop : t.voiceStart}
                @click=${this._onMic}
              >${icon(ICONS.mic)}</button>`
              : nothing
          }
          <button class="send" part="send" type="submit" ?disabled=${this._busy || this._draft.trim() === ''}>${t.send}</button>
        </form>
      </div>
    `;
  }

  private _renderProgress(t: WidgetStrings) {
    const engine = this._engineState;
    if (!this.open || !engine || engine.status !== 'loading') return nothing;
    const known = Number.isFinite(engine.progress) && engine.phase === 'model';
    const percent = known ? Math.round(engine.progress * 100) : 0;
    const label = known && percent < 100 ? t.loadingModel(percent) : t.preparing;
    return html`<div class="progress" part="progress">
      <span id="progress-label">${label}</span>
      <progress part="progress-bar" aria-labelledby="progress-label" max="1" value=${known ? engine.progress : nothing}></progress>
    </div>`;
  }

  private _renderMessage(m: StoredMessage, t: WidgetStrings) {
    if (m.role === 'user') {
      return html`<li class="message user" part="message message-user" data-id=${m.id}>
        <span class="visually-hidden">${t.you}: </span><span class="text" part="text" dir="auto">${m.text}</span>
        ${
          m.failed
            ? html`<div class="failed" part="failed">
              <span>${m.failed === 'offline' ? t.offline : m.failed === 'escalation' ? t.escalationFailed : t.failed}</span>
              <button class="retry" part="retry" type="button" ?disabled=${this._busy} @click=${() => this._retry(m)}>${t.retry}</button>
            </div>`
            : nothing
        }
      </li>`;
    }
    const links = (m.links ?? []).flatMap((l) => {
      const url = safeUrl(l.url);
      return url ? [{ label: l.label, url }] : [];
    });
    const source = m.kind === 'faq' ? m.sources?.find((s) => s.kind === 'faq' && s.url) : undefined;
    // The FAQ page is often among the links already; name it once.
    const sourceUrl =
      source?.url && !links.some((l) => l.url === source.url) ? safeUrl(source.url) : undefined;
    const rateable = !m.streaming && m.kind !== undefined;
    return html`<li class="message bot" part="message message-bot" data-id=${m.id} data-kind=${m.kind ?? ''} aria-busy=${m.streaming ? 'true' : 'false'}>
      <span class="visually-hidden">${t.bot}: </span>
      <div class="text" part="text" dir="auto">${m.format === 'text' ? html`<p>${m.text}</p>` : renderMarkdown(m.text)}</div>
      ${
        links.length > 0
          ? html`<div class="links" part="links">${links.map((l) => this._link(l.url, l.label))}</div>`
          : nothing
      }
      ${
        source && sourceUrl
          ? html`<div class="source" part="source">${t.source}: ${this._link(sourceUrl, source.title)}</div>`
          : nothing
      }
      ${
        rateable
          ? html`<div class="feedback" part="feedback">
            <button
              class="icon-button"
              part="feedback-button"
              type="button"
              aria-label=${t.helpful}
              title=${t.helpful}
              aria-pressed=${m.rating === 'up' ? 'true' : 'false'}
              ?disabled=${m.rating !== undefined}
              @click=${() => this._rate(m, 'up')}
            >${icon(ICONS.thumb)}</button>
            <button
              class="icon-button"
              part="feedback-button"
              type="button"
              aria-label=${t.notHelpful}
              title=${t.notHelpful}
              aria-pressed=${m.rating === 'down' ? 'true' : 'false'}
              ?disabled=${m.rating !== undefined}
              @click=${() => this._rate(m, 'down')}
            >${icon(ICONS.thumb, 'down')}</button>
            ${m.rating ? html`<span class="thanks">${t.thanks}</span>` : nothing}
          </div>`
          : nothing
      }
    </li>`;
  }

  private _link(url: string, label: string) {
    return isExternalUrl(url)
      ? html`<a part="link" href=${url} target="_blank" rel="noopener noreferrer">${label}</a>`
      : html`<a part="link" href=${url}>${label}</a>`;
  }

  private _statusText(t: WidgetStrings): string {
    if (this._voice.problem === 'denied') return t.voiceDenied;
    if (this._voice.listening) return t.listening;
    return this._status;
  }

  private _t(): WidgetStrings {
    return stringsFor(this._locale(), this.strings);
  }

  private _locale(): string {
    return (
      this.locale ||
      this._engineState?.bot?.language ||
      this.closest('[lang]')?.getAttribute('lang') ||
      'en'
    );
  }

  private _dir(): 'ltr' | 'rtl' {
    const explicit = this.closest('[dir]')?.getAttribute('dir')?.toLowerCase();
    if (explicit === 'rtl' || explicit === 'ltr') return explicit;
    return directionFor(this._locale());
  }

  private _storageKey(): string {
    return `support-bot:${this.id || this.configSrc || 'inline'}`;
  }

  private _loadConversation(): void {
    const key = `${this.persistence}|${this._storageKey()}`;
    // Re-connecting the same element (SPA re-mount) keeps what it has in memory.
    if (this._storageKeyLoaded === key) return;
    this._storageKeyLoaded = key;
    if (this.persistence === 'none') return;
    this._messages = loadConversation(this.persistence, this._storageKey());
  }

  private _save(): void {
    saveConversation(this.persistence, this._storageKey(), this._messages);
  }

  private _onOpenChanged(moveFocus: boolean): void {
    this.dispatchEvent(this.open ? new SbOpenEvent() : new SbCloseEvent());
    if (this.open) {
      if (moveFocus) this._input?.focus();
      this._startEngine();
    } else {
      this._voice.stop();
      // Only take focus back if it was inside the widget: a page closing it keeps its own focus.
      if (this.matches(':focus-within') || this.shadowRoot?.activeElement) this._launcher?.focus();
    }
  }

  private _onLauncherClick = (): void => {
    this.open = !this.open;
  };

  private _onClose = (): void => {
    this.open = false;
  };

  private _onClear = (): void => {
    this.clear();
    this._input?.focus();
  };

  private _onHostKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open && !event.isComposing) {
      event.stopPropagation();
      this.open = false;
    }
  };

  private _onInput = (event: InputEvent): void => {
    this._draft = (event.target as HTMLTextAreaElement).value;
  };

  private _onInputKeydown = (event: KeyboardEvent): void => {
    // Enter sends; Shift+Enter is a newline; never send while an IME is composing (229: Safari).
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229)
      return;
    event.preventDefault();
    void this._send(this._draft);
  };

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    void this._send(this._draft);
  };

  private _onMic = (): void => {
    if (this._voice.listening) {
      this._voice.stop();
      return;
    }
    this._voiceBase = this._draft.trim() === '' ? '' : `${this._draft.trimEnd()} `;
    this._voice.start(this._speechLang(), (text) => {
      this._draft = `${this._voiceBase}${text}`.slice(0, MAX_MESSAGE_CHARS);
    });
    this._input?.focus();
  };

  private _speechLang(): string {
    const locale = this._engineState?.bot?.language || this._locale();
    // Recognisers want a region; a bare `zh` means Mandarin in mainland China.
    if (/^zh$/i.test(locale)) return 'zh-CN';
    if (/^en$/i.test(locale)) return 'en-US';
    return locale;
  }

  private _scheduleIdleLoad(): void {
    if (typeof window === 'undefined') return;
    let cancelled = false;
    const start = () => {
      if (!cancelled && this.isConnected && !this._engine) this._startEngine();
    };
    const whenIdle = () => {
      if (cancelled) return;
      if ('requestIdleCallback' in window) {
        const handle = requestIdleCallback(start, { timeout: 5000 });
        this._idle = () => {
          cancelled = true;
          cancelIdleCallback(handle);
        };
      } else {
        const handle = setTimeout(start, 2000);
        this._idle = () => {
          cancelled = true;
          clearTimeout(handle);
        };
      }
    };
    // Idle after the page has loaded, so the model never competes with the page's own assets.
    if (document.readyState === 'complete') whenIdle();
    else {
      window.addEventListener('load', whenIdle, { once: true });
      this._idle = () => {
        cancelled = true;
        window.removeEventListener('load', whenIdle);
      };
    }
  }

  /** Starts (or joins) the engine; errors surface through state and `sb-error`. */
  private _startEngine(): EngineClient | undefined {
    try {
      return this._ensureEngine();
    } catch (error) {
      this._emitError(error);
      return undefined;
    }
  }

  private _ensureEngine(): EngineClient {
    if (this._engine && this._engine.state.status !== 'failed') return this._engine;
    this._releaseEngine();
    this._idle?.();
    const engine = acquireEngine(this._engineOptions());
    this._engine = engine;
    this._announced = { ready: false, degraded: false, failed: false, progress: '' };
    this._unsubscribe = engine.subscribe((s) => this._onEngineState(s));
    this._onEngineState(engine.state);
    return engine;
  }

  private _releaseEngine(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    if (this._engine) releaseEngine(this._engine);
    this._engine = undefined;
  }

  private _engineOptions(): EngineOptions {
    const base = document.baseURI;
    const assetsUrl = new URL(this.assetsUrl ?? MODULE_DIR, base).href;
    const wasmPaths = new URL(this.wasmPaths ?? 'ort/', this.wasmPaths ? base : assetsUrl).href;
    const modelBaseUrl =
      this.modelBaseUrl !== undefined ? new URL(this.modelBaseUrl, base).href : undefined;
    let key: string;
    let loadConfig: EngineOptions['loadConfig'];
    const config = this.config;
    if (config !== undefined) {
      const text =
        typeof config === 'string'
          ? config
          : config instanceof ArrayBuffer || ArrayBuffer.isView(config)
            ? undefined
            : JSON.stringify(config);
      key = text !== undefined ? `inline:${text}` : `bytes:${identity(config as object)}`;
      loadConfig = async () => ({
        config:
          text ??
          (config instanceof ArrayBuffer
            ? config
            : ((config as Uint8Array).slice().buffer as ArrayBuffer)),
        source: '<support-bot>.config',
      });
    } else if (this.configSrc) {
      const url = new URL(this.configSrc, base).href;
      key = `src:${url}`;
      loadConfig = async () => ({ config: await loadBotConfig(url), source: url });
    } else {
      throw Object.assign(
        new Error(
          '[support-bot] Failed to start the bot: it has no bot file. Please set config-src="/bot.json" or the config property.',
        ),
        { code: 'CONFIG_MISSING' },
      );
    }
    return {
      key: [key, modelBaseUrl ?? 'hub', assetsUrl, wasmPaths, this.device].join('|'),
      loadConfig,
      ...(modelBaseUrl !== undefined && { modelBaseUrl }),
      assetsUrl,
      wasmPaths,
      device: this.device,
    };
  }

  private _onEngineState(s: EngineState): void {
    this._engineState = s;
    const a = this._announced;
    const progress = `${s.phase}:${s.progress}`;
    if (s.status === 'loading' && progress !== a.progress && !Number.isNaN(s.progress)) {
      a.progress = progress;
      this.dispatchEvent(new SbModelProgressEvent(s.progress, s.phase));
    }
    if (s.degraded && !a.degraded) {
      a.degraded = true;
      this.dispatchEvent(
        new SbErrorEvent(
          s.error?.code ?? 'MODEL_LOAD_FAILED',
          s.error?.message ?? 'The model could not load.',
        ),
      );
    }
    if (s.status === 'ready' && !a.ready && s.info && s.device) {
      a.ready = true;
      this._feedbackReporter();
      this.dispatchEvent(new SbModelProgressEvent(1, 'model'));
      this.dispatchEvent(new SbReadyEvent(s.device, s.info));
    }
    if (s.status === 'failed' && !a.failed) {
      a.failed = true;
      this.dispatchEvent(
        new SbErrorEvent(s.error?.code ?? 'ENGINE_FAILED', s.error?.message ?? 'Failed.', true),
      );
    }
  }

  private async _send(raw: string, chip?: QuickReply): Promise<void> {
    const text = raw.trim().slice(0, MAX_MESSAGE_CHARS);
    if (!text || this._busy) return;
    this._voice.stop();
    this._draft = '';
    this._status = '';
    const message: StoredMessage = { id: newId(), role: 'user', text };
    this._push(message);
    this.dispatchEvent(new SbMessageEvent(text, message.id));
    await this._answer(message, chip);
  }

  private async _answer(message: StoredMessage, chip?: QuickReply): Promise<void> {
    this._busy = true;
    const controller = new AbortController();
    this._inflight = controller;
    try {
      let reply: BotReply;
      try {
        const engine = this._ensureEngine();
        reply = chip?.intent
          ? await engine.answerWith({ intent: chip.intent })
          : chip?.faq
            ? await engine.answerWith({ faq: chip.faq })
            : await engine.reply(message.text, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          // Removed from the page mid-answer: keep the question retryable for a re-mount.
          if (!this.isConnected) this._markFailed(message, 'engine');
          return;
        }
        this._markFailed(message, navigator.onLine === false ? 'offline' : 'engine');
        this._emitError(error);
        return;
      }
      if (controller.signal.aborted) return;
      this._reportAnswer(message, reply, chip);
      if (reply.kind === 'escalate') await this._escalate(message, reply, controller.signal);
      else this._pushReply(message, reply, reply.text, reply.format, reply.kind);
    } finally {
      if (this._inflight === controller) this._inflight = undefined;
      this._busy = false;
    }
  }

  private _pushReply(
    message: StoredMessage,
    reply: BotReply,
    text: string,
    format: 'markdown' | 'text',
    kind: StoredMessage['kind'],
    escalated = false,
  ): void {
    const id = newId();
    this._replies.set(id, reply);
    this._push({
      id,
      role: 'bot',
      text,
      format,
      ...(kind !== undefined && { kind }),
      quickReplies: reply.quickReplies,
      links: reply.links,
      sources: reply.sources,
      replyTo: message.id,
    });
    this.dispatchEvent(new SbReplyEvent(text, reply, id, escalated));
  }

  private async _escalate(
    message: StoredMessage,
    reply: BotReply,
    signal: AbortSignal,
  ): Promise<void> {
    const bot = this._engineState?.bot;
    const configured = this.endpoint || bot?.escalation.endpoint;
    const endpoint = configured ? new URL(configured, document.baseURI).href : undefined;
    const history = this._history(message);
    const event = new SbEscalateEvent(message.text, history, reply, endpoint);
    this.dispatchEvent(event);
    if (event.defaultPrevented || !endpoint) {
      this._pushReply(message, reply, reply.text, reply.format, 'fallback');
      return;
    }
    const streamed: StoredMessage = {
      id: newId(),
      role: 'bot',
      text: '',
      format: 'markdown',
      kind: 'escalate',
      streaming: true,
    };
    this._messages = [...this._messages, streamed];
    const update = (patch: Partial<StoredMessage>) => {
      this._messages = this._messages.map((m) => (m.id === streamed.id ? { ...m, ...patch } : m));
    };
    let text = '';
    try {
      const events = escalate({
        endpoint,
        history,
        reply,
        locale: this._locale(),
        bot: { name: bot?.name ?? '', language: bot?.language ?? this._locale() },
        maxTurns: bot?.escalation.maxTurns ?? 6,
        faqHits: bot?.escalation.faqHits ?? 3,
        ...(this._messages[0] && { conversationId: this._messages[0].id }),
        signal,
      });
      for await (const e of events) {
        if (e.type === 'delta') {
          text += e.text;
          update({ text });
        } else if (e.type === 'error') {
          throw new EscalationError(e.message, e.code, e.retryable);
        }
      }
      if (text.trim() === '') throw new EscalationError('Empty answer.', 'EMPTY_ANSWER', true);
      this._messages = this._messages.filter((m) => m.id !== streamed.id);
      this._replies.set(streamed.id, reply);
      this._push({ ...streamed, text, streaming: false, replyTo: message.id });
      this.dispatchEvent(new SbReplyEvent(text, reply, streamed.id, true));
    } catch (error) {
      this._messages = this._messages.filter((m) => m.id !== streamed.id);
      if (signal.aborted) return;
      // Nothing the visitor typed is lost: the bot's own fallback answers now, the message can
      // be retried, and the page hears about it.
      this._markFailed(message, navigator.onLine === false ? 'offline' : 'escalation');
      this._pushReply(message, reply, reply.text, reply.format, 'fallback');
      this._emitError(error);
    }
  }

  private _history(upTo: StoredMessage): ChatTurn[] {
    const end = this._messages.findIndex((m) => m.id === upTo.id);
    return this._messages
      .slice(0, end + 1)
      .filter((m) => !m.streaming && m.text.trim() !== '')
      .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', text: m.text }));
  }

  private _markFailed(message: StoredMessage, failed: NonNullable<StoredMessage['failed']>): void {
    this._messages = this._messages.map((m) => (m.id === message.id ? { ...m, failed } : m));
    this._save();
  }

  private _retry(message: StoredMessage): void {
    if (this._busy) return;
    // The fallback shown for the failed attempt gives way to the new answer.
    this._messages = this._messages
      .filter((m) => m.replyTo !== message.id)
      .map((m) => {
        if (m.id !== message.id) return m;
        const { failed: _, ...rest } = m;
        return rest;
      });
    this._save();
    void this._answer(message);
  }

  private _onChip(chip: QuickReply): void {
    void this._send(chip.message, chip);
  }

  private _rate(message: StoredMessage, rating: 'up' | 'down'): void {
    if (message.rating) return;
    this._messages = this._messages.map((m) => (m.id === message.id ? { ...m, rating } : m));
    this._save();
    const reply = this._replies.get(message.id);
    this.dispatchEvent(new SbFeedbackEvent(message.id, rating, message.text, reply));
    const question = this._messages.find((m) => m.id === message.replyTo);
    if (question) this._report(rating === 'up' ? 'thumbs_up' : 'thumbs_down', question.text, reply);
  }

  /** The feedback endpoint when the bot file turns reporting on, else undefined (nothing is sent). */
  private _feedbackTarget(): string | undefined {
    const feedback = this._engineState?.bot?.feedback;
    const configured = this.feedbackEndpoint || feedback?.endpoint;
    if (!feedback?.enabled || !configured) return undefined;
    try {
      return new URL(configured, document.baseURI).href;
    } catch {
      return undefined;
    }
  }

  /** The reporter for the current bot and endpoint (created once ready; sends what was kept). */
  private _feedbackReporter(): FeedbackReporter | undefined {
    const endpoint = this._feedbackTarget();
    const bot = this._engineState?.bot;
    if (!endpoint || !bot) return undefined;
    const key = `support-bot:feedback:${bot.name}|${endpoint}`;
    if (this._reporter?.key === key) return this._reporter.reporter;
    this._reporter?.reporter.dispose();
    const reporter = new FeedbackReporter({
      endpoint,
      storageKey: key,
      onRejected: (_report, status, message) =>
        this.dispatchEvent(new SbErrorEvent('FEEDBACK_REJECTED', `HTTP ${status}: ${message}`)),
    });
    this._reporter = { key, reporter };
    return reporter;
  }

  /** Reports an answer that fell back, escalated, or was unsure (when the bot file asks for it). */
  private _reportAnswer(message: StoredMessage, reply: BotReply, chip?: QuickReply): void {
    const feedback = this._engineState?.bot?.feedback;
    if (!feedback) return;
    if (reply.kind === 'fallback') this._report('unanswered', message.text, reply);
    else if (reply.kind === 'escalate') this._report('escalated', message.text, reply);
    else if (
      reply.kind === 'intent' &&
      !chip?.intent &&
      !chip?.faq &&
      reply.confidence < feedback.lowConfidence
    ) {
      this._report('low_confidence', message.text, reply);
    }
  }

  private _report(kind: FeedbackKind, text: string, reply: BotReply | undefined): void {
    const bot = this._engineState?.bot;
    if (!bot?.feedback?.report.includes(kind)) return;
    const reporter = this._feedbackReporter();
    if (!reporter) return;
    reporter.report(
      createFeedbackReport({
        kind,
        text,
        ...(reply && { reply }),
        bot: { name: bot.name, language: bot.language },
        locale: this._locale(),
        ...(this._messages[0] && { conversationId: this._messages[0].id }),
      }),
    );
  }

  private _push(message: StoredMessage): void {
    this._messages = [...this._messages, message];
    this._save();
  }

  private _emitError(error: unknown): void {
    const e = error as { code?: string; message?: string; retryable?: boolean };
    this.dispatchEvent(
      new SbErrorEvent(e.code ?? 'REPLY_FAILED', e.message ?? String(error), e.retryable ?? false),
    );
  }
}
