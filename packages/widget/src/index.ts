/**
 * `@support-bot/widget`: the `<support-bot>` chat widget. Importing this entry defines the tag;
 * `@support-bot/widget/component` exports the same class without registering it.
 *
 * @example
 * import '@support-bot/widget';
 * document.querySelector('support-bot')!.addEventListener('sb-reply', (e) => log(e.reply.kind));
 */

export type { VoiceMode } from './controllers/speech-input.js';
export {
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
export { directionFor, LOCALES, stringsFor } from './i18n/strings-for.js';
export type { WidgetStrings } from './i18n/widget-strings.js';
export { SupportBotElement } from './support-bot.js';
export type {
  DevicePreference,
  Persistence,
  Position,
  Preload,
  StoredMessage,
  Theme,
} from './types.js';
