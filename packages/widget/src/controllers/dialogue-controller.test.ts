import type { BotReply } from '@support-bot/core';
import type { ActionOutcome, DialogueReply, StepResult } from '@support-bot/core/dialogue';
import { describe, expect, it } from 'vitest';
import type { SbErrorEvent, SbReplyEvent } from '../events.js';
import type { StoredMessage } from '../types.js';
import type { DialogueAnswer, DialogueToWorker } from '../worker/messages.js';
import { ConversationController, type ConversationParts } from './conversation-controller.js';
import { ACTION_FAILED, DialogueController } from './dialogue-controller.js';

const understood = {
  kind: 'fallback',
  text: 'Sorry?',
  format: 'markdown',
  quickReplies: [],
  links: [],
  sources: [],
  confidence: 0.2,
  candidates: { intents: [], faq: [] },
  degraded: false,
  timings: {},
} as unknown as BotReply;

const say = (kind: DialogueReply['kind'], text: string): DialogueReply => ({
  kind,
  text,
  format: 'text',
  quickReplies: [],
  links: [],
  intent: 'order_status',
  parts: [{ text, literal: kind === 'result' }],
});

const acting = {
  version: 1,
  form: { intent: 'order_status', slots: {}, stage: 'acting', tries: 0, digressions: 0 },
};
const action = {
  intent: 'order_status',
  action: { handler: 'orderStatus' },
  slots: { order: 'AC-104233' },
  locale: 'en',
} as unknown as StepResult['action'];

/**
 * A conversation with a real DialogueController over a scripted worker: `steps` answers each
 * `dialogue` message, `resume` each `dialogue-resume` (seeing the action's outcome).
 */
function setup(options: {
  steps: StepResult[];
  resume?: (outcome: ActionOutcome) => StepResult;
  actions?: Record<string, (c: { signal: AbortSignal; slots: object }) => unknown>;
}) {
  const host = Object.assign(new EventTarget(), {
    isConnected: true,
    addController() {},
    requestUpdate() {},
  });
  const events: Event[] = [];
  for (const type of ['sb-reply', 'sb-error']) host.addEventListener(type, (e) => events.push(e));
  const sent: DialogueToWorker[] = [];
  const engine = {
    bot: {
      name: 'Acme',
      language: 'en',
      dialogue: true,
      redact: [{ kind: 'order_number', source: 'AC-?\\d{6}', flags: 'gi' }],
    },
    ensure: () => ({
      booted: Promise.resolve(),
      dialogue: async (m: DialogueToWorker): Promise<DialogueAnswer> => {
        sent.push(structuredClone(m));
        if (m.type === 'dialogue')
          return { step: options.steps.shift()!, reply: understood, redact: [] };
        return {
          step: options.resume!(m.outcome),
          redact: [{ kind: 'order', source: 'AC-104233', flags: 'giu' }],
        };
      },
    }),
  };
  const dialogue = new DialogueController(host as unknown as HTMLElement, engine as never, {
    actions: () => options.actions as never,
  });
  const saved: StoredMessage[][] = [];
  const parts = {
    engine,
    dialogue,
    escalation: { run: async () => undefined },
    feedback: { reportAnswer: () => undefined, report: () => undefined },
    persistence: { save: (m: StoredMessage[]) => saved.push(m), clear: () => undefined },
    maxChars: 500,
  } as unknown as ConversationParts;
  const conversation = new ConversationController(host as unknown as HTMLElement & never, parts);
  return { conversation, dialogue, events, sent, saved };
}

