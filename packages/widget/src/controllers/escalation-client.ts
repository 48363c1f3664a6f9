import type { BotReply, ChatTurn } from '@support-bot/core';
import {
  createEscalationRequest,
  type EscalationEvent,
  readEscalationStream,
} from '@support-bot/core/protocol';
import type { RedactPattern } from '@support-bot/core/redact';

/** Escalation failed; `retryable` says whether the same request may succeed later. */
export class EscalationError extends Error {
  override readonly name = 'EscalationError';
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface EscalateOptions {
  endpoint: string;
  /** The local conversation, oldest first, ending with the visitor's message (unredacted). */
  history: readonly ChatTurn[];
  /** The local engine's unsure reply: its candidates and FAQ hits ground the answer. */
  reply: BotReply;
  locale: string;
  bot: { name: string; language: string };
  /** Turns of history to send (the bot file's `escalation.maxTurns`). */
  maxTurns: number;
  /** FAQ hits to send (the bot file's `escalation.faqHits`). */
  faqHits: number;
  conversationId?: string;
  /** Redacted besides the built-in kinds (the forms' `regex` entities and slot values). */
  redactPatterns?: readonly RedactPattern[];
  signal?: AbortSignal;
}

/**
 * Sends an unsure conversation to the escalation endpoint (`@support-bot/server-adapter`) and
 * yields its answer as it streams. Personal data (emails, phone and card numbers, IBANs) is
 * redacted by `createEscalationRequest` before anything leaves the browser. Every outcome but an
 * abort arrives as an event: `delta`s, then one `done` or `error`.
 */
export async function* escalate(o: EscalateOptions): AsyncGenerator<EscalationEvent> {
  const body = createEscalationRequest(
    {
      messages: o.history,
      locale: o.locale,
      bot: o.bot,
      intents: o.reply.candidates.intents.map((i) => ({
        id: i.id,
        confidence: i.confidence,
        ...(Number.isFinite(i.similarity) && { similarity: i.similarity }),
      })),
      faq: o.reply.candidates.faq.slice(0, Math.max(0, o.faqHits)).map((h) => ({
        id: h.id,
        question: h.question,
        answer: h.answer,
        ...(h.url !== undefined && { url: h.url }),
        score: h.score,
      })),
      ...(o.conversationId !== undefined && { conversationId: o.conversationId }),
      stream: true,
    },
    {
      maxMessages: Math.max(1, o.maxTurns),
      ...(o.redactPatterns?.length && { redact: { patterns: o.redactPatterns } }),
    },
  );
  let response: Response;
  try {
    response = await fetch(o.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      ...(o.signal && { signal: o.signal }),
    });
  } catch (error) {
    o.signal?.throwIfAborted();
    yield {
      type: 'error',
      code: 'NETWORK',
      message: `[support-bot] Failed to reach ${o.endpoint}: ${(error as Error).message}. Please retry when online.`,
      retryable: true,
    };
    return;
  }
  yield* readEscalationStream(response, o.signal ? { signal: o.signal } : {});
}
