import type { BotReply, QuickReply, SupportBotInfo } from '@support-bot/core';
import { html, LitElement, nothing, type PropertyValues, svg } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  loadConversation,
  type StoredMessage,
  saveConversation,
} from './controllers/conversation-store.js';
import { EngineClient } from './controllers/engine-client.js';
import {
  SbCloseEvent,
  SbErrorEvent,
  SbFeedbackEvent,
  SbMessageEvent,
  SbModelProgressEvent,
  SbOpenEvent,
  SbReplyEvent,
} from './events.js';
import { stringsFor } from './i18n/strings.js';
import { renderMarkdown, safeUrl } from './render/render-markdown.js';
import { styles } from './support-bot.styles.js';

const THUMB = svg`<path d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.5-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z" />`;
const THUMB_UP = html`<svg viewBox="0 0 24 24" width="14" height="14" fill="currentColor" aria-hidden="true">${THUMB}</svg>`;
const THUMB_DOWN = html`<svg viewBox="0 0 24 24" width="14" height="14" fill="currentColor" aria-hidden="true" style="transform: scaleY(-1)">${THUMB}</svg>`;

/** Where this module is served from: the workers and `ort/` sit next to it. */
const BASE_URL = new URL('./', import.meta.url);

/**
 * A customer-service chat widget that understands visitors in their own browser: the bot file's
 * intents and FAQ are matched by a quantized transformer running in a Web Worker.
 *
 * @example
 * <script type="module" src="/support-bot/support-bot.js"></script>
 * <support-bot config-src="/bot.json" model-base-url="/models/"></support-bot>
 *
 * @fires sb-open - The panel opened.
 * @fires sb-close - The panel closed.
 * @fires sb-message - The visitor sent a message (`text`).
 * @fires sb-reply - The bot answered (`text`, full `reply` with candidates and timings).
 * @fires sb-feedback - The visitor rated a reply (`rating` up/down).
 * @fires sb-model-progress - Model download progress (`progress` 0..1).
 * @fires sb-error - Loading or answering failed (`code`, `message`).
 *
 * @csspart launcher - The round button that opens the chat.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart close - The close button.
 * @csspart clear - The clear-conversation button.
 * @csspart progress - The model download progress bar.
 * @csspart notice - The basic-mode notice.
 * @csspart messages - The message list.
 * @csspart message - Every message bubble (also `message-user` / `message-bot`).
 * @csspart chips - The quick-reply row; each chip is `chip`.
 * @csspart feedback - The thumbs up/down buttons.
 * @csspart composer - The input row; `input` and `send` inside it.
 *
 * @cssproperty --sb-accent - Brand colour (launcher, header, visitor bubbles).
 * @cssproperty --sb-accent-text - Text on the accent colour.
 * @cssproperty --sb-surface - Panel background.
 * @cssproperty --sb-text - Text colour.
 * @cssproperty --sb-muted - Secondary text.
 * @cssproperty --sb-bot-bubble - Bot bubble background.
 * @cssproperty --sb-border - Borders.
 * @cssproperty --sb-radius - Panel corner radius.
 * @cssproperty --sb-font - Font family.
 * @cssproperty --sb-panel-width - Panel width on large screens (default 380px).
 * @cssproperty --sb-panel-height - Panel height on large screens (default 560px).
 * @cssproperty --sb-z-index - Stacking order.
 */
export class SupportBotElement extends LitElement {
  static override styles = styles;

  /** URL of the bot file (bot.json, or a compiled `.index`). */
  @property({ attribute: 'config-src' }) configSrc?: string;
  /** The bot as an object or JSON text (instead of `config-src`). */
  @property({ attribute: false }) config?: object | string;
  /** Where model folders are served (e.g. `/models/`); unset = Hugging Face Hub. */
  @property({ attribute: 'model-base-url' }) modelBaseUrl?: string;
  /** Where onnxruntime-web's files are; default `ort/` next to this script. */
  @property({ attribute: 'wasm-paths' }) wasmPaths?: string;
  /** `auto` (default: WebGPU when available, else WASM), `wasm` or `webgpu`. */
  @property() device: 'auto' | 'wasm' | 'webgpu' = 'auto';
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** `bottom-right` (default) or `bottom-left`. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** `light` (default), `dark` or `auto` (follows the system). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';
  /** UI language; default the page's `lang`. */
  @property() locale?: string;
  /** Where the conversation is kept across reloads: `session` (default), `local` or `none`. */
  @property() persistence: 'session' | 'local' | 'none' = 'session';

