/** Every string the widget shows. Override some with the element's `strings` property. */
export interface WidgetStrings {
  /** Launcher label while closed. */
  open: string;
  /** Launcher and close-button label while open. */
  close: string;
  /** Panel title until the bot's name is known. */
  title: string;
  /** Accessible name of the message list. */
  messages: string;
  placeholder: string;
  /** Accessible name of the text box. */
  inputLabel: string;
  send: string;
  clear: string;
  /** Announced after the conversation is cleared. */
  cleared: string;
  typing: string;
  /** Model download progress, `percent` 0..100. */
  loadingModel: (percent: number) => string;
  /** Shown while the model loads and the bot's examples are indexed. */
  preparing: string;
  /** The model could not load: answers are lexical only. */
  degraded: string;
  failed: string;
  offline: string;
  escalationFailed: string;
  retry: string;
  /** Screen-reader prefix of the visitor's messages. */
  you: string;
  /** Screen-reader prefix of the bot's messages. */
  bot: string;
  helpful: string;
  notHelpful: string;
  thanks: string;
  /** Shown in the panel while opt-in feedback reporting is on. */
  feedbackNotice: string;
  source: string;
  /** Accessible name of the quick-reply group. */
  suggestions: string;
  voiceStart: string;
  voiceStop: string;
  listening: string;
  voiceDenied: string;
}
