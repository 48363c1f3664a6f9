import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { isSupportBotError } from '../errors.js';
import type { BotReply } from '../types.js';
import { restoreDialogueState } from './dialogue-state.js';
import { resumeDialogue, stepDialogue } from './dialogue-step.js';
import { runAction } from './run-action.js';

const base = {
  name: 'T',
  entities: { order_number: { regex: '\\b(AC-\\d{6})\\b' } },
  intents: [
    {
      id: 'order_status',
      examples: ['where is my order'],
      response: 'Order {order}: {result.status}',
      slots: [{ name: 'order', entity: 'order_number', prompt: 'Number?' }],
      action: { handler: 'orderStatus' },
    },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: tests write hostile shapes into the bot file.
type Loose = any;

function issues(patch: (c: Loose) => void): string[] {
  const config = structuredClone(base) as Loose;
  patch(config);
  try {
    parseBotConfig(JSON.stringify(config, null, 2), { source: 'bot.json' });
    return [];
  } catch (error) {
    if (!isSupportBotError(error)) throw error;
    return error.issues!.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('bot file: dialogue keys', () => {
  it('accepts the base config', () => expect(issues(() => undefined)).toEqual([]));
  it('names the path and suggests a fix for every new key', () => {
    expect(issues((c) => (c.intents[0].slots[0].entity = 'order_numbr'))).toEqual([
      'intents[0].slots[0].entity: unknown entity "order_numbr" (did you mean "order_number"?); use a built-in (number, email, phone, date, time, money) or a name from "entities"',
    ]);
    expect(issues((c) => (c.intents[0].slots[0].promt = 'x'))[0]).toBe(
      'intents[0].slots[0].promt: unknown property "promt" (did you mean "prompt"?)',
    );
    expect(issues((c) => (c.intents[0].response = 'Order {ordr}'))[0]).toMatch(
      /^intents\[0\]\.response: unknown placeholder "\{ordr\}" \(did you mean "\{order\}"\?\)/,
    );
    expect(issues((c) => (c.entities.order_number.regex = '(unclosed'))[0]).toMatch(
      /^entities\.order_number\.regex: is not a valid regular expression/,
    );
    expect(issues((c) => (c.entities.order_number.valus = []))[0]).toBe(
      'entities.order_number.valus: unknown property "valus" (did you mean "values"?)',
    );
    expect(
      issues((c) => (c.intents[0].action = { webhook: { url: 'https://evil.example/x/{order}' } })),
    ).toEqual([
      'intents[0].action.webhook.url: calls https://evil.example, another origin than the page\'s; list it in "allowedOrigins" to allow it',
    ]);
    expect(
      issues((c) => (c.intents[0].action = { webhook: { url: '//evil.example/{order}' } }))[0],
    ).toMatch(/^intents\[0\]\.action\.webhook\.url: must be a site-relative URL/);
    expect(
      issues((c) => (c.intents[0].action = { webhook: { url: 'https://{order}.example/' } }))[0],
    ).toMatch(/webhook\.url: must be/);
    expect(issues((c) => (c.intents[0].action = {}))).toEqual([
      'intents[0].action: must have exactly one of "handler" or "webhook"',
    ]);
    expect(issues((c) => delete c.intents[0].slots[0].prompt)).toEqual([
      'intents[0].slots[0].prompt: is required for a required slot (what the bot asks when it is missing)',
    ]);
    expect(issues((c) => (c.entities.date = { regex: 'x' }))[0]).toBe(
      'entities.date: "date" is a built-in entity; please choose another name',
    );
    expect(issues((c) => (c.dialogue = { maxTries: 0 }))[0]).toBe(
      'dialogue.maxTries: must be at least 1 (got 0)',
    );
    expect(issues((c) => (c.dialogue = { onGiveUp: 'escalte' }))[0]).toMatch(
      /^dialogue\.onGiveUp: must be one of/,
    );
  });
});

const reply = (intent?: string): BotReply => ({
  kind: intent ? 'intent' : 'fallback',
  text: 'plain',
  format: 'markdown',
  quickReplies: [],
  links: [],
  sources: [],
  confidence: 0.9,
  ...(intent && { intent: { id: intent, confidence: 0.9, similarity: 0.9 } }),
  candidates: { intents: [], faq: [] },
  degraded: false,
  timings: { normalize: 0, tokenize: 0, embed: 0, classify: 0, retrieve: 0, total: 0 },
});

describe('dialogue steps', () => {
  const config = parseBotConfig(base);
  it('never asks more than maxTries times, whatever is typed', () => {
    let state = stepDialogue(
      config,
      { version: 1 },
      { text: 'where', reply: reply('order_status'), entities: {} },
    ).state;
    let asks = 1;
    for (let i = 0; i < 10 && state.form; i++) {
      const r = stepDialogue(config, state, { text: 'x', reply: reply(), entities: {} });
      state = r.state;
      if (r.replies[0]!.kind === 'ask') asks++;
    }
    expect(state.form).toBeUndefined();
    expect(asks).toBe(2);
  });
  it('turns a tampered or foreign stored state into the empty state', () => {
    for (const bad of [
      null,
      'x',
      { version: 2 },
      { version: 1, form: { intent: 1 } },
      {
        version: 1,
        form: {
          intent: 'a',
          slots: { o: { value: {}, text: '' } },
          stage: 'filling',
          tries: 0,
          digressions: 0,
        },
      },
    ]) {
      expect(restoreDialogueState(bad)).toEqual({ version: 1 });
    }
  });
});

const request = (action: Loose) => ({
  intent: 'order_status',
  action,
  slots: { order: 'AC-1' },
  locale: 'en',
});
const webhook = {
  webhook: { url: '/api/orders/{order}', method: 'GET', timeout: 200, allowedOrigins: [] },
};

describe('actions: hostile results', () => {
  it('handler results that are not shaped right fail cleanly', async () => {
    const handler = (value: unknown) => ({ h: () => value as never });
    for (const value of [
      42,
      'text',
      [1],
      { text: 3 },
      { data: [] },
      { quickReplies: 'x' },
      { quickReplies: [{}] },
    ]) {
      const outcome = await runAction(request({ handler: 'h' }), {
        handlers: handler(value),
      });
      expect(outcome.ok).toBe(false);
    }
    const cyclic: Loose = {};
    cyclic.self = cyclic;
    expect(
      await runAction(request({ handler: 'h' }), {
        handlers: handler({ data: cyclic }),
      }),
    ).toMatchObject({ ok: false, failure: 'invalid' });
    expect(
      await runAction(request({ handler: 'h' }), {
        handlers: handler({ data: { big: 'x'.repeat(70_000) } }),
      }),
    ).toMatchObject({ ok: false, failure: 'invalid' });
    expect(await runAction(request({ handler: 'missing' }), { handlers: {} })).toMatchObject({
      ok: false,
      failure: 'error',
    });
    expect(await runAction(request({ handler: 'toString' }), { handlers: {} })).toMatchObject({
      ok: false,
      failure: 'error',
    });
  });
  it('a handler that throws, hangs or is aborted gives an outcome, never a throw', async () => {
    expect(
      await runAction(request({ handler: 'h' }), {
        handlers: {
          h: () => {
            throw new Error('boom');
          },
        },
      }),
    ).toMatchObject({ ok: false, failure: 'error' });
    expect(
      await runAction(request({ handler: 'h' }), {
        handlers: { h: () => new Promise(() => undefined) },
        handlerTimeout: 50,
      }),
    ).toMatchObject({ ok: false, failure: 'timeout' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(
      await runAction(request({ handler: 'h' }), {
        handlers: { h: () => new Promise(() => undefined) },
        signal: controller.signal,
      }),
    ).toMatchObject({ ok: false, failure: 'aborted' });
  });
  it('webhook answers that are not a JSON object, too big or redirected fail cleanly', async () => {
    const answer =
      (body: BodyInit | null, init?: ResponseInit): typeof fetch =>
      async () =>
        new Response(body, init);
    const run = (f: typeof fetch) =>
      runAction(request(webhook), { baseUrl: 'https://shop.example/', fetch: f });
    expect(await run(answer('<html>oops</html>'))).toMatchObject({ ok: false, failure: 'invalid' });
    expect(await run(answer('[1,2]'))).toMatchObject({ ok: false, failure: 'invalid' });
    expect(await run(answer(`{"a":"${'x'.repeat(70_000)}"}`))).toMatchObject({
      ok: false,
      failure: 'invalid',
    });
    expect(await run(answer('{}', { status: 502 }))).toMatchObject({ ok: false, failure: 'http' });
    expect(await run(answer('{}', { status: 404 }))).toEqual({
      ok: true,
      result: { notFound: true },
    });
    expect(
      await run(async () => {
        throw new TypeError('redirect');
      }),
    ).toMatchObject({ ok: false, failure: 'error' });
    let seen = '';
    await runAction(
      { ...request(webhook), slots: { order: '../../admin?x=1#' } },
      {
        baseUrl: 'https://shop.example/',
        fetch: async (u) => {
          seen = String(u);
          return new Response('{}');
        },
      },
    );
    expect(seen).toBe('https://shop.example/api/orders/..%2F..%2Fadmin%3Fx%3D1%23');
    expect(
      await runAction(
        request({ webhook: { ...webhook.webhook, url: 'https://other.example/x' } }),
        {
          baseUrl: 'https://shop.example/',
          fetch: answer('{}'),
        },
      ),
    ).toMatchObject({ ok: false, failure: 'forbidden' });
  });
});

describe('bot file: more hostile dialogue keys', () => {
  it('reports each with its path', () => {
    expect(issues((c) => (c.entities['Order no'] = { regex: 'x' }))).toEqual([
      'entities["Order no"]: entity name "Order no" must be lowercase letters, digits and "_" starting with a letter',
    ]);
    expect(issues((c) => (c.entities.order_number.flags = 'gx'))[0]).toMatch(
      /^entities\.order_number\.flags: must be regular expression flags/,
    );
    expect(issues((c) => (c.entities.order_number.semantic = true))).toEqual([
      'entities.order_number.semantic: applies to "values" entities only',
    ]);
    expect(
      issues(
        (c) => (c.entities.reason = { values: ['big', { value: 'large', synonyms: ['BIG'] }] }),
      ),
    ).toEqual([
      'entities.reason.values[1]: "BIG" is also used by entities.reason.values[0]; a word must name one value',
    ]);
    expect(
      issues(
        (c) => (c.entities.reason = { values: Array.from({ length: 201 }, (_, i) => `v${i}`) }),
      ),
    ).toEqual(['entities.reason.values: must have at most 200 items (got 201)']);
    expect(issues((c) => (c.entities.both = { regex: 'x', values: ['a'] }))).toEqual([
      'entities.both: must have exactly one of "regex" or "values"',
    ]);
    expect(issues((c) => (c.intents[0].slots[0].prompt = 'Number for {result.id}?'))).toEqual([
      'intents[0].slots[0].prompt: "{result.id}" is only available in the response of an intent with an action',
    ]);
    expect(
      issues(
        (c) =>
          (c.intents[0].action = {
            webhook: { url: '/x', allowedOrigins: ['https://a.example/path'] },
          }),
      )[0],
    ).toMatch(/^intents\[0\]\.action\.webhook\.allowedOrigins\[0\]: must be an origin/);
    expect(issues((c) => (c.intents[0].action.webhook = { url: '/x', timeout: 10 }))[0]).toBe(
      'intents[0].action.webhook.timeout: must be at least 100 (got 10)',
    );
    expect(
      issues((c) => {
        c.intents[0].slots = [];
        c.intents[0].confirm = 'Sure?';
      }),
    ).toEqual([
      'intents[0].confirm: needs slots to confirm',
      'intents[0].response: unknown placeholder "{order}"; use a slot name of this intent or {result.field}',
    ]);
  });
});

describe('giving up', () => {
  it('escalates instead of the fallback when the bot says so and escalation is on', () => {
    const config = parseBotConfig({
      ...base,
      dialogue: { maxTries: 1, onGiveUp: 'escalate' },
      escalation: { enabled: true, endpoint: '/api/support' },
    });
    const open = stepDialogue(
      config,
      { version: 1 },
      { text: 'where', reply: reply('order_status'), entities: {} },
    );
    const r = stepDialogue(config, open.state, { text: '??', reply: reply(), entities: {} });
    expect(r.replies[0]).toMatchObject({ kind: 'gave_up', escalate: true });
    expect(r.state.form).toBeUndefined();
  });
});

describe('answer and response', () => {
  it('answers a finished form with `answer`, and `response` stays the plain reply', () => {
    const config = parseBotConfig({
      ...base,
      intents: [
        {
          ...base.intents[0],
          response: 'See your orders page.',
          answer: 'Order {order}: {result.status}',
        },
      ],
    });
    expect(config.intents[0]!.response.text).toBe('See your orders page.');
    const open = stepDialogue(
      config,
      { version: 1 },
      {
        text: 'where',
        reply: reply('order_status'),
        entities: {
          order_number: [
            { value: 'AC-000001', text: 'AC-000001', start: 0, end: 9, how: 'pattern', score: 1 },
          ],
        },
      },
    );
    expect(open.action?.slots).toEqual({ order: 'AC-000001' });
    const done = resumeDialogue(config, open.state, {
      ok: true,
      result: { data: { status: 'shipped' } },
    });
    expect(done.replies[0]!.text).toBe('Order AC-000001: shipped');
  });
  it('rejects `answer` on an intent that is not a form, and checks its placeholders', () => {
    expect(
      issues((c) => {
        c.intents.push({ id: 'hi', examples: ['hi'], response: 'Hi', answer: 'Hello' });
      }),
    ).toEqual([
      'intents[1].answer: applies to forms only (an intent with slots or an action); use "response"',
    ]);
    expect(issues((c) => (c.intents[0].answer = 'Order {ordr}'))[0]).toMatch(
      /^intents\[0\]\.answer: unknown placeholder "\{ordr\}"/,
    );
  });
});

describe('normalised config', () => {
  it('is itself a valid bot file that normalises to the same (compiled indexes re-validate it)', () => {
    const once = parseBotConfig({
      ...base,
      entities: {
        ...base.entities,
        reason: { values: ['big', { value: 'small', synonyms: ['tiny'] }] },
      },
      intents: [
        {
          ...base.intents[0],
          answer: 'Order {order}: {result.status}',
          action: { webhook: { url: '/api/orders/{order}' }, onError: 'Sorry.' },
        },
      ],
    });
    expect(parseBotConfig(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
});