describe('ConversationController with forms', () => {
  it('asks, runs the page action with the slots, answers with literal parts and saves the state', async () => {
    const asking = {
      version: 1,
      form: {
        intent: 'order_status',
        slots: {},
        asking: 'order',
        stage: 'filling',
        tries: 0,
        digressions: 0,
      },
    };
    let seen: object | undefined;
    const { conversation, dialogue, events, sent, saved } = setup({
      steps: [
        { state: asking, replies: [say('ask', 'Your order number?')] } as StepResult,
        { state: acting, replies: [], action } as StepResult,
      ],
      resume: (outcome) => {
        expect(outcome).toEqual({ ok: true, result: { data: { status: '<b>shipped</b>' } } });
        return { state: { version: 1 }, replies: [say('result', '<b>shipped</b>')] } as StepResult;
      },
      actions: {
        orderStatus: ({ slots }) => {
          seen = slots;
          return { data: { status: '<b>shipped</b>' } };
        },
      },
    });
    await conversation.send('where is my order?');
    expect(conversation.messages.at(-1)).toMatchObject({
      step: 'ask',
      kind: 'intent',
      dialogue: asking,
    });
    await conversation.send('AC-104233');
    expect(seen).toEqual({ order: 'AC-104233' });
    expect(sent.map((m) => m.type)).toEqual(['dialogue', 'dialogue', 'dialogue-resume']);
    // The state the page held went to the worker with each message.
    expect((sent[1] as { state: unknown }).state).toEqual(asking);
    const last = conversation.messages.at(-1)!;
    expect(last).toMatchObject({
      step: 'result',
      parts: [{ text: '<b>shipped</b>', literal: true }],
    });
    expect(last.dialogue).toEqual({ version: 1 });
    expect(saved.at(-1)?.at(-1)?.dialogue).toEqual({ version: 1 });
    const replies = events.filter((e): e is SbReplyEvent => e.type === 'sb-reply');
    expect(replies.map((e) => [e.reply.kind, e.reply.intent?.id, e.dialogue?.kind])).toEqual([
      ['intent', 'order_status', 'ask'],
      ['intent', 'order_status', 'result'],
    ]);
    // Redaction: the bot's regex entities and the values the worker reported.
    expect(dialogue.redactPatterns().map((p) => p.kind)).toEqual(['order_number', 'order']);
    expect(events.some((e) => e.type === 'sb-error')).toBe(false);
  });

  it('a failing handler gives the onError reply from the worker and sb-error ACTION_FAILED', async () => {
    const { conversation, events } = setup({
      steps: [{ state: acting, replies: [], action } as StepResult],
      resume: (outcome) => {
        expect(outcome).toMatchObject({ ok: false, failure: 'error' });
        return {
          state: { version: 1 },
          replies: [say('action_error', 'Sorry, try later.')],
        } as StepResult;
      },
      actions: {
        orderStatus: () => {
          throw new Error('database down');
        },
      },
    });
    await conversation.send('where is AC-104233?');
    expect(conversation.messages.at(-1)).toMatchObject({
      step: 'action_error',
      text: 'Sorry, try later.',
    });
    const error = events.find((e): e is SbErrorEvent => e.type === 'sb-error')!;
    expect(error.code).toBe(ACTION_FAILED);
    expect(error.message).toMatch(/^\[support-bot\] Failed to run the action .*database down/);
  });

  it('clear aborts a running action: its signal aborts, nothing more is shown, no sb-error', async () => {
    let signal: AbortSignal | undefined;
    let resumed = false;
    const { conversation, dialogue, events } = setup({
      steps: [{ state: acting, replies: [], action } as StepResult],
      resume: () => {
        resumed = true;
        return { state: { version: 1 }, replies: [] } as StepResult;
      },
      actions: {
        orderStatus: (c) => {
          signal = c.signal;
          return new Promise(() => undefined);
        },
      },
    });
    const sending = conversation.send('where is AC-104233?');
    await new Promise((r) => setTimeout(r, 20));
    expect(signal?.aborted).toBe(false);
    conversation.clear();
    await sending;
    expect(signal?.aborted).toBe(true);
    expect(resumed).toBe(false);
    expect(conversation.messages).toEqual([]);
    expect(dialogue.state).toBeUndefined();
    expect(events.some((e) => e.type === 'sb-error')).toBe(false);
  });

  it('restores the state of the newest message that has one (a reload mid-form)', () => {
    const { conversation, dialogue } = setup({ steps: [] });
    conversation.restore([
      { id: '1', role: 'user', text: 'where is my order?' },
      { id: '2', role: 'bot', text: 'Number?', dialogue: { version: 1, form: { intent: 'x' } } },
      { id: '3', role: 'user', text: 'hmm', failed: 'engine' },
    ]);
    expect(dialogue.state).toEqual({ version: 1, form: { intent: 'x' } });
    conversation.clear();
    expect(dialogue.state).toBeUndefined();
    conversation.undoClear();
    expect(dialogue.state).toEqual({ version: 1, form: { intent: 'x' } });
  });
});
