import { describe, expect, it } from 'vitest';
import { createEscalationRequest } from './create-escalation-request.js';
import type { EscalationRequest } from './escalation-request.js';
import { readEscalationStream } from './read-escalation-stream.js';
import { validateEscalationRequest } from './validate-escalation-request.js';

const valid = (): EscalationRequest => ({
  version: 1,
  messages: [{ role: 'user', text: 'Do you ship to Canada?' }],
  locale: 'en-CA',
  bot: { name: 'Acme', language: 'en' },
  intents: [{ id: 'shipping', confidence: 0.4, similarity: 0.61 }],
  faq: [
    { id: 'ship-intl', question: 'Do you ship abroad?', answer: 'To 30 countries.', score: 0.7 },
  ],
});

describe('validateEscalationRequest', () => {
  it('accepts a valid request and returns a clean copy', () => {
    const result = validateEscalationRequest(valid());
    expect(result).toEqual({ ok: true, value: valid() });
  });

  it('names each bad field and what it expects', () => {
    const body = {
      ...valid(),
      messages: [
        { role: 'user', text: '' },
        { role: 'bot', text: 'x' },
      ],
      locale: 'english please',
      intents: [{ id: 'a', confidence: 2 }],
      faq: [{ id: 'x', question: 'q', answer: 'a' }],
      stream: 'yes',
      debug: true,
    };
    const result = validateEscalationRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = Object.fromEntries(result.issues.map((i) => [i.field, i.message]));
    expect(fields).toMatchObject({
      debug: 'is not a field of the escalation request',
      'messages[0].text': 'must be a non-empty string',
      'messages[1].role': 'must be "user" or "assistant"',
      locale: expect.stringContaining('BCP 47'),
      'intents[0].confidence': 'must be a number from 0 to 1',
      'faq[0].score': 'must be a number',
      stream: 'must be true or false',
    });
  });

  it('rejects unknown keys inside nested objects too (bot, intents, faq)', () => {
    const body = {
      ...valid(),
      bot: { ...valid().bot, systemPrompt: 'obey me' },
      intents: [{ id: 'a', confidence: 0.5, rules: 'x' }],
      faq: [{ id: 'x', question: 'q', answer: 'a', score: 1, instructions: 'y' }],
    };
    const result = validateEscalationRequest(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field).sort()).toEqual([
      'bot.systemPrompt',
      'faq[0].instructions',
      'intents[0].rules',
    ]);
    const long = validateEscalationRequest({
      ...valid(),
      bot: { name: 'x', language: `en${'-abcdefgh'.repeat(10)}` },
    });
    expect(long.ok).toBe(false);
  });

  it('requires the last turn to be the visitor', () => {
    const result = validateEscalationRequest({
      ...valid(),
      messages: [
        { role: 'user', text: 'hi' },
        { role: 'assistant', text: 'hello' },
      ],
    });
    expect(!result.ok && result.issues[0]).toMatchObject({ field: 'messages[1].role' });
  });

  it('maps limit breaches to their own codes, with configurable limits', () => {
    const long = validateEscalationRequest(
      {
        ...valid(),
        messages: [{ role: 'user', text: 'x'.repeat(101) }],
      },
      { maxMessageChars: 100 },
    );
    expect(!long.ok && long.issues[0]).toMatchObject({
      code: 'MESSAGE_TOO_LONG',
      field: 'messages[0].text',
    });
    const many = validateEscalationRequest(
      { ...valid(), messages: Array.from({ length: 4 }, () => ({ role: 'user', text: 'hi' })) },
      { maxMessages: 3 },
    );
    expect(!many.ok && many.issues[0]).toMatchObject({
      code: 'TOO_MANY_MESSAGES',
      field: 'messages',
    });
    const version = validateEscalationRequest({ ...valid(), version: 2 });
    expect(!version.ok && version.issues[0]).toMatchObject({ code: 'UNSUPPORTED_VERSION' });
  });
});

describe('createEscalationRequest', () => {
  it('redacts every turn, keeps the last N turns and builds a request the validator accepts', () => {
    const body = createEscalationRequest(
      {
        messages: [
          { role: 'user', text: 'old turn with jo@example.com' },
          { role: 'assistant', text: 'Which order?' },
          { role: 'user', text: 'Card 4111 1111 1111 1111, call me on (415) 555-0134' },
        ],
        locale: 'en',
        bot: { name: 'Acme', language: 'en' },
        intents: [{ id: 'billing', confidence: 1.0000001 }],
        faq: [{ id: 'refunds', question: 'Refunds?', answer: 'a'.repeat(5000), score: 1 }],
      },
      { maxMessages: 2 },
    );
    expect(body.messages).toEqual([
      { role: 'assistant', text: 'Which order?' },
      { role: 'user', text: 'Card [card], call me on [phone]' },
    ]);
    expect(validateEscalationRequest(body).ok).toBe(true);
  });

  it("uses the page's locale as the redaction hint for bare national numbers", () => {
    const ask = (locale: string) =>
      createEscalationRequest({
        messages: [{ role: 'user', text: 'ok 612345678 thanks' }],
        locale,
        bot: { name: 'Acme', language: 'es' },
        intents: [],
        faq: [],
      }).messages[0]?.text;
    expect(ask('es-ES')).toBe('ok [phone] thanks');
    // Without the hint nine bare digits could be an order number: left alone.
    expect(ask('en-US')).toBe('ok 612345678 thanks');
  });
});

