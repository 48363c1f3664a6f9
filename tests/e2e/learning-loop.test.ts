/**
 * One round of learning from visitors, end to end: in real Chromium a visitor rates a wrong
 * answer down and asks something the store bot cannot answer, typing a card number, a phone
 * number and an e-mail address. The widget's reports reach the real feedback handler of
 * @support-bot/server-adapter, running as its own HTTP server on 127.0.0.1 behind the page's
 * origin, and land in its JSON-lines store redacted. `review` (the bot's own model) puts them
 * next to the right intent and proposes a new one, `apply` merges them, and the widget, loading
 * the updated bot, then answers both questions right.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applySuggestions,
  loadSupportBot,
  parseBotConfig,
  parseFeedbackLines,
  reviewFeedback,
} from '@support-bot/core';
import {
  createFeedbackHandler,
  createJsonLinesFeedbackStore,
  toNodeHandler,
} from '@support-bot/server-adapter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compiledBotIndex } from '../support/compiled-bot.js';
import { modelsDir, repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 600_000 });

// A question the store bot answers wrongly (payment_declined) on WASM. "where is my order, I paid
// with card ..." was one until the bot gained its forms (#13); it now gets order_status right.
const CARD_QUESTION = 'my card 4111 1111 1111 1111 was charged, where is my order';
// A topic the store bot has no intent or FAQ entry for (it falls back on any backend). Worded
// without "call me": review would (rightly, by the numbers) put "call [phone]" near contact_hours.
// "hiking clubs" was the topic until the off-topic knowledge (#18) lowered the store bot's fitted
// confidence threshold (0.33 -> 0.17): that wording is now answered with contact_hours at 0.23, a
// known regression recorded in docs/decisions/0002; "running clubs" is still rejected (0.20).
const NEW_TOPIC =
  'do you sponsor local running clubs? I run one, sam.lee@example.com, 415 555 0142';
const SPONSOR_ANSWER = 'Yes: local clubs can apply for gear sponsorship on our community page.';

let server: TestServer;
let browser: LaunchedBrowser;
let adapter: Server;
let dir: string;
let store: string;
let botText: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  dir = mkdtempSync(path.join(tmpdir(), 'support-bot-learning-'));
  store = path.join(dir, 'feedback.jsonl');
  const handler = createFeedbackHandler({
    allowedOrigins: [server.url.replace(/\/$/, '')],
    store: createJsonLinesFeedbackStore({ path: store }),
    logger: { warn: () => undefined },
  });
  adapter = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => adapter.listen(0, '127.0.0.1', resolve));
  const { port } = adapter.address() as { port: number };
  server.proxies.set('/api/feedback', `http://127.0.0.1:${port}/api/feedback`);

  const bot = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
  bot.feedback = { enabled: true, endpoint: '/api/feedback' };
  botText = JSON.stringify(bot, null, 2);
  server.bots.set('learning.json', botText);
  // The visitor's page runs on the compiled bot (the conversation is the point); the applied
  // bot.json in step 5 stays raw, as an owner would serve it right after `apply`.
  server.bots.set('learning.index', await compiledBotIndex(bot));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => adapter?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Reports in the store once `done` holds for them, polled (bounded). */
async function storedReports(done: (kinds: string[]) => boolean) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(store, 'utf8');
    } catch {}
    const reports = parseFeedbackLines(text, store);
    if (done(reports.map((r) => r.kind))) return { text, reports };
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for feedback; the store has: ${text || '(nothing)'}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('learning from visitors, end to end', () => {
  it('reports reach the adapter redacted; review and apply make the bot answer them', async () => {
    const { page, problems } = await newPage(browser.context);
    await page.goto(
      `${server.url}page.html?device=wasm&preload=open&persistence=none&bot=learning.index`,
    );

    // 1. The visitor gets a wrong answer and rates it down; then asks about a new topic.
    const wrong = await ask(page, CARD_QUESTION);
    expect(wrong.kind).toBe('intent');
    const answers = widget(page).locator('li.bot[data-kind]:not(.greeting)');
    await answers.last().locator('[part="feedback-button"]').nth(1).click();
    const unanswered = await ask(page, NEW_TOPIC);
    expect(unanswered.kind).toBe('fallback');

    // 2. Both land in the JSON-lines store, with the personal data redacted in the browser.
    const { text, reports } = await storedReports(
      (kinds) => kinds.includes('thumbs_down') && kinds.includes('unanswered'),
    );
    expect(text).not.toMatch(/4111|415 555|0142|sam\.lee|example\.com/);
    const down = reports.find((r) => r.kind === 'thumbs_down')!;
    expect(down.text).toBe('my card [card] was charged, where is my order');
    expect(down.reply?.kind).toBe('intent');
    const missed = reports.find((r) => r.kind === 'unanswered')!;
    expect(missed.text).toContain('[phone]');
    expect(missed.text).toContain('[email]');
    expect(missed.bot).toEqual({ name: 'Acme Outfitters', language: 'en' });
    expect(problems.errors).toEqual([]);
    await page.close();

    // 3. Review with the bot's own model: the rated-down question goes to the right intent (not
    //    the answer the visitor rejected), the new topic becomes a draft intent.
    const bot = await loadSupportBot({ config: botText, modelBaseUrl: modelsDir() });
    const file = await reviewFeedback(bot, reports, 'learning.json');
    await bot.dispose();
    const order = file.suggestions.find(
      (s) => s.action === 'add-examples' && s.examples.includes(down.text),
    );
    expect(order).toMatchObject({ intent: 'order_status', accept: true });
    expect(order?.rejected).toEqual([`intent:${down.reply!.id}`]);
    const draft = file.suggestions.find(
      (s) => s.action === 'new-intent' && s.intent.examples.includes(missed.text),
    );
    if (draft?.action !== 'new-intent')
      throw new Error(
        `no new-intent suggestion for the new topic; review said: ${JSON.stringify(file.suggestions, null, 2)}`,
      );

    // 4. The owner names the new intent, writes its answer, accepts; apply merges and validates.
    draft.accept = true;
    draft.intent.id = 'club_sponsorship';
    draft.intent.examples.push(
      'does Acme sponsor outdoor clubs',
      'can our climbing club get sponsored by you',
    );
    draft.intent.response = SPONSOR_ANSWER;
    const applied = applySuggestions(botText, file, 'learning.json');
    expect(() => parseBotConfig(applied.text)).not.toThrow();
    server.bots.set('learning-after.json', applied.text);

    // 5. The widget with the updated bot answers both questions right.
    const after = await newPage(browser.context);
    await after.page.goto(
      `${server.url}page.html?device=wasm&preload=open&persistence=none&bot=learning-after.json`,
    );
    // The new topic first: order_status is a form since #13, and a question asked while it waits
    // for the order number is answered and followed by its prompt again.
    const learned = await ask(after.page, NEW_TOPIC);
    expect(learned).toEqual({ kind: 'intent', text: SPONSOR_ANSWER });
    const fixed = await ask(after.page, CARD_QUESTION);
    expect(fixed.kind).toBe('intent');
    // order_status asks for the order number first.
    expect(fixed.text).toMatch(/your orders page|your order number/);
    expect(after.problems.errors).toEqual([]);
    await after.page.close();
  });
});
