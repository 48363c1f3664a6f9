import type { Persistence, StoredMessage } from '../types.js';

/** The newest messages kept per conversation. */
export const MAX_STORED_MESSAGES = 100;

function storage(kind: Persistence): Storage | undefined {
  try {
    return kind === 'session' ? sessionStorage : kind === 'local' ? localStorage : undefined;
  } catch {
    // Storage throws when cookies are blocked; the conversation then lives in memory only.
    return undefined;
  }
}

/** Filled-template parts as saved: an array of `{ text, literal }`, else dropped. */
function validParts(parts: unknown): boolean {
  return (
    Array.isArray(parts) &&
    parts.every((p) => typeof p?.text === 'string' && typeof p.literal === 'boolean')
  );
}

/**
 * Reads a saved conversation; anything malformed is dropped, never thrown. A message's
 * `dialogue` state is kept as stored: the dialogue restores it through `restoreDialogueState`.
 */
export function loadConversation(kind: Persistence, key: string): StoredMessage[] {
  try {
    const value = storage(kind)?.getItem(key);
    const parsed = value ? (JSON.parse(value) as unknown) : [];
    if (!Array.isArray(parsed)) return [];
    return (parsed as StoredMessage[])
      .filter(
        (m) =>
          typeof m?.id === 'string' &&
          typeof m.text === 'string' &&
          (m.role === 'user' || m.role === 'bot'),
      )
      .map((m) => {
        if (m.parts === undefined || validParts(m.parts)) return m;
        // Parts someone edited into a shape the renderer cannot read: show the text instead.
        const { parts: _, ...rest } = m;
        return rest;
      });
  } catch {
    return [];
  }
}

/** Saves the conversation (an empty one removes the key). Streaming messages are not saved. */
export function saveConversation(kind: Persistence, key: string, messages: StoredMessage[]): void {
  try {
    const store = storage(kind);
    if (!store) return;
    const kept = messages
      .filter((m) => !m.streaming)
      .slice(-MAX_STORED_MESSAGES)
      .map(({ streaming: _, ...m }) => m);
    if (kept.length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify(kept));
  } catch {
    // Quota exceeded or storage blocked: carry on without persistence.
  }
}

/** Removes a saved conversation from both storages. */
export function clearConversation(key: string): void {
  for (const kind of ['session', 'local'] as const) {
    try {
      storage(kind)?.removeItem(key);
    } catch {
      // Storage blocked: nothing was saved.
    }
  }
}