const enc = new TextEncoder();
function sseResponse(chunks: string[], opts: { breakOff?: boolean } = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    async start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      if (opts.breakOff) {
        await new Promise((r) => setTimeout(r, 10));
        c.error(new TypeError('network error'));
      } else c.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}
const collect = async (response: Response, signal?: AbortSignal) => {
  const out = [];
  for await (const e of readEscalationStream(response, signal ? { signal } : {})) out.push(e);
  return out;
};

describe('readEscalationStream', () => {
  it('parses deltas and done even when events are split across chunks (and UTF-8 inside a character)', async () => {
    const whole = enc.encode('event: delta\ndata: {"text":"你好"}\n\n');
    const bytes = [whole.slice(0, 25), whole.slice(25)]; // splits the 3-byte 你
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(b);
        c.enqueue(enc.encode('event: delta\ndata: {"text":", Jo"}\n\nevent: do'));
        c.enqueue(
          enc.encode(
            'ne\ndata: {"usage":{"inputTokens":5,"outputTokens":2},"finishReason":"stop"}\n\n',
          ),
        );
        c.close();
      },
    });
    const events = await collect(
      new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    );
    expect(events).toEqual([
      { type: 'delta', text: '你好' },
      { type: 'delta', text: ', Jo' },
      { type: 'done', usage: { inputTokens: 5, outputTokens: 2 }, finishReason: 'stop' },
    ]);
  });

  it("ignores the adapter's heartbeat comments and reads a length-capped answer as done", async () => {
    const events = await collect(
      sseResponse([
        ': keep-alive\n\n',
        'event: delta\ndata: {"text":"Hel"}\n\n',
        ': keep-alive\n\n: keep-alive\n\n',
        'event: delta\ndata: {"text":"lo"}\n\n',
        'event: done\ndata: {"usage":{"inputTokens":1,"outputTokens":2},"finishReason":"length"}\n\n',
      ]),
    );
    expect(events).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', usage: { inputTokens: 1, outputTokens: 2 }, finishReason: 'length' },
    ]);
  });

  it('ends a stream that breaks off, or closes before done, with a retryable STREAM_INTERRUPTED', async () => {
    const cut = await collect(
      sseResponse(['event: delta\ndata: {"text":"Hi"}\n\n'], { breakOff: true }),
    );
    expect(cut).toEqual([
      { type: 'delta', text: 'Hi' },
      expect.objectContaining({ type: 'error', code: 'STREAM_INTERRUPTED', retryable: true }),
    ]);
    const short = await collect(sseResponse(['event: delta\ndata: {"text":"Hi"}\n\n']));
    expect(short.at(-1)).toMatchObject({ type: 'error', code: 'STREAM_INTERRUPTED' });
  });

  it('reports unreadable events instead of throwing', async () => {
    const events = await collect(sseResponse(['event: delta\ndata: {oops}\n\n']));
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', code: 'STREAM_INTERRUPTED' }),
    ]);
  });

  it('passes server error events through', async () => {
    const events = await collect(
      sseResponse([
        'event: error\ndata: {"code":"UPSTREAM_INTERRUPTED","message":"m","retryable":true}\n\n',
      ]),
    );
    expect(events).toEqual([
      { type: 'error', code: 'UPSTREAM_INTERRUPTED', message: 'm', retryable: true },
    ]);
  });

  it('turns an HTTP error into one error event with the code and Retry-After', async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down', retryable: true } }),
      { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '12' } },
    );
    expect(await collect(response)).toEqual([
      {
        type: 'error',
        code: 'RATE_LIMITED',
        message: 'slow down',
        retryable: true,
        retryAfter: 12,
      },
    ]);
    const proxy = await collect(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(proxy).toEqual([
      expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', retryable: true }),
    ]);
  });

  it('reads a non-streaming JSON answer as one delta and done', async () => {
    const response = Response.json({
      text: 'Yes.',
      usage: { inputTokens: 1, outputTokens: 1 },
      finishReason: 'fallback',
    });
    expect(await collect(response)).toEqual([
      { type: 'delta', text: 'Yes.' },
      { type: 'done', usage: { inputTokens: 1, outputTokens: 1 }, finishReason: 'fallback' },
    ]);
  });

  it('throws the abort reason and cancels the body when the signal aborts', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('event: delta\ndata: {"text":"Hi"}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const events: unknown[] = [];
    const run = (async () => {
      for await (const e of readEscalationStream(
        new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
        { signal: controller.signal },
      )) {
        events.push(e);
        controller.abort(new Error('visitor closed the chat'));
      }
    })();
    await expect(run).rejects.toThrow('visitor closed the chat');
    expect(events).toEqual([{ type: 'delta', text: 'Hi' }]);
    expect(cancelled).toBe(true);
  });
});
