/**
 * The handler's guard rails and grounding, called with Web `Request`s (as Next.js, Hono, Workers,
 * Deno and Bun do); the provider is mocked at the HTTP level with msw.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  type EscalationHandler,
  type EscalationHandlerOptions,
  type HandlerContext,
} from './create-escalation-handler.js';
import { createMemoryRateLimitStore } from './guards/token-bucket.js';
import { openAICompatible } from './providers/openai-compatible.js';
import { deltaText, escalationRequest, parseSse } from './testing/fixtures.js';

const UPSTREAM = 'https://llm.test/v1/chat/completions';
const ORIGIN = 'https://shop.example';
const server = setupServer();
let upstreamBodies: { messages: { role: string; content: string }[] }[] = [];
let answerWords = ['Yes, ', 'they are.'];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  upstreamBodies = [];
  answerWords = ['Yes, ', 'they are.'];
});
afterAll(() => server.close());

function upstreamOk() {
  server.use(
    http.post(UPSTREAM, async ({ request }) => {
      upstreamBodies.push((await request.json()) as (typeof upstreamBodies)[number]);
      const frames = [
        ...answerWords.map(
          (w) => `data: ${JSON.stringify({ choices: [{ delta: { content: w } }] })}\n\n`,
        ),
        `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`,
        'data: [DONE]\n\n',
      ];
      return new HttpResponse(frames.join(''), {
        headers: { 'content-type': 'text/event-stream' },
      });
    }),
  );
}

function makeHandler(extra: Partial<EscalationHandlerOptions> = {}) {
  const logs: string[] = [];
  const handler = createEscalationHandler({
    provider: openAICompatible({
      baseURL: 'https://llm.test/v1',
      model: 'm',
      apiKey: 'sk-abcdefghijkl',
    }),
    allowedOrigins: [ORIGIN, 'https://*.acme.example'],
    logger: { warn: (m) => logs.push(m) },
    ...extra,
  });
  return { handler, logs };
}

const req = (
  body: unknown,
  init: { origin?: string | null; headers?: Record<string, string>; method?: string } = {},
) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.origin !== null) headers.origin = init.origin ?? ORIGIN;
  return new Request('https://support.example/api/support', {
    method: init.method ?? 'POST',
    headers,
    ...(init.method === undefined || init.method === 'POST'
      ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
  });
};

describe('origin allow-list and CORS', () => {
  it('answers a preflight from an allowed origin (also by wildcard subdomain) and refuses others with 403', async () => {
    const { handler } = makeHandler();
    const preflight = (origin: string, headers = 'content-type') =>
      handler(
        new Request('https://support.example/api/support', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': headers,
          },
        }),
      );
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(ok.headers.get('vary')).toContain('Origin');
    expect((await preflight('https://eu.acme.example')).status).toBe(204);
    expect((await preflight('https://acme.example.evil.test')).status).toBe(403);
    expect((await preflight('https://evil.example')).status).toBe(403);
    expect((await preflight(ORIGIN, 'content-type, x-secret')).status).toBe(403);
  });

  it('refuses a POST from another origin, or with no origin, before doing any work', async () => {
    upstreamOk();
    const { handler } = makeHandler();
    const evil = await handler(req(escalationRequest(), { origin: 'https://evil.example' }));
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await handler(req(escalationRequest(), { origin: null }))).status).toBe(403);
    expect(upstreamBodies).toHaveLength(0);
    const serverToServer = makeHandler({ allowMissingOrigin: true }).handler;
    expect((await serverToServer(req(escalationRequest(), { origin: null }))).status).toBe(200);
  });

  it('puts CORS headers on errors too, so the page can read the error code', async () => {
    const { handler } = makeHandler();
    const response = await handler(req('{oops'));
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});

describe('request checks', () => {
  it.each([
    ['{not json', 400, 'INVALID_JSON', undefined],
    [JSON.stringify([1, 2]), 400, 'INVALID_REQUEST', ''],
    [JSON.stringify({ ...escalationRequest(), version: 2 }), 400, 'UNSUPPORTED_VERSION', 'version'],
    [
      JSON.stringify({ ...escalationRequest(), messages: [{ role: 'robot', text: 'hi' }] }),
      400,
      'INVALID_REQUEST',
      'messages[0].role',
    ],
    [
      JSON.stringify({
        ...escalationRequest(),
        messages: [{ role: 'user', text: 'x'.repeat(2001) }],
      }),
      422,
      'MESSAGE_TOO_LONG',
      'messages[0].text',
    ],
    [
      JSON.stringify({
        ...escalationRequest(),
        messages: Array.from({ length: 21 }, () => ({ role: 'user', text: 'hi' })),
      }),
      422,
      'TOO_MANY_MESSAGES',
      'messages',
    ],
    [JSON.stringify({ ...escalationRequest(), extra: true }), 400, 'INVALID_REQUEST', 'extra'],
  ])('%#: rejects a bad body with %i %s naming the field', async (body, status, code, field) => {
    const { handler } = makeHandler();
    const response = await handler(req(body));
    expect(response.status).toBe(status);
    const json = (await response.json()) as {
      error: { code: string; field?: string; message: string };
    };
    expect(json.error.code).toBe(code);
    expect(json.error.field).toBe(field);
    expect(json.error.message).toMatch(/^\[support-bot\] Failed to .*Please/);
  });

  it('rejects wrong content types (415) and methods (405)', async () => {
    const { handler } = makeHandler();
    const text = await handler(
      req(escalationRequest(), { headers: { 'content-type': 'text/plain' } }),
    );
    expect([text.status, ((await text.json()) as { error: { code: string } }).error.code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const get = await handler(req(undefined, { method: 'GET' }));
    expect(get.status).toBe(405);
  });

  it('counts body bytes as they arrive: a chunked body with no Content-Length is cut off at the limit', async () => {
    const { handler } = makeHandler({ maxBodyBytes: 1024 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(512).fill(32));
      },
    });
    const response = await handler(
      new Request('https://support.example/api/support', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'BODY_TOO_LARGE',
    );
    expect(pulled).toBeLessThan(10);
  });

  it('enforces configurable limits', async () => {
    const { handler } = makeHandler({ limits: { maxMessages: 2 } });
    const response = await handler(req(escalationRequest()));
    expect(response.status).toBe(422);
  });
});

describe('rate limit', () => {
  it('admits exactly the bucket per client, then 429 with Retry-After; other clients are unaffected', async () => {
    upstreamOk();
    let clock = 1_000_000;
    const { handler } = makeHandler({
      rateLimit: {
        capacity: 3,
        refillPerMinute: 6,
        store: createMemoryRateLimitStore({ now: () => clock }),
        key: (r) => r.headers.get('x-client') ?? undefined,
      },
    });
    const send = (client: string) =>
      handler(req(escalationRequest({ stream: false }), { headers: { 'x-client': client } }));
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => send('a').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const limited = await send('a');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await send('b')).status).toBe(200);
    clock += 10_000; // one token back
    expect((await send('a')).status).toBe(200);
    expect((await send('a')).status).toBe(429);
  });

  it('keys buckets by context.clientAddress, by the right-most untrusted X-Forwarded-For address only with trustProxy, and warns once when it has neither', async () => {
    upstreamOk();
    const ask = (handler: EscalationHandler, context?: HandlerContext, forwarded?: string) =>
      handler(
        req(escalationRequest({ stream: false }), {
          headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        }),
        context,
      ).then((r) => r.status);
    const byAddress = makeHandler({ rateLimit: { capacity: 1, refillPerMinute: 1 } });
    expect(await ask(byAddress.handler, { clientAddress: '198.51.100.1' })).toBe(200);
    expect(await ask(byAddress.handler, { clientAddress: '198.51.100.1' })).toBe(429);
    expect(await ask(byAddress.handler, { clientAddress: '198.51.100.2' })).toBe(200);
    // A visitor cannot pick a fresh bucket by forging X-Forwarded-For.
    expect(await ask(byAddress.handler, { clientAddress: '198.51.100.1' }, '203.0.113.9')).toBe(
      429,
    );
    expect(byAddress.logs.join('\n')).not.toContain('shared bucket');

    // One proxy in front (the platform's, address unknown): the right-most entry is the client;
    // entries the visitor wrote further left never pick a fresh bucket.
    const proxied = makeHandler({
      rateLimit: { capacity: 1, refillPerMinute: 1, trustProxy: 1 },
    });
    expect(await ask(proxied.handler, {}, '203.0.113.7')).toBe(200);
    expect(await ask(proxied.handler, {}, '198.51.100.50, 203.0.113.7')).toBe(429);
    expect(await ask(proxied.handler, {}, 'forged, 198.51.100.51, 203.0.113.7')).toBe(429);
    expect(await ask(proxied.handler, {}, '203.0.113.8')).toBe(200);
    // The same rule with the socket's address known (nginx on 10.0.0.1 in front).
    expect(await ask(proxied.handler, { clientAddress: '10.0.0.1' }, '1.1.1.1, 203.0.113.7')).toBe(
      429,
    );
    expect(await ask(proxied.handler, { clientAddress: '10.0.0.1' }, '203.0.113.9')).toBe(200);

    const shared = makeHandler({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
    expect(await ask(shared.handler)).toBe(200);
    expect(await ask(shared.handler, {}, '203.0.113.7')).toBe(200);
    expect(await ask(shared.handler, {}, '203.0.113.8')).toBe(429);
    expect(shared.logs.filter((l) => l.includes('one shared bucket'))).toHaveLength(1);
  });

  it('fails closed with 503 when the store is down (or open, when configured)', async () => {
    upstreamOk();
    const broken = { take: async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) };
    const closed = makeHandler({ rateLimit: { store: broken } });
    const response = await closed.handler(req(escalationRequest()));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'RATE_LIMIT_UNAVAILABLE',
    );
    const open = makeHandler({ rateLimit: { store: broken, onStoreError: 'allow' } });
    expect((await open.handler(req(escalationRequest()))).status).toBe(200);
  });
});

describe('grounding and privacy', () => {
  it('sends the LLM a grounded system prompt with the FAQ hits and the site prompt, and only redacted turns', async () => {
    upstreamOk();
    const { handler } = makeHandler({ systemPrompt: 'You work for Acme Outdoor.' });
    await (
      await handler(
        req(
          escalationRequest({
            messages: [
              {
                role: 'user',
                text: 'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, order 1234567812345678',
              },
            ],
          }),
        ),
      )
    ).text();
    const [system, user] = upstreamBodies[0]!.messages;
    expect(system!.content).toContain('"bot_name_shown_on_page": "Acme Outdoor"');
    expect(system!.content).toContain('You work for Acme Outdoor.');
    expect(system!.content).toContain('Answer only from the FAQ entries');
    expect(system!.content).toContain('say plainly that you do not know');
    expect(system!.content).toContain('Never invent policies');
    expect(system!.content).toContain('"id": "waterproof"');
    expect(system!.content).toContain('"url": "https://shop.example/faq#waterproof"');
    expect(system!.content).toContain('"answer": "Yes: every jacket is rated 20,000 mm."');
    expect(user!.content).toBe('Card [card], IBAN [iban], order 1234567812345678');
  });

  it("redacts on the server with the request's locale as the hint for bare national numbers", async () => {
    upstreamOk();
    const { handler } = makeHandler();
    const ask = async (locale: string) => {
      const before = upstreamBodies.length;
      await (
        await handler(
          req(
            escalationRequest({
              locale,
              messages: [{ role: 'user', text: 'ok 612345678 thanks' }],
            }),
          ),
        )
      ).text();
      return upstreamBodies[before]!.messages.at(-1)!.content;
    };
    expect(await ask('es-ES')).toBe('ok [phone] thanks');
    expect(await ask('en-US')).toBe('ok 612345678 thanks');
  });

  it('with a trusted FAQ, swaps in the real entries and drops made-up ones', async () => {
    upstreamOk();
    const { handler } = makeHandler({
      faq: [
        { id: 'waterproof', question: 'Waterproof?', answer: 'Rated 10,000 mm (real answer).' },
      ],
    });
    const body = escalationRequest({
      faq: [
        {
          id: 'waterproof',
          question: 'Waterproof?',
          answer: 'Free jackets for everyone!',
          score: 0.9,
        },
        { id: 'invented', question: 'Refunds?', answer: 'Refunds are 200%.', score: 0.8 },
      ],
    });
    await (await handler(req(body))).text();
    const system = upstreamBodies[0]!.messages[0]!.content;
    expect(system).toContain('Rated 10,000 mm (real answer).');
    expect(system).not.toContain('Free jackets');
    expect(system).not.toContain('200%');
  });

  it('without a provider, answers with the fallback reply and logs why once', async () => {
    const { handler, logs } = makeHandler({
      provider: undefined,
      fallbackReply: 'Please email us.',
    });
    const events = parseSse(await (await handler(req(escalationRequest()))).text());
    expect(deltaText(events)).toBe('Please email us.');
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'fallback' });
    await (await handler(req(escalationRequest()))).text();
    expect(logs.filter((l) => l.includes('no LLM provider is configured'))).toHaveLength(1);
  });
});

describe('handoff webhook', () => {
  const HOOK = 'https://helpdesk.test/hooks/support';

  it('calls the webhook when the visitor asks for a human, and tells the widget the ticket reference', async () => {
    upstreamOk();
    const hooks: { reason: string; messages: { text: string }[] }[] = [];
    server.use(
      http.post(HOOK, async ({ request }) => {
        hooks.push((await request.json()) as (typeof hooks)[number]);
        return HttpResponse.json({ id: 'T-1001' });
      }),
    );
    const { handler } = makeHandler({ handoff: { url: HOOK } });
    const body = escalationRequest({
      messages: [{ role: 'user', text: 'Can I talk to a real person? My email is jo@example.com' }],
      conversationId: 'c-42',
    });
    const events = parseSse(await (await handler(req(body))).text());
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      handoff: { reason: 'visitor', status: 'sent', reference: 'T-1001' },
    });
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.reason).toBe('visitor');
    expect(JSON.stringify(hooks[0])).not.toContain('jo@example.com');
  });

  it('calls it when the LLM ends with the handoff marker (even split across deltas), which the visitor never sees', async () => {
    upstreamOk();
    answerWords = ['I will pass you to a colleague. [[HAND', 'OFF]]'];
    let hookBody: { reason: string; messages: { role: string; text: string }[] } | undefined;
    server.use(
      http.post(HOOK, async ({ request }) => {
        hookBody = (await request.json()) as typeof hookBody;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { handler } = makeHandler({ handoff: { url: HOOK } });
    const events = parseSse(await (await handler(req(escalationRequest()))).text());
    expect(deltaText(events)).toBe('I will pass you to a colleague. ');
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      handoff: { reason: 'assistant', status: 'sent' },
    });
    expect(hookBody!.messages.at(-1)).toEqual({
      role: 'assistant',
      text: 'I will pass you to a colleague. ',
    });
    expect(upstreamBodies[0]!.messages[0]!.content).toContain('[[HANDOFF]]');
  });

  it('reports a failed webhook instead of failing the answer', async () => {
    upstreamOk();
    server.use(http.post(HOOK, () => new HttpResponse('down', { status: 500 })));
    const { handler } = makeHandler({ handoff: { url: HOOK } });
    const body = escalationRequest({
      messages: [{ role: 'user', text: 'I want to speak to an agent' }],
    });
    const events = parseSse(await (await handler(req(body))).text());
    expect(deltaText(events)).toBe('Yes, they are.');
    expect(events.at(-1)).toMatchObject({ handoff: { reason: 'visitor', status: 'failed' } });
  });
});

describe('client disconnect', () => {
  function hangingUpstream(state: { aborted: boolean }) {
    server.use(
      http.post(UPSTREAM, ({ request }) => {
        request.signal.addEventListener('abort', () => {
          state.aborted = true;
        });
        const enc = new TextEncoder();
        return new HttpResponse(
          new ReadableStream({
            start(c) {
              c.enqueue(
                enc.encode(
                  `data: ${JSON.stringify({ choices: [{ delta: { content: 'Hel' } }] })}\n\n`,
                ),
              );
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
  }
  const request = (signal?: AbortSignal) =>
    new Request('https://support.example/api/support', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest()),
      ...(signal && { signal }),
    });

  it('aborts the provider call when the request signal aborts mid-stream (Node bridge, Deno, Bun)', async () => {
    const state = { aborted: false };
    hangingUpstream(state);
    const { handler } = makeHandler();
    const controller = new AbortController();
    const response = await handler(request(controller.signal));
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"text":"Hel"');
    expect(state.aborted).toBe(false);
    controller.abort();
    await new Promise((r) => setTimeout(r, 50));
    expect(state.aborted).toBe(true);
  });

  it('aborts the provider call when the response body is cancelled (Workers, Hono)', async () => {
    const state = { aborted: false };
    hangingUpstream(state);
    const { handler } = makeHandler();
    const response = await handler(request());
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"text":"Hel"');
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(state.aborted).toBe(true);
  });
});
