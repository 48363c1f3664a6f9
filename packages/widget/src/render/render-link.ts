import { html, type TemplateResult } from 'lit';
import { isExternalUrl } from './safe-url.js';

/**
 * A link the widget shows under an answer (`url` already accepted by `safeUrl`): links leaving
 * the page's origin open in a new tab without an opener.
 */
export function renderLink(url: string, label: unknown): TemplateResult {
  return isExternalUrl(url)
    ? html`<a part="link" href=${url} target="_blank" rel="noopener noreferrer">${label}</a>`
    : html`<a part="link" href=${url}>${label}</a>`;
}
