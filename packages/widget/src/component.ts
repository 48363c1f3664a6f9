/**
 * `@support-bot/widget/component`: the `<support-bot>` element class and its types, without
 * defining the tag (register it under your own name, or in a scoped registry).
 *
 * @example
 * import { SupportBotElement } from '@support-bot/widget/component';
 * customElements.define('acme-help', class extends SupportBotElement {});
 */

export type { VoiceMode } from './controllers/speech-input.js';
export * from './events.js';
export { directionFor, LOCALES, stringsFor } from './i18n/strings-for.js';
export type { WidgetStrings } from './i18n/widget-strings.js';
export { SupportBotElement } from './support-bot.component.js';
export type {
  DevicePreference,
  Persistence,
  Position,
  Preload,
  StoredMessage,
  Theme,
} from './types.js';
