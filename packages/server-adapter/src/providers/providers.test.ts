/**
 * Both providers at the HTTP level (msw intercepts fetch): what the adapter sends, and how every
 * kind of upstream behaviour reaches the visitor.
 */
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  type EscalationHandlerOptions,
} from '../create-escalation-handler.js';
import { deltaText, escalationRequest, parseSse } from '../testing/fixtures.js';
import { anthropic } from './anthropic.js';
import { azureOpenAI, openAICompatible } from './openai-compatible.js';

const OPENAI = 'https://llm.test/v1/chat/completions';
const ANTHROPIC = 'https://anthropic.test/v1/messages';
const KEY = 'sk-test-SECRET-0123456789';
const ORIGIN = 'https://shop.example';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const encoder = new TextEncoder();
/** An SSE body from raw frames, optionally breaking the connection after them. */
function sseBody(frames: string[], opts: { breakAfter?: boolean; gapMs?: number } = {}) {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const frame of frames) {
        if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
        controller.enqueue(encoder.encode(frame));
      }
      if (opts.breakAfter) {
        // Let the reader take the frames first: error() drops anything still queued.
        await new Promise((r) => setTimeout(r, 30));
        controller.error(new TypeError('socket hang up'));
      } else controller.close();
    },
  });
}
const sse = (body: ReadableStream<Uint8Array>) =>
  new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });

