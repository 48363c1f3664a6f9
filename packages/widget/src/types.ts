import type { BotLink, QuickReply, ReplyKind, ReplySource } from '@support-bot/core';
import type { DialogueReplyKind, TemplatePart } from '@support-bot/core/dialogue';

/** Where the conversation is kept across reloads. */
export type Persistence = 'session' | 'local' | 'none';
/** Colour scheme; `auto` follows the visitor's system setting. */
export type Theme = 'light' | 'dark' | 'auto';
/** Which corner the launcher sits in (mirrored in right-to-left layouts). */
export type Position = 'bottom-right' | 'bottom-left';
/** Where the model runs; `auto` = WebGPU when an adapter exists, else WASM. */
export type DevicePreference = 'auto' | 'wasm' | 'webgpu';
/**
 * When the model runtime loads: `intent` (default) on a sign the visitor may chat (launcher
 * hovered, focused, touched, or the panel opened); `idle` when the page is idle (not on a
 * Save-Data or 2g/3g connection: then as `intent`); `open` on first open only.
 */
export type Preload = 'intent' | 'idle' | 'open';

/** One message of the conversation, as rendered and (without transient fields) persisted. */
export interface StoredMessage {
  id: string;
  role: 'user' | 'bot';
  text: string;
  format?: 'markdown' | 'text';
  /** For bot messages: what answered (`escalate` = the escalation endpoint's answer). */
  kind?: ReplyKind;
  quickReplies?: QuickReply[];
  links?: BotLink[];
  sources?: ReplySource[];
  rating?: 'up' | 'down';
  /** A visitor message that got no answer (offline, engine or escalation failure): retry it. */
  failed?: 'offline' | 'engine' | 'escalation';
  /** For bot messages: the visitor message this answers (a retry replaces it). */
  replyTo?: string;
  /** A bot message still receiving streamed text (never persisted). */
  streaming?: boolean;
  /** For dialogue replies: why the form answered (`ask`, `confirm`, `result`, `action_error`...). */
  step?: DialogueReplyKind;
  /** For dialogue replies with filled values: `literal` parts always render as plain text. */
  parts?: TemplatePart[];
  /**
   * The dialogue state after this message (plain JSON, kept with the conversation so a form
   * survives a reload). Read back through `restoreDialogueState`: storage is not trusted.
   */
  dialogue?: unknown;
}