  /** Which engine build runs (`webgpu` or `wasm`) once loaded, for debugging. */
  @state() engineDevice?: 'webgpu' | 'wasm';
  /** What the engine runs with once ready (model, thresholds, degraded). */
  @state() info?: SupportBotInfo;

  @state() private _messages: StoredMessage[] = [];
  @state() private _progress = -1;
  @state() private _busy = false;
  @state() private _degraded = false;
  @state() private _draft = '';

  @query('textarea') private _input?: HTMLTextAreaElement;
  @query('.launcher') private _launcher?: HTMLButtonElement;
  @query('.messages') private _list?: HTMLOListElement;

  private _engine?: EngineClient;
  private _replies = new Map<string, BotReply>();
  private _idle?: number;

  override connectedCallback(): void {
    super.connectedCallback();
    this._messages = loadConversation(this.persistence, this._storageKey());
    // Warm the model up when the page is idle, so the first answer is quick.
    this._idle = window.setTimeout(() => void this._ensureEngine().catch(() => undefined), 3000);
    this.addEventListener('keydown', this._onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this._idle);
    this.removeEventListener('keydown', this._onKeydown);
    this._engine?.dispose();
    this._engine = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('_messages' as keyof SupportBotElement) || changed.has('open')) {
      this._list?.scrollTo({ top: this._list.scrollHeight });
    }
  }

  override render() {
    const t = stringsFor(this._locale());
    const dir = this._dir();
    const last = this._messages.at(-1);
    const chips = last?.role === 'bot' && !this._busy ? (last.quickReplies ?? []) : [];
    return html`
      <button
        class="launcher"
        part="launcher"
        aria-label=${this.open ? t.close : t.open}
        aria-expanded=${this.open}
        aria-controls="panel"
        @click=${() => this._setOpen(!this.open)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          ${
            this.open
              ? svg`<path d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />`
              : svg`<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2zm4 0v2h2v-2zm4 0v2h2v-2z" />`
          }
        </svg>
      </button>
      <section class="panel" part="panel" id="panel" role="dialog" aria-label=${this.info?.name ?? t.title} dir=${dir} ?hidden=${!this.open}>
        <header part="header">
          <h2>${this.info?.name ?? t.title}</h2>
          <button class="clear" part="clear" @click=${this._clear}>${t.clear}</button>
          <button class="close" part="close" aria-label=${t.close} @click=${() => this._setOpen(false)}>×</button>
        </header>
        ${
          this._progress >= 0 && this._progress < 1
            ? html`<div class="progress" part="progress">
              <label>${t.loadingModel(Math.round(this._progress * 100))}
                <progress max="1" .value=${this._progress}></progress>
              </label>
            </div>`
            : nothing
        }
        ${this._degraded ? html`<div class="notice" part="notice" role="status">${t.degraded}</div>` : nothing}
        <ol class="messages" part="messages" role="log" aria-label=${t.title}>
          ${this.info?.greeting ? this._renderBotText(this.info.greeting, 'greeting') : nothing}
          ${this._messages.map((m) => this._renderMessage(m, t))}
          ${
            this._busy
              ? html`<li class="message bot typing" part="message message-bot"><span></span><span></span><span></span><span class="visually-hidden">${t.typing}</span></li>`
              : nothing
          }
        </ol>
        ${
          chips.length > 0
            ? html`<div class="chips" part="chips">
              ${chips.map((c) => html`<button class="chip" part="chip" @click=${() => this._onChip(c)}>${c.label}</button>`)}
            </div>`
            : nothing
        }
        <form part="composer" @submit=${this._onSubmit}>
          <textarea
            part="input"
            rows="1"
            aria-label=${t.placeholder}
            placeholder=${t.placeholder}
            .value=${this._draft}
            @input=${(e: InputEvent) => (this._draft = (e.target as HTMLTextAreaElement).value)}
            @keydown=${this._onInputKeydown}
          ></textarea>
          <button class="send" part="send" type="submit" ?disabled=${this._busy || this._draft.trim() === ''}>${t.send}</button>
        </form>
      </section>
    `;
  }

  private _renderBotText(text: string, id: string) {
    return html`<li class="message bot" part="message message-bot" data-id=${id}>${renderMarkdown(text)}</li>`;
  }

  private _renderMessage(m: StoredMessage, t: ReturnType<typeof stringsFor>) {
    if (m.role === 'user') {
      return html`<li class="message user" part="message message-user" data-id=${m.id}>
        <span class="visually-hidden">${t.you}: </span><span class="text">${m.text}</span>
        ${m.failed ? html`<div class="meta"><span>${t.failed}</span><button @click=${() => this._retry(m)}>${t.retry}</button></div>` : nothing}
      </li>`;
    }
    return html`<li class="message bot" part="message message-bot" data-id=${m.id} data-kind=${m.kind ?? ''}>
      <span class="visually-hidden">${t.bot}: </span>
      ${m.format === 'text' ? html`<p>${m.text}</p>` : renderMarkdown(m.text)}
      ${
        (m.links ?? []).length > 0
          ? html`<div class="links">${m.links!.map((l) => {
              const url = safeUrl(l.url);
              return url ? html`<a href=${url} rel="noopener noreferrer">${l.label}</a>` : nothing;
            })}</div>`
          : nothing
      }
      ${
        m.kind === 'intent' || m.kind === 'faq'
          ? html`<div class="meta" part="feedback">
            ${
              m.rating
                ? html`<span role="status">${t.thanks}</span>`
                : html`<button aria-label=${t.helpful} @click=${() => this._rate(m, 'up')}>${THUMB_UP}</button>
                  <button aria-label=${t.notHelpful} @click=${() => this._rate(m, 'down')}>${THUMB_DOWN}</button>`
            }
          </div>`
          : nothing
      }
    </li>`;
  }

  private _locale(): string {
    return this.locale ?? this.info?.language ?? document.documentElement.lang ?? 'en';
  }

  private _dir(): string {
    return this.closest('[dir]')?.getAttribute('dir') ?? document.documentElement.dir ?? 'ltr';
  }

  private _storageKey(): string {
    return `support-bot:${this.configSrc ?? this.id ?? 'inline'}`;
  }

  private async _setOpen(open: boolean): Promise<void> {
    if (open === this.open) return;
    this.open = open;
    this.dispatchEvent(open ? new SbOpenEvent() : new SbCloseEvent());
    await this.updateComplete;
    if (open) {
      this._input?.focus();
      void this._ensureEngine().catch(() => undefined);
    } else {
      this._launcher?.focus();
    }
  }

  private _onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      void this._setOpen(false);
    }
  };

  private _onInputKeydown = (event: KeyboardEvent): void => {
    // Enter sends; Shift+Enter is a newline; never send while an IME is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this._send(this._draft);
    }
  };

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    void this._send(this._draft);
  };

  private _ensureEngine(): Promise<EngineClient> {
    if (this._engine) return this._engine.ready.then(() => this._engine!);
    window.clearTimeout(this._idle);
    const engine = (async () => {
      const { config, source } = await this._loadConfig();
      const client = new EngineClient({
        config,
        source,
        ...(this.modelBaseUrl !== undefined && {
          modelBaseUrl: new URL(this.modelBaseUrl, document.baseURI).href,
        }),
        ...(this.wasmPaths !== undefined && {
          wasmPaths: new URL(this.wasmPaths, document.baseURI).href,
        }),
        baseUrl: BASE_URL,
        device: this.device,
        onProgress: (p) => {
          this._progress = p;
          this.dispatchEvent(new SbModelProgressEvent(p));
        },
        onModelError: (message, degraded) => {
          this._degraded = degraded;
          this.dispatchEvent(new SbErrorEvent('MODEL_LOAD_FAILED', message));
        },
      });
      return client;
    })();
    const placeholder = { ready: engine.then((c) => c.ready) } as unknown as EngineClient;
    this._engine = placeholder;
    return engine.then(
      async (client) => {
        this._engine = client;
        try {
          this.info = await client.ready;
          this.engineDevice = client.device;
          this._progress = 1;
          this._degraded = this.info.degraded;
        } catch (error) {
          this.dispatchEvent(
            new SbErrorEvent(
              (error as { code?: string }).code ?? 'ENGINE_FAILED',
              (error as Error).message,
            ),
          );
          throw error;
        }
        return client;
      },
      (error: Error) => {
        this._engine = undefined;
        this.dispatchEvent(
          new SbErrorEvent(
            (error as { code?: string }).code ?? 'CONFIG_LOAD_FAILED',
            error.message,
          ),
        );
        throw error;
      },
    );
  }

  private async _loadConfig(): Promise<{ config: string | ArrayBuffer; source: string }> {
    if (this.config !== undefined) {
      return {
        config: typeof this.config === 'string' ? this.config : JSON.stringify(this.config),
        source: '<support-bot>.config',
      };
    }
    if (!this.configSrc)
      throw new Error(
        '[support-bot] Failed to load the bot: no config. Please set config-src="/bot.json" or the config property.',
      );
    const url = new URL(this.configSrc, document.baseURI).href;
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(
        `[support-bot] Failed to load the bot from ${url}: HTTP ${response.status}. Please check config-src.`,
      );
    return {
      config: url.endsWith('.json') ? await response.text() : await response.arrayBuffer(),
      source: url,
    };
  }

  private async _send(raw: string, target?: QuickReply): Promise<void> {
    const text = raw.trim();
    if (!text || this._busy) return;
    this._draft = '';
    const message: StoredMessage = { id: crypto.randomUUID(), role: 'user', text };
    this._push(message);
    this.dispatchEvent(new SbMessageEvent(text));
    await this._answer(message, target);
  }

  private async _answer(message: StoredMessage, target?: QuickReply): Promise<void> {
    this._busy = true;
    try {
      const engine = await this._ensureEngine();
      const reply = target?.intent
        ? await engine.answerWith({ intent: target.intent })
        : target?.faq
          ? await engine.answerWith({ faq: target.faq })
          : await engine.reply(message.text);
      const id = crypto.randomUUID();
      this._replies.set(id, reply);
      this._push({
        id,
        role: 'bot',
        text: reply.text,
        format: reply.format,
        kind: reply.kind,
        quickReplies: reply.quickReplies,
        links: reply.links,
      });
      this.dispatchEvent(new SbReplyEvent(reply.text, reply));
    } catch (error) {
      // Keep what the visitor typed, marked for retry.
      this._messages = this._messages.map((m) =>
        m.id === message.id ? { ...m, failed: true } : m,
      );
      this._save();
      this.dispatchEvent(
        new SbErrorEvent(
          (error as { code?: string }).code ?? 'REPLY_FAILED',
          (error as Error).message,
        ),
      );
    } finally {
      this._busy = false;
    }
  }

  private _retry(message: StoredMessage): void {
    this._messages = this._messages.map((m) => (m.id === message.id ? { ...m, failed: false } : m));
    void this._answer(message);
  }

  private _onChip(chip: QuickReply): void {
    void this._send(chip.message, chip);
  }

  private _rate(message: StoredMessage, rating: 'up' | 'down'): void {
    this._messages = this._messages.map((m) => (m.id === message.id ? { ...m, rating } : m));
    this._save();
    this.dispatchEvent(new SbFeedbackEvent(message.id, rating, this._replies.get(message.id)));
  }

  private _clear = (): void => {
    this._messages = [];
    this._save();
    this._input?.focus();
  };

  private _push(message: StoredMessage): void {
    this._messages = [...this._messages, message];
    this._save();
  }

  private _save(): void {
    saveConversation(this.persistence, this._storageKey(), this._messages);
  }
}