const openAIFrames = (words: string[]) => [
  ...words.map((w) => `data: ${JSON.stringify({ choices: [{ delta: { content: w } }] })}\n\n`),
  `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`,
  `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 120, completion_tokens: 7 } })}\n\n`,
  'data: [DONE]\n\n',
];
const anthropicFrames = (words: string[]) => [
  `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 95, output_tokens: 1 } } })}\n\n`,
  `event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`,
  'event: ping\ndata: {"type": "ping"}\n\n',
  ...words.map(
    (w) =>
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } })}\n\n`,
  ),
  `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`,
  `event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 6 } })}\n\n`,
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
];

function makeHandler(
  provider: 'openai' | 'anthropic',
  extra: Partial<EscalationHandlerOptions> = {},
) {
  const logs: string[] = [];
  const handler = createEscalationHandler({
    provider:
      provider === 'openai'
        ? openAICompatible({ baseURL: 'https://llm.test/v1', model: 'test-model', apiKey: KEY })
        : anthropic({ baseURL: 'https://anthropic.test', model: 'claude-test', apiKey: KEY }),
    allowedOrigins: [ORIGIN],
    rateLimit: false,
    upstream: { timeoutMs: 300, idleTimeoutMs: 300, retries: 2, backoffMs: 5, maxBackoffMs: 20 },
    logger: { warn: (m) => logs.push(m) },
    ...extra,
  });
  return { handler, logs };
}

const post = (body: unknown) =>
  new Request('https://support.example/api/support', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const cases = [
  {
    name: 'OpenAI-compatible',
    provider: 'openai' as const,
    url: OPENAI,
    frames: openAIFrames,
    garbage: 'data: {"choices": [{"delta": {"content": "Our "}}]}\n\ndata: {not json\n\n',
    usage: { inputTokens: 120, outputTokens: 7 },
  },
  {
    name: 'Anthropic Messages',
    provider: 'anthropic' as const,
    url: ANTHROPIC,
    frames: anthropicFrames,
    garbage: `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'Our ' } })}\n\nevent: content_block_delta\ndata: {oops\n\n`,
    usage: { inputTokens: 95, outputTokens: 6 },
  },
];

describe.each(cases)('$name provider', ({ provider, url, frames, garbage, usage }) => {
  it('streams the answer as delta events and a done event with usage; sends the key, grounding and redacted text', async () => {
    const seen: { headers: Headers; body: Record<string, unknown> }[] = [];
    server.use(
      http.post(url, async ({ request }) => {
        seen.push({
          headers: request.headers,
          body: (await request.json()) as Record<string, unknown>,
        });
        return sse(sseBody(frames(['Yes, ', 'every jacket ', 'is rated 20,000 mm.'])));
      }),
    );
    const { handler } = makeHandler(provider);
    const response = await handler(post(escalationRequest()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await response.text());
    expect(events.filter((e) => e.type === 'delta')).toHaveLength(3);
    expect(deltaText(events)).toBe('Yes, every jacket is rated 20,000 mm.');
    expect(events.at(-1)).toEqual({ type: 'done', usage, finishReason: 'stop' });

    expect(seen).toHaveLength(1);
    const sent = JSON.stringify(seen[0]!.body);
    expect(sent).not.toContain('jo@example.com');
    expect(sent).not.toContain('7946');
    expect(sent).toContain('Mail me at [email] or call [phone]');
    expect(sent).toContain('Yes: every jacket is rated 20,000 mm.');
    expect(seen[0]!.body.stream).toBe(true);
    if (provider === 'openai') {
      expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
      const messages = seen[0]!.body.messages as { role: string; content: string }[];
      expect(messages[0]!.role).toBe('system');
      expect(messages[0]!.content).toContain('Answer only from the FAQ entries');
    } else {
      expect(seen[0]!.headers.get('x-api-key')).toBe(KEY);
      expect(seen[0]!.headers.get('anthropic-version')).toBe('2023-06-01');
      expect(String(seen[0]!.body.system)).toContain('Never invent policies');
      // Anthropic needs user/assistant alternation starting with the user.
      const roles = (seen[0]!.body.messages as { role: string }[]).map((m) => m.role);
      expect(roles).toEqual(['user', 'assistant', 'user']);
    }
  });

  it('answers with one JSON body when stream is false', async () => {
    server.use(http.post(url, () => sse(sseBody(frames(['Yes.'])))));
    const { handler } = makeHandler(provider);
    const response = await handler(post(escalationRequest({ stream: false })));
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ text: 'Yes.', usage, finishReason: 'stop' });
  });

  it('turns a malformed stream into an UPSTREAM_INTERRUPTED error after the text already sent', async () => {
    server.use(http.post(url, () => sse(sseBody([garbage]))));
    const { handler, logs } = makeHandler(provider);
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Our ');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'UPSTREAM_INTERRUPTED',
      retryable: true,
    });
    expect(logs.join('\n')).toContain('interrupted');
  });

  it('reports a mid-stream disconnect as a retryable UPSTREAM_INTERRUPTED error', async () => {
    const partial = frames(['Our ', 'jackets ', 'are ']).slice(0, provider === 'openai' ? 2 : 5);
    server.use(http.post(url, () => sse(sseBody(partial, { breakAfter: true }))));
    const { handler } = makeHandler(provider);
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Our jackets ');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'UPSTREAM_INTERRUPTED',
      retryable: true,
    });
  });

  it('treats a stream that just ends (no terminal event) as interrupted, not as a complete answer', async () => {
    const partial = frames(['Our ', 'jackets ']).slice(0, provider === 'openai' ? 2 : 5);
    server.use(http.post(url, () => sse(sseBody(partial))));
    const { handler } = makeHandler(provider);
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'UPSTREAM_INTERRUPTED' });
  });

  it('times out a silent provider, retries, then answers with the fallback reply', async () => {
    let calls = 0;
    server.use(
      http.post(url, async () => {
        calls++;
        await delay(2_000);
        return sse(sseBody(frames(['late'])));
      }),
    );
    const { handler, logs } = makeHandler(provider);
    const started = Date.now();
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(1_900);
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'fallback' });
    expect(deltaText(events)).toContain("can't reach our assistant");
    expect(logs.filter((l) => l.includes('no answer within 300 ms'))).toHaveLength(3);
  });

  it('times out a stream that stalls after it started', async () => {
    server.use(
      http.post(url, () =>
        sse(
          new ReadableStream({
            start(c) {
              const all = frames(['Our ']);
              if (provider === 'anthropic') c.enqueue(encoder.encode(all[0]!));
              c.enqueue(encoder.encode(all[provider === 'openai' ? 0 : 3]!));
              // ...and then nothing, forever.
            },
          }),
        ),
      ),
    );
    const { handler } = makeHandler(provider);
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Our ');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'UPSTREAM_INTERRUPTED' });
  });

  it('retries a 5xx with backoff and then streams the answer', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        if (calls < 3)
          return HttpResponse.json({ error: { message: `overloaded ${KEY}` } }, { status: 503 });
        return sse(sseBody(frames(['Yes.'])));
      }),
    );
    const { handler, logs } = makeHandler(provider);
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(calls).toBe(3);
    expect(deltaText(events)).toBe('Yes.');
    expect(logs.filter((l) => l.includes('HTTP 503'))).toHaveLength(2);
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('does not retry a 4xx, falls back, and never shows the visitor the key or the upstream body', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return HttpResponse.json(
          { error: { message: `Incorrect API key provided: ${KEY}` } },
          { status: 401 },
        );
      }),
    );
    const { handler, logs } = makeHandler(provider);
    const text = await (await handler(post(escalationRequest()))).text();
    expect(calls).toBe(1);
    expect(parseSse(text).at(-1)).toMatchObject({ type: 'done', finishReason: 'fallback' });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('Incorrect API key');
    expect(logs.join('\n')).toContain('HTTP 401');
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('with fallbackReply false, a provider that stays down is a JSON 502 for stream: false', async () => {
    server.use(http.post(url, () => new HttpResponse('bad gateway', { status: 502 })));
    const { handler } = makeHandler(provider, { fallbackReply: false });
    const response = await handler(post(escalationRequest({ stream: false })));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error: { code: 'UPSTREAM_UNAVAILABLE', retryable: true },
    });
  });
});

describe('provider details', () => {
  it('network errors are retried like 5xx', async () => {
    let calls = 0;
    server.use(
      http.post(OPENAI, () => {
        calls++;
        return calls === 1 ? HttpResponse.error() : sse(sseBody(openAIFrames(['ok'])));
      }),
    );
    const { handler, logs } = makeHandler('openai');
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(calls).toBe(2);
    expect(deltaText(events)).toBe('ok');
    expect(logs.join('\n')).toContain('network error');
  });

  it('an upstream Retry-After longer than the backoff cap is not waited for', async () => {
    let calls = 0;
    server.use(
      http.post(OPENAI, () => {
        calls++;
        return new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '30' } });
      }),
    );
    const { handler } = makeHandler('openai');
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(calls).toBe(1);
    expect(events.at(-1)).toMatchObject({ finishReason: 'fallback' });
  });

  it('Azure OpenAI uses the deployment URL, api-version and the api-key header', async () => {
    let seen: Request | undefined;
    server.use(
      http.post(
        'https://acme.openai.azure.com/openai/deployments/gpt4o/chat/completions',
        ({ request }) => {
          seen = request;
          return sse(sseBody(openAIFrames(['Hi'])));
        },
      ),
    );
    const handler = createEscalationHandler({
      provider: azureOpenAI({
        endpoint: 'https://acme.openai.azure.com/',
        deployment: 'gpt4o',
        apiKey: KEY,
      }),
      allowedOrigins: [ORIGIN],
      logger: { warn() {} },
    });
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Hi');
    expect(new URL(seen!.url).searchParams.get('api-version')).toBe('2024-10-21');
    expect(seen!.headers.get('api-key')).toBe(KEY);
    expect(seen!.headers.get('authorization')).toBeNull();
  });

  it('an OpenAI-compatible server that closes after finish_reason without [DONE] still completes', async () => {
    server.use(http.post(OPENAI, () => sse(sseBody(openAIFrames(['Done.']).slice(0, 2)))));
    const { handler } = makeHandler('openai');
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('maps length limits to finishReason "length"', async () => {
    server.use(
      http.post(ANTHROPIC, () =>
        sse(sseBody(anthropicFrames(['Long']).map((f) => f.replace('"end_turn"', '"max_tokens"')))),
      ),
    );
    const { handler } = makeHandler('anthropic');
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'length' });
  });

  it('an Anthropic error event mid-stream ends the answer with an error', async () => {
    server.use(
      http.post(ANTHROPIC, () =>
        sse(
          sseBody([
            ...anthropicFrames(['Part ']).slice(0, 4),
            `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`,
          ]),
        ),
      ),
    );
    const { handler } = makeHandler('anthropic');
    const events = parseSse(await (await handler(post(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Part ');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'UPSTREAM_INTERRUPTED' });
  });
});
