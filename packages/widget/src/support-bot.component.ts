import type { QuickReply, SupportBotInfo } from '@support-bot/core';
import type { ActionHandler } from '@support-bot/core/dialogue';
import { MAX_MESSAGE_CHARS } from '@support-bot/core/limits';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ConversationController } from './controllers/conversation-controller.js';
import { DialogueController } from './controllers/dialogue-controller.js';
import { EngineController } from './controllers/engine-controller.js';
import { EscalationController } from './controllers/escalation-controller.js';
import { FeedbackController } from './controllers/feedback-controller.js';
import { ModalPanel } from './controllers/modal-panel.js';
import { PersistenceController } from './controllers/persistence-controller.js';
import { SpeechInputController, type VoiceMode } from './controllers/speech-input.js';
import { TranscriptNavigation } from './controllers/transcript-navigation.js';
import { SbCloseEvent, SbOpenEvent } from './events.js';
import { directionFor, stringsFor } from './i18n/strings-for.js';
import type { WidgetStrings } from './i18n/widget-strings.js';
import { ICONS, icon } from './render/icons.js';
import { type ComposerHandlers, renderChips, renderComposer } from './render/render-composer.js';
import { type MessageActions, renderGreeting, renderMessage } from './render/render-message.js';
import { renderProgress } from './render/render-progress.js';
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
 * // A bot file whose form runs `"action": { "handler": "orderStatus" }`:
 * document.querySelector('support-bot').actions = {
 *   orderStatus: async ({ slots, locale, signal }) => ({ data: await lookUp(slots.order, signal) }),
 * };
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
 * @fires sb-error - Loading, the model, answering or escalating failed, a form's action failed (`ACTION_FAILED`), or an endpoint was refused (`code`, `message`, `retryable`).
 *
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart launcher-icon - The icon inside the launcher.
 * @csspart panel - The chat panel, a `<dialog>` (a full-screen modal sheet on small viewports).
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
 * @csspart undo - The button that brings a cleared conversation back.
 * @csspart voice-notice - The line saying dictation uses the browser's remote service (`voice="remote"` only).
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
 * @cssproperty --sb-focus - Focus ring colour (default the accent).
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
  /**
   * Escalation endpoint (the server adapter); overrides the bot file's `escalation.endpoint`.
   * Must be http(s) or a path on the site; anything else is refused with `sb-error`.
   */
  @property() endpoint?: string;
  /**
   * Feedback endpoint (the adapter's `createFeedbackHandler`); overrides the bot file's
   * `feedback.endpoint`. Reports are sent only when the bot file sets `feedback.enabled`.
   * Must be http(s) or a path on the site; anything else is refused with `sb-error`.
   */
  @property({ attribute: 'feedback-endpoint' }) feedbackEndpoint?: string;
  /** `auto` (default: WebGPU when an adapter exists, else WASM), `wasm` or `webgpu`. */
  @property() device: DevicePreference = 'auto';
  /**
   * When the model loads: `intent` (default: launcher hovered, focused, touched or opened),
   * `idle` (when the page is idle, unless the visitor saves data), `open` (first open only).
   */
  @property() preload: Preload = 'intent';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** `bottom-right` (default) or `bottom-left`; mirrored in right-to-left layouts. */
  @property({ reflect: true }) position: Position = 'bottom-right';
  /** `light` (default), `dark`, or `auto` (follows the visitor's system). */
  @property({ reflect: true }) theme: Theme = 'light';
  /**
   * UI language (`en`, `zh-CN`, ...). Precedence: this attribute, else the bot file's `language`,
   * else the nearest `lang` attribute of the page, else English.
   */
  @property() locale?: string;
  /** Where the conversation is kept across reloads: `session` (default), `local` or `none`. */
  @property() persistence: Persistence = 'session';
  /**
   * Voice input: `local` (default) dictates only with the browser's on-device recogniser, so the
   * visitor's voice stays on the device (no mic button where there is none); `remote` also
   * allows the browser's speech service, which may send the recording off the device (the panel
   * then says so); `off` hides the mic.
   */
  @property() voice: VoiceMode = 'local';
  /** Replaces some UI strings (see `WidgetStrings`). */
  @property({ attribute: false }) strings?: Partial<WidgetStrings>;
  /**
   * The page's actions for the bot's forms, by the name in the bot file's `action.handler`:
   * `async ({ slots, locale, intent, signal }) => ({ text?, data?, quickReplies?, notFound? })`.
   * The filled slot values go only to the action; `data` fills the answer's `{result.field}`
   * placeholders, and whatever it holds is shown as text, never as markup. The `signal` aborts on
   * "clear", when the widget is removed, and after 8 s. A throw, a timeout or a malformed answer
   * shows the action's `onError` reply and fires `sb-error` (`ACTION_FAILED`). Webhook actions
   * need nothing here.
   */
  @property({ attribute: false }) actions?: Readonly<Record<string, ActionHandler>>;

  @state() private _draft = '';
  @state() private _status = '';

  @query('textarea') private _input?: HTMLTextAreaElement;
  @query('.launcher') private _launcher?: HTMLButtonElement;
  @query('.messages') private _log?: HTMLElement;
  @query('.panel') private _panel?: HTMLDialogElement;

  private readonly _engine = new EngineController(this, this, MODULE_DIR, () => {
    this._feedback.start();
    this._escalation.preload();
  });
  private readonly _persistence = new PersistenceController(this);
  private readonly _dialogue = new DialogueController(this, this._engine, {
    actions: () => this.actions,
  });
  private readonly _escalation = new EscalationController(
    this,
    this._engine,
    {
      endpoint: () => this.endpoint,
      locale: () => this._locale(),
      redactPatterns: () => this._dialogue.redactPatterns(),
    },
    () => this._conversation,
  );
  private readonly _feedback = new FeedbackController(this, this._engine, {
    feedbackEndpoint: () => this.feedbackEndpoint,
    locale: () => this._locale(),
    redactPatterns: () => this._dialogue.redactPatterns(),
  });
  private readonly _conversation = new ConversationController(this, {
    engine: this._engine,
    escalation: this._escalation,
    feedback: this._feedback,
    persistence: this._persistence,
    dialogue: this._dialogue,
    maxChars: MAX_MESSAGE_CHARS,
  });
  private readonly _voice = new SpeechInputController(this);
  private readonly _transcript = new TranscriptNavigation(this, () => this._log);
  private readonly _modal = new ModalPanel(
    this,
    () => this._panel,
    () => {
      this.open = false;
    },
  );
  private _voiceBase = '';
  private readonly _composer: ComposerHandlers = {
    submit: (event) => this._onSubmit(event),
    input: (event) => this._onInput(event),
    keydown: (event) => this._onInputKeydown(event),
    mic: () => this._onMic(),
    undo: () => this._onUndo(),
  };
  private _rendered?: { messages: readonly StoredMessage[]; busy: boolean };

  /** The worker build that runs once loaded (`webgpu` or `wasm`), for debugging. */
  get engineDevice(): 'webgpu' | 'wasm' | undefined {
    const state = this._engine.state;
    return state?.status === 'ready' ? state.device : undefined;
  }

  /** What the engine runs with once ready (model, device, thresholds, degraded), for debugging. */
  get info(): SupportBotInfo | undefined {
    return this._engine.state?.info;
  }

  /** A copy of the conversation so far. */
  get messages(): readonly StoredMessage[] {
    return this._conversation.messages.map((m) => ({ ...m }));
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
    await this._submit(text);
  }

  /** Clears the conversation on screen and in storage (the panel offers to undo it). */
  clear(): void {
    this._conversation.clear();
    this._status = this._t().cleared;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._restore();
    this.addEventListener('keydown', this._onHostKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this._onHostKeydown);
    this._feedback.dispose();
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
    if (this._engine.started && engineProps.some((p) => changed.has(p))) this._engine.release();
    if (changed.has('persistence') || changed.has('configSrc') || changed.has('config'))
      this._restore();
  }

  protected override updated(changed: PropertyValues<this>): void {
    this._voice.prepare(this._speechLang(), this.voice);
    if (changed.has('open') && (changed.get('open') !== undefined || this.open)) {
      const hadFocus = this.matches(':focus-within') || this.shadowRoot?.activeElement != null;
      this._modal.sync(this.open);
      // Open from the start (an `open` attribute): no focus grab while the page loads.
      this._onOpenChanged(changed.get('open') !== undefined, hadFocus);
    }
    const { messages, busy } = this._conversation;
    if (this._rendered?.messages !== messages || this._rendered.busy !== busy) {
      this._rendered = { messages, busy };
      const log = this._log;
      if (log) log.scrollTop = log.scrollHeight;
    }
  }

  override render() {
    const t = this._t();
    const engine = this._engine.state;
    const bot = engine?.bot;
    const { messages, busy } = this._conversation;
    const streaming = messages.some((m) => m.streaming);
    const last = messages.at(-1);
    const chips = last?.role === 'bot' && !busy ? (last.quickReplies ?? []) : [];
    const showTyping = busy && !messages.some((m) => m.streaming && m.text !== '');
    const actions: MessageActions = { busy, retry: this._onRetry, rate: this._onRate };
    // No text between the top-level pieces: whitespace there would inherit the page's
    // white-space and line-height through the host and could shift the launcher.
    return html`<button
        class="launcher"
        part="launcher"
        type="button"
        aria-label=${this.open ? t.close : t.open}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this._onLauncherClick}
      >
        <span part="launcher-icon">${icon(this.open ? ICONS.close : ICONS.chat)}</span>
      </button><dialog class="panel" part="panel" id="panel" aria-labelledby="title" lang=${this._locale()} dir=${this._dir()}>
        <header part="header">
          <h2 id="title" part="title">${bot?.name || t.title}</h2>
          <button class="icon-button clear" part="clear" type="button" aria-label=${t.clear} title=${t.clear} @click=${this._onClear}>
            ${icon(ICONS.clear)}
          </button>
          <button class="icon-button close" part="close" type="button" aria-label=${t.close} title=${t.close} @click=${this._onClose}>
            ${icon(ICONS.close)}
          </button>
        </header>
        ${this.open ? renderProgress(engine, t) : nothing}
        ${engine?.degraded ? html`<p class="notice" part="notice" role="status">${t.degraded}</p>` : nothing}
        <div
          class="messages"
          part="messages"
          role="log"
          aria-label=${t.messages}
          aria-describedby="messages-help"
          aria-busy=${streaming ? 'true' : 'false'}
          @keydown=${this._transcript.onKeydown}
          @focusin=${this._transcript.onFocusin}
          @focusout=${this._transcript.onFocusout}
        >
          <ol>
            ${bot?.greeting ? renderGreeting(bot.greeting, t) : nothing}
            ${repeat(
              messages,
              (m) => m.id,
              (m) => renderMessage(m, t, actions),
            )}
          </ol>
        </div>
        <p id="messages-help" hidden>${t.messagesHelp}</p>
        <div class="typing" part="typing" role="status">
          ${showTyping ? html`<span class="dot"></span><span class="dot"></span><span class="dot"></span><span class="visually-hidden">${t.typing}</span>` : nothing}
        </div>
        ${renderChips(chips, t, this._onChip)}
        ${renderComposer(
          {
            draft: this._draft,
            busy,
            maxChars: MAX_MESSAGE_CHARS,
            voice: this._voice,
            status: this._status,
            canUndo: this._conversation.canUndo,
            reporting: this._feedback.target() !== undefined,
          },
          t,
          this._composer,
        )}
      </dialog>`;
  }

  private _t(): WidgetStrings {
    return stringsFor(this._locale(), this.strings);
  }

  private _locale(): string {
    return (
      this.locale ||
      this._engine.bot?.language ||
      this.closest('[lang]')?.getAttribute('lang') ||
      'en'
    );
  }

  private _dir(): 'ltr' | 'rtl' {
    const explicit = this.closest('[dir]')?.getAttribute('dir')?.toLowerCase();
    if (explicit === 'rtl' || explicit === 'ltr') return explicit;
    return directionFor(this._locale());
  }

  private _speechLang(): string {
    const locale = this._engine.bot?.language || this._locale();
    // Recognisers want a region; a bare `zh` means Mandarin in mainland China.
    if (/^zh$/i.test(locale)) return 'zh-CN';
    if (/^en$/i.test(locale)) return 'en-US';
    return locale;
  }

  private _restore(): void {
    const saved = this._persistence.loadIfChanged();
    if (saved) this._conversation.restore(saved);
    // A visitor who chatted earlier in this visit has shown intent: load when idle.
    if (saved?.length) this._engine.conversationRestored();
  }

  private async _submit(raw: string, chip?: QuickReply): Promise<void> {
    if (!raw.trim() || this._conversation.busy) return;
    this._voice.stop();
    this._draft = '';
    this._status = '';
    await this._conversation.send(raw, chip);
  }

  private _onOpenChanged(moveFocus: boolean, hadFocus: boolean): void {
    this.dispatchEvent(this.open ? new SbOpenEvent() : new SbCloseEvent());
    if (this.open) {
      if (moveFocus) this._input?.focus();
      this._engine.start();
    } else {
      this._voice.stop();
      // Only take focus back if it was inside the widget: a page closing it keeps its own focus.
      if (hadFocus) this._launcher?.focus();
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

  private _onUndo = (): void => {
    this._conversation.undoClear();
    this._status = '';
    this._input?.focus();
  };

  private _onHostKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open && !event.isComposing) {
      // Handled here, so the dialog does not also cancel itself.
      event.preventDefault();
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
    void this._submit(this._draft);
  };

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    // The Send button disables itself once the draft is sent: keep focus in the text box.
    this._input?.focus();
    void this._submit(this._draft);
  };

  private _onChip = (chip: QuickReply): void => {
    // The chips give way to the answer: focus goes to the text box, not to the page.
    this._input?.focus();
    void this._submit(chip.message, chip);
  };

  private _onRetry = (message: StoredMessage): void => {
    this._input?.focus();
    this._conversation.retry(message);
  };

  private _onRate = (message: StoredMessage, rating: 'up' | 'down'): void => {
    this._conversation.rate(message, rating);
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
}
