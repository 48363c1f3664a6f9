import type { BotReply, ChatTurn, QuickReply } from '@support-bot/core';
import type { DialogueReply } from '@support-bot/core/dialogue';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SbFeedbackEvent, SbMessageEvent, SbReplyEvent } from '../events.js';
import type { StoredMessage } from '../types.js';
import { type DialogueController, replyForDialogue } from './dialogue-controller.js';
import { type EngineController, errorEvent } from './engine-controller.js';
import type { EscalationController } from './escalation-controller.js';
import type { FeedbackController } from './feedback-controller.js';
import type { PersistenceController } from './persistence-controller.js';

/** What the conversation works with. */
export interface ConversationParts {
  engine: EngineController;
  escalation: EscalationController;
  feedback: FeedbackController;
  persistence: PersistenceController;
  /** The forms' state and actions (bots with slots or actions). */
  dialogue: DialogueController;
  /** Longest message kept (core's `MAX_MESSAGE_CHARS`). */
  maxChars: number;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The conversation: the message list as plain data (what the persistence controller saves, so
 * per-conversation state such as a dialogue's slots belongs here too), and what happens to it —
 * send, answer (locally, or through escalation), fail and retry, rate, clear and undo. Every
 * change to a message goes through {@link ConversationController.update}.
 */
export class ConversationController implements ReactiveController {
  /** The messages, oldest first. Replace, never mutate: the element renders from identity. */
  messages: StoredMessage[] = [];
  /** A question is being answered. */
  busy = false;
  /** The conversation cleared last, until undone or until the next message. */
  private _cleared?: StoredMessage[];
  /** The engine's reply behind each bot message answered in this page view. */
  private readonly _replies = new Map<string, BotReply>();
  private _inflight?: AbortController;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _parts: ConversationParts,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this._inflight?.abort();
  }

  /** The id that ties reports and escalations of this conversation together. */
  get id(): string | undefined {
    return this.messages[0]?.id;
  }

  /** Whether a cleared conversation can be brought back. */
  get canUndo(): boolean {
    return this._cleared !== undefined;
  }

  /** Replaces the messages with a saved conversation (nothing is saved back). */
  restore(messages: StoredMessage[]): void {
    this.messages = messages;
    this._parts.dialogue.restore(messages);
    this._changed(false);
  }

  /** Appends a message; streaming messages are not saved until they settle. */
  push(message: StoredMessage): void {
    this.messages = [...this.messages, message];
    this._changed(!message.streaming);
  }

  /** The one place a message changes: merges `patch` into the message with `id`. */
  update(id: string, patch: Partial<StoredMessage>, save = true): void {
    this.messages = this.messages.map((m) => (m.id === id ? { ...m, ...patch } : m));
    this._changed(save);
  }

  /** Removes the message with `id`. */
  remove(id: string): void {
    this.messages = this.messages.filter((m) => m.id !== id);
    this._changed(false);
  }

  /** The engine's reply behind a bot message (when answered in this page view). */
  replyFor(id: string): BotReply | undefined {
    return this._replies.get(id);
  }

  /** The turns up to and including `upTo`, as sent to escalation (settled, non-empty). */
  history(upTo: StoredMessage): ChatTurn[] {
    const end = this.messages.findIndex((m) => m.id === upTo.id);
    return this.messages
      .slice(0, end + 1)
      .filter((m) => !m.streaming && m.text.trim() !== '')
      .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', text: m.text }));
  }

  /**
   * Sends the visitor's text (or a quick-reply chip's message) and answers it. Resolves once it
   * is answered or failed; returns the visitor's message, or undefined when nothing was sent.
   */
  async send(raw: string, chip?: QuickReply): Promise<StoredMessage | undefined> {
    const text = raw.trim().slice(0, this._parts.maxChars);
    if (!text || this.busy) return undefined;
    this._cleared = undefined;
    const message: StoredMessage = { id: newId(), role: 'user', text };
    this.push(message);
    this._host.dispatchEvent(new SbMessageEvent(text, message.id));
    await this._answer(message, chip);
    return message;
  }

  /** Answers a failed message again; the fallback shown for the failed attempt gives way. */
  retry(message: StoredMessage): void {
    if (this.busy) return;
    this.messages = this.messages
      .filter((m) => m.replyTo !== message.id)
      .map((m) => {
        if (m.id !== message.id) return m;
        const { failed: _, ...rest } = m;
        return rest;
      });
    this._changed(true);
    void this._answer(message);
  }

  /** Rates a bot message once; fires `sb-feedback` and reports it when reporting is on. */
  rate(message: StoredMessage, rating: 'up' | 'down'): void {
    const current = this.messages.find((m) => m.id === message.id);
    if (!current || current.rating) return;
    this.update(message.id, { rating });
    const reply = this._replies.get(message.id);
    this._host.dispatchEvent(new SbFeedbackEvent(message.id, rating, message.text, reply));
    const question = this.messages.find((m) => m.id === message.replyTo);
    if (question)
      this._parts.feedback.report(
        rating === 'up' ? 'thumbs_up' : 'thumbs_down',
        question.text,
        reply,
        this.id,
      );
  }

  /** Clears the conversation on screen and in storage; {@link undoClear} brings it back. */
  clear(): void {
    this._inflight?.abort();
    const kept = this.messages.filter((m) => !m.streaming);
    this._cleared = kept.length > 0 ? kept : undefined;
    this.messages = [];
    this._replies.clear();
    this._parts.dialogue.reset();
    this._parts.persistence.clear();
    this._changed(false);
  }

  /** Restores the conversation cleared last (and saves it again). */
  undoClear(): void {
    if (!this._cleared) return;
    this.messages = [...this._cleared, ...this.messages];
    this._cleared = undefined;
    this._parts.dialogue.restore(this.messages);
    this._changed(true);
  }

  private async _answer(message: StoredMessage, chip?: QuickReply): Promise<void> {
    this.busy = true;
    this._host.requestUpdate();
    const controller = new AbortController();
    this._inflight = controller;
    try {
      let reply: BotReply;
      try {
        const engine = this._parts.engine.ensure();
        // Bots with forms answer through the dialogue: known once the worker has parsed the bot
        // file, long before the model is ready (a failed start fails the call below).
        await engine.booted.catch(() => undefined);
        if (this._parts.dialogue.active) {
          await this._parts.dialogue.run(message.text, chip, controller.signal, (replies, r) =>
            this._deliver(message, replies, r, chip, controller.signal),
          );
          return;
        }
        reply = chip?.intent
          ? await engine.answerWith({ intent: chip.intent })
          : chip?.faq
            ? await engine.answerWith({ faq: chip.faq })
            : await engine.reply(message.text, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          // Removed from the page mid-answer: keep the question retryable for a re-mount.
          if (!this._host.isConnected) this.markFailed(message, 'engine');
          return;
        }
        this.markFailed(message, navigator.onLine === false ? 'offline' : 'engine');
        this._host.dispatchEvent(errorEvent(error));
        return;
      }
      if (controller.signal.aborted) return;
      this._parts.feedback.reportAnswer(message, reply, chip, this.id);
      if (reply.kind === 'escalate')
        await this._parts.escalation.run(message, reply, controller.signal);
      else this.pushReply(message, reply, reply.text, reply.format, reply.kind);
    } finally {
      if (this._inflight === controller) this._inflight = undefined;
      this.busy = false;
      this._host.requestUpdate();
    }
  }

  /**
   * Shows one dialogue step's replies to `message`: escalates those that say so, adds the rest
   * (values as `parts`, rendered literally), reports answers as feedback, and saves the dialogue
   * state with the newest message so a form survives a reload.
   */
  private async _deliver(
    message: StoredMessage,
    replies: DialogueReply[],
    understood: BotReply,
    chip: QuickReply | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    for (const d of replies) {
      if (signal.aborted) return;
      const reply = replyForDialogue(d, understood);
      if (d.kind === 'answer') this._parts.feedback.reportAnswer(message, reply, chip, this.id);
      else if (d.kind === 'gave_up')
        this._parts.feedback.report('unanswered', message.text, reply, this.id);
      if (d.escalate) {
        await this._parts.escalation.run(message, { ...reply, kind: 'escalate' }, signal);
        continue;
      }
      const id = newId();
      this._replies.set(id, reply);
      this.push({
        id,
        role: 'bot',
        text: d.text,
        format: d.format,
        kind: reply.kind,
        step: d.kind,
        ...(d.parts && { parts: d.parts }),
        quickReplies: d.quickReplies,
        links: d.links,
        replyTo: message.id,
      });
      this._host.dispatchEvent(new SbReplyEvent(d.text, reply, id, false, d));
    }
    if (signal.aborted) return;
    const last = this.messages.at(-1);
    if (last) this.update(last.id, { dialogue: this._parts.dialogue.state });
  }

  /** Adds the bot's answer to `message` and fires `sb-reply`. */
  pushReply(
    message: StoredMessage,
    reply: BotReply,
    text: string,
    format: 'markdown' | 'text',
    kind: StoredMessage['kind'],
    escalated = false,
    id = newId(),
  ): void {
    this._replies.set(id, reply);
    this.push({
      id,
      role: 'bot',
      text,
      format,
      ...(kind !== undefined && { kind }),
      ...(!escalated && { quickReplies: reply.quickReplies, links: reply.links }),
      ...(!escalated && { sources: reply.sources }),
      replyTo: message.id,
    });
    this._host.dispatchEvent(new SbReplyEvent(text, reply, id, escalated));
  }

  /** Marks a visitor message as not answered (offline, engine or escalation failure). */
  markFailed(message: StoredMessage, failed: NonNullable<StoredMessage['failed']>): void {
    this.update(message.id, { failed });
  }

  /** A new id for a message. */
  newId(): string {
    return newId();
  }

  private _changed(save: boolean): void {
    if (save) this._parts.persistence.save(this.messages);
    this._host.requestUpdate();
  }
}
