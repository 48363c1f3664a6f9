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
  /** How to move in the message list with the keyboard (its accessible description). */
  messagesHelp: string;
  placeholder: string;
  /** Accessible name of the text box. */
  inputLabel: string;
  send: string;
  clear: string;
  /** Announced after the conversation is cleared. */
  cleared: string;
  /** The button that brings a cleared conversation back. */
  undo: string;
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
  /** Accessible name of the rating buttons' group (its description is the rated answer). */
  rateAnswer: string;
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
  /** Dictation failed (recogniser error). */
  voiceFailed: string;
  /** The remote recognition service could not be reached. */
  voiceNetwork: string;
  /** On-device recognition is not offered for the language (and remote is not allowed). */
  voiceUnavailable: string;
  /** The on-device language pack is being installed. */
  voiceInstalling: string;
  /** Shown while dictation would use the browser's remote service (`voice="remote"`). */
  voiceRemoteNotice: string;
}
