import type { BotLink, QuickReply, ReplyKind } from '@support-bot/core';

/** One message as kept across reloads. */
export interface StoredMessage {
  id: string;
  role: 'user' | 'bot';
  text: string;
  format?: 'markdown' | 'text';
  kind?: ReplyKind;
  quickReplies?: QuickReply[];
  links?: BotLink[];
  rating?: 'up' | 'down';
  /** The visitor's message could not be answered; offer a retry. */
  failed?: boolean;
}

const MAX_MESSAGES = 100;

function storage(kind: 'session' | 'local' | 'none'): Storage | undefined {
  try {
    return kind === 'session' ? sessionStorage : kind === 'local' ? localStorage : undefined;
  } catch {
    // Storage can throw when cookies are blocked; the conversation then lives in memory only.
    return undefined;
  }
}

export function loadConversation(kind: 'session' | 'local' | 'none', key: string): StoredMessage[] {
  try {
    const value = storage(kind)?.getItem(key);
    const parsed = value ? (JSON.parse(value) as unknown) : [];
    return Array.isArray(parsed)
      ? (parsed as StoredMessage[]).filter(
          (m) => typeof m?.text === 'string' && (m.role === 'user' || m.role === 'bot'),
        )
      : [];
  } catch {
    return [];
  }
}

export function saveConversation(
  kind: 'session' | 'local' | 'none',
  key: string,
  messages: StoredMessage[],
): void {
  try {
    const store = storage(kind);
    if (!store) return;
    if (messages.length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify(messages.slice(-MAX_MESSAGES)));
  } catch {
    // Quota exceeded or storage blocked: keep going without persistence.
  }
}
