import type { BotReply } from '@support-bot/core';
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../types.js';
import { ConversationController, type ConversationParts } from './conversation-controller.js';

/** A reply as the engine gives it, with only what the conversation reads. */
function reply(kind: BotReply['kind'], text: string): BotReply {
  return {
    kind,
    text,
    format: 'markdown',
    quickReplies: [{ label: 'More', message: 'tell me more' }],
    links: [],
    sources: [],
    confidence: 0.9,
    candidates: { intents: [], faq: [] },
    degraded: false,
    timings: {},
  } as unknown as BotReply;
}

function setup(answer: (text: string) => BotReply) {
  const host = Object.assign(new EventTarget(), {
    isConnected: true,
    updates: 0,
    addController() {},
    removeController() {},
    requestUpdate() {
      host.updates++;
    },
    get updateComplete() {
      return Promise.resolve(true);
    },
  });
  const events: string[] = [];
  for (const type of ['sb-message', 'sb-reply', 'sb-feedback'])
    host.addEventListener(type, () => events.push(type));
  const saved: StoredMessage[][] = [];
  const reports: string[] = [];
  let cleared = 0;
  const parts = {
    engine: {
      ensure: () => ({
        // The worker has parsed the bot file; the model never gets ready here. The conversation
        // must not wait for it: the engine answers what it can early (chips, sure word matches).
        booted: Promise.resolve(),
        ready: new Promise(() => undefined),
        reply: async (text: string) => answer(text),
        answerWith: async () => answer(''),
      }),
    },
    escalation: { run: async () => undefined },
    feedback: {
      reportAnswer: () => undefined,
      report: (kind: string, text: string) => reports.push(`${kind}:${text}`),
    },
    persistence: {
      save: (messages: StoredMessage[]) => saved.push(messages),
      clear: () => {
        cleared++;
      },
    },
    // A bot without forms: answers never go through the dialogue.
    dialogue: { active: false, restore: () => undefined, reset: () => undefined },
    maxChars: 20,
  } as unknown as ConversationParts;
  const conversation = new ConversationController(host as unknown as HTMLElement & never, parts);
  return { conversation, events, saved, reports, cleared: () => cleared };
}

describe('ConversationController', () => {
  it('sends, answers and saves; the text is cut to the core limit', async () => {
    const { conversation, events, saved } = setup((text) => reply('intent', `re: ${text}`));
    await conversation.send('  where is my order? and more words  ');
    expect(conversation.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'where is my order? a'],
      ['bot', 're: where is my order? a'],
    ]);
    expect(conversation.messages[1]).toMatchObject({
      kind: 'intent',
      replyTo: conversation.messages[0]!.id,
      quickReplies: [{ label: 'More', message: 'tell me more' }],
    });
    expect(events).toEqual(['sb-message', 'sb-reply']);
    expect(saved.at(-1)).toEqual(conversation.messages);
    expect(conversation.busy).toBe(false);
  });

  it('rates once through update(), fires sb-feedback and reports the question', async () => {
    const { conversation, events, reports } = setup(() => reply('faq', 'We match prices.'));
    await conversation.send('price match?');
    const answer = conversation.messages[1]!;
    conversation.rate(answer, 'down');
    conversation.rate(answer, 'up');
    expect(conversation.messages[1]!.rating).toBe('down');
    expect(events.filter((e) => e === 'sb-feedback')).toHaveLength(1);
    expect(reports).toEqual(['thumbs_down:price match?']);
  });

  it('clears (storage too) and undoes until the next message', async () => {
    const { conversation, saved, cleared } = setup(() => reply('intent', 'ok'));
    await conversation.send('one');
    const before = conversation.messages;
    conversation.clear();
    expect(conversation.messages).toEqual([]);
    expect(cleared()).toBe(1);
    expect(conversation.canUndo).toBe(true);
    conversation.undoClear();
    expect(conversation.messages).toEqual(before);
    expect(saved.at(-1)).toEqual(before);
    conversation.clear();
    await conversation.send('two');
    expect(conversation.canUndo).toBe(false);
  });

  it('retry replaces the answer given to the failed message', async () => {
    let n = 0;
    const { conversation } = setup(() => reply('fallback', `answer ${++n}`));
    await conversation.send('hello');
    const question = conversation.messages[0]!;
    conversation.markFailed(question, 'escalation');
    expect(conversation.messages[0]!.failed).toBe('escalation');
    conversation.retry(conversation.messages[0]!);
    await new Promise((r) => setTimeout(r, 0));
    expect(conversation.messages.map((m) => m.text)).toEqual(['hello', 'answer 2']);
    expect(conversation.messages[0]!.failed).toBeUndefined();
  });
});
