/**
 * Defines `<support-bot>`. Import `@support-bot/widget/component` for the class without
 * registering the tag. Safe to import in Node/SSR: nothing runs without `customElements`.
 */
import { SupportBotElement } from './support-bot.component.js';

export type { StoredMessage } from './controllers/conversation-store.js';
export * from './events.js';
export { SupportBotElement } from './support-bot.component.js';

if (typeof customElements !== 'undefined' && !customElements.get('support-bot')) {
  customElements.define('support-bot', SupportBotElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'support-bot': SupportBotElement;
  }
}
