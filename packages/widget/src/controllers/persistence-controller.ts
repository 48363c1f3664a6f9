import type { Persistence, StoredMessage } from '../types.js';
import { clearConversation, loadConversation, saveConversation } from './conversation-store.js';

/** What the storage key is derived from: the element's `id`, `config-src` or inline `config`. */
export interface PersistenceSource {
  id: string;
  configSrc?: string | undefined;
  config?: object | string | ArrayBuffer | Uint8Array | undefined;
  persistence: Persistence;
}

/** FNV-1a over text or bytes, as 8 hex digits: tells inline bots apart in a storage key. */
export function fingerprint(value: string | ArrayBuffer | Uint8Array): string {
  let hash = 0x811c9dc5;
  const mix = (code: number) => {
    hash ^= code;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  if (typeof value === 'string') for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
  else for (const byte of value instanceof Uint8Array ? value : new Uint8Array(value)) mix(byte);
  return hash.toString(16).padStart(8, '0');
}

/**
 * Where one conversation is kept across reloads (`sessionStorage`, `localStorage` or nowhere),
 * under a key per widget: its `id`, else its `config-src`, else a fingerprint of its inline bot,
 * so two inline bots on a page never share a conversation.
 */
export class PersistenceController {
  private _loaded?: string;
  private _inlineKey?: { config: unknown; key: string };

  constructor(private readonly _source: PersistenceSource) {}

  /** The storage key of the conversation. */
  key(): string {
    const s = this._source;
    return `support-bot:${s.id || s.configSrc || this._inline()}`;
  }

  /**
   * The saved conversation when the key or the storage kind changed since the last call, else
   * `undefined` (re-connecting the same element keeps what it has in memory).
   */
  loadIfChanged(): StoredMessage[] | undefined {
    const where = `${this._source.persistence}|${this.key()}`;
    if (this._loaded === where) return undefined;
    this._loaded = where;
    // Without persistence, nothing is read: what the element has in memory stays.
    return this._source.persistence === 'none'
      ? undefined
      : loadConversation(this._source.persistence, this.key());
  }

  save(messages: StoredMessage[]): void {
    saveConversation(this._source.persistence, this.key(), messages);
  }

  /** Removes the saved conversation from both storages. */
  clear(): void {
    clearConversation(this.key());
  }

  private _inline(): string {
    const config = this._source.config;
    if (config === undefined) return 'inline';
    if (this._inlineKey?.config === config) return this._inlineKey.key;
    const content =
      typeof config === 'string' || config instanceof ArrayBuffer || ArrayBuffer.isView(config)
        ? (config as string | ArrayBuffer | Uint8Array)
        : JSON.stringify(config);
    const key = `inline:${fingerprint(content)}`;
    this._inlineKey = { config, key };
    return key;
  }
}
