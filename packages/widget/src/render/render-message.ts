import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetStrings } from '../i18n/widget-strings.js';
import type { StoredMessage } from '../types.js';
import { ICONS, icon } from './icons.js';
import { renderLink } from './render-link.js';
import { renderMarkdown } from './render-markdown.js';
import { renderParts } from './render-parts.js';
import { safeUrl } from './safe-url.js';

/** What a message's controls do. */
export interface MessageActions {
  busy: boolean;
  retry(message: StoredMessage): void;
  rate(message: StoredMessage, rating: 'up' | 'down'): void;
}

function absolute(url: string): string {
  try {
    return new URL(url, typeof document === 'undefined' ? 'https://x.invalid/' : document.baseURI)
      .href;
  } catch {
    return url;
  }
}

const LINK_TARGETS = /\]\(\s*<?([^()\s<>]+)|(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])/g;

/** Whether the answer's text already links to `url` (as markdown or a bare URL). */
function textLinksTo(text: string, url: string): boolean {
  const target = absolute(url);
  for (const m of text.matchAll(LINK_TARGETS)) {
    const href = safeUrl(m[1] ?? m[2] ?? '');
    if (href && absolute(href) === target) return true;
  }
  return false;
}

/** The bot's greeting, first in the log. */
export function renderGreeting(greeting: string, t: WidgetStrings): TemplateResult {
  return html`<li class="message bot greeting" part="message message-bot greeting" data-id="greeting">
    <span class="visually-hidden">${t.bot}: </span><div class="text" part="text" dir="auto">${renderMarkdown(greeting)}</div>
  </li>`;
}

/** One message of the log: the visitor's (with retry when it failed) or the bot's. */
export function renderMessage(
  m: StoredMessage,
  t: WidgetStrings,
  actions: MessageActions,
): TemplateResult {
  return m.role === 'user' ? renderUserMessage(m, t, actions) : renderBotMessage(m, t, actions);
}

function renderUserMessage(
  m: StoredMessage,
  t: WidgetStrings,
  actions: MessageActions,
): TemplateResult {
  return html`<li class="message user" part="message message-user" data-id=${m.id}>
    <span class="visually-hidden">${t.you}: </span><span class="text" part="text" dir="auto">${m.text}</span>
    ${
      m.failed
        ? html`<div class="failed" part="failed">
          <span>${m.failed === 'offline' ? t.offline : m.failed === 'escalation' ? t.escalationFailed : t.failed}</span>
          <button class="retry" part="retry" type="button" ?disabled=${actions.busy} @click=${() => actions.retry(m)}>${t.retry}</button>
        </div>`
        : nothing
    }
  </li>`;
}

function renderBotMessage(
  m: StoredMessage,
  t: WidgetStrings,
  actions: MessageActions,
): TemplateResult {
  const seen = new Set<string>();
  const links = (m.links ?? []).flatMap((l) => {
    const url = safeUrl(l.url);
    if (!url || seen.has(absolute(url))) return [];
    seen.add(absolute(url));
    // An FAQ answer's page link comes from its `url`: not again when the answer links it.
    if (m.kind === 'faq' && textLinksTo(m.text, url)) return [];
    return [{ label: l.label, url }];
  });
  const source = m.kind === 'faq' ? m.sources?.find((s) => s.kind === 'faq' && s.url) : undefined;
  const cleaned = source?.url ? safeUrl(source.url) : undefined;
  // The FAQ page is often among the links or in the answer already: name it once, comparing
  // the URLs as the browser resolves them (a URL the bot file wrote with stray spaces too).
  const sourceUrl =
    cleaned &&
    !links.some((l) => absolute(l.url) === absolute(cleaned)) &&
    !textLinksTo(m.text, cleaned)
      ? cleaned
      : undefined;
  const rateable = !m.streaming && m.kind !== undefined;
  const textId = `text-${m.id}`;
  const body = Array.isArray(m.parts)
    ? renderParts(m.parts, m.format === 'text' ? 'text' : 'markdown')
    : m.format === 'text'
      ? html`<p>${m.text}</p>`
      : renderMarkdown(m.text);
  return html`<li class="message bot" part="message message-bot" data-id=${m.id} data-kind=${m.kind ?? ''} data-step=${m.step ?? nothing} aria-busy=${m.streaming ? 'true' : 'false'}>
    <span class="visually-hidden">${t.bot}: </span>
    <div class="text" part="text" id=${textId} dir="auto">${body}</div>
    ${
      links.length > 0
        ? html`<div class="links" part="links">${links.map((l) => renderLink(l.url, l.label))}</div>`
        : nothing
    }
    ${
      source && sourceUrl
        ? html`<div class="source" part="source">${t.source}: ${renderLink(sourceUrl, source.title)}</div>`
        : nothing
    }
    ${rateable ? renderRating(m, t, actions, textId) : nothing}
  </li>`;
}

/**
 * Thumbs up/down. The group is named "Rate this answer" and described by the answer's text, so
 * a screen reader says which answer is rated. Rated buttons stay focusable (`aria-disabled`, not
 * `disabled`), so keyboard focus never drops to the page.
 */
function renderRating(
  m: StoredMessage,
  t: WidgetStrings,
  actions: MessageActions,
  textId: string,
): TemplateResult {
  const button = (rating: 'up' | 'down', label: string) =>
    html`<button
      class="icon-button"
      part="feedback-button"
      type="button"
      aria-label=${label}
      aria-describedby=${textId}
      title=${label}
      aria-pressed=${m.rating === rating ? 'true' : 'false'}
      aria-disabled=${m.rating !== undefined ? 'true' : 'false'}
      @click=${() => actions.rate(m, rating)}
    >${icon(ICONS.thumb, rating === 'down' ? 'down' : '')}</button>`;
  return html`<div class="feedback" part="feedback" role="group" aria-label=${t.rateAnswer}>
    ${button('up', t.helpful)}${button('down', t.notHelpful)}
    ${m.rating ? html`<span class="thanks">${t.thanks}</span>` : nothing}
  </div>`;
}
