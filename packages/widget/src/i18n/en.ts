import type { WidgetStrings } from './widget-strings.js';

/** English UI strings (the default). */
export const en: WidgetStrings = {
  open: 'Open chat',
  close: 'Close chat',
  title: 'Chat with us',
  messages: 'Conversation',
  messagesHelp:
    'Use the up and down arrow keys to move between messages, and Enter to reach the links and buttons of a message.',
  placeholder: 'Type your question…',
  inputLabel: 'Your message',
  send: 'Send',
  clear: 'Clear conversation',
  cleared: 'Conversation cleared.',
  undo: 'Undo',
  typing: 'The assistant is typing…',
  loadingModel: (percent) => `Downloading the assistant… ${percent}%`,
  preparing: 'Getting the assistant ready…',
  degraded:
    'The assistant is in basic mode: it matches keywords only, so answers may be less accurate.',
  failed: 'Not sent: the assistant could not answer.',
  offline: 'You are offline. Your message is kept; retry when you are back online.',
  escalationFailed: 'We could not reach our team right now. Your message is kept.',
  retry: 'Retry',
  you: 'You',
  bot: 'Assistant',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  rateAnswer: 'Rate this answer',
  thanks: 'Thanks for the feedback!',
  feedbackNotice:
    'Ratings and unanswered questions are shared with this site to improve the assistant. Personal details are removed first.',
  source: 'Source',
  suggestions: 'Suggestions',
  voiceStart: 'Dictate a message',
  voiceStop: 'Stop dictation',
  listening: 'Listening…',
  voiceDenied: 'Voice input is not available: microphone access was denied.',
  voiceFailed: 'Voice input stopped: the speech recogniser failed. Please type your message.',
  voiceNetwork: 'Voice input stopped: the speech service could not be reached.',
  voiceUnavailable: 'Voice input is not available for this language on this device.',
  voiceInstalling: 'Installing speech recognition on this device…',
  voiceRemoteNotice:
    "Voice input uses your browser's speech service: your recording may be sent to it.",
};
