/**
 * Defines `<support-bot>` (when the page has `customElements` and the tag is free) and re-exports
 * the element class. Import `@support-bot/widget/component` for the class without registering the
 * tag. Safe to import in Node/SSR: nothing here touches `window` or `document`.
 */
import { SupportBotElement } from './support-bot.component.js';

export { SupportBotElement } from './support-bot.component.js';

if (typeof customElements !== 'undefined' && !customElements.get('support-bot')) {
  customElements.define('support-bot', SupportBotElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'support-bot': SupportBotElement;
  }
}
