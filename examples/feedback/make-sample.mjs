#!/usr/bin/env node
/**
 * Writes acme-store.feedback.jsonl: what the adapter's JSON-lines store holds after a few days of
 * visitors on the store bot with feedback reporting on. Each visitor question is answered by the
 * real bot (real model), and reported the way the widget reports it — thumbs down on a wrong
 * answer, fallbacks as "unanswered", weak intent answers as "low_confidence" — through
 * createFeedbackReport, which redacts personal data. The questions are not in acme-store.eval.csv.
 *
 * Usage: node examples/feedback/make-sample.mjs   (needs `pnpm run build`; models from
 *        $SUPPORT_BOT_MODELS, default ../shared/models)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The built core (this folder is not a package of the workspace).
import { createSupportBot } from '../../packages/core/dist/index.js';
import { createFeedbackReport } from '../../packages/core/dist/protocol/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const models = process.env.SUPPORT_BOT_MODELS ?? path.resolve(repo, '../shared/models');

/**
 * [visitor question, the answer the visitor wanted: `intent:<id>`, `faq:<id>`, or `null` when the
 * bot has nothing for it]. In this sample every visitor rates the answer: thumbs up when it is
 * the one they wanted, thumbs down otherwise.
 */
const VISITORS = [
  ['is there a pay later option at checkout', 'faq:klarna'],
  ['can I use afterpay', 'faq:klarna'],
  ['can I spread the cost of a tent over a few months?', 'faq:klarna'],
  ['my boots are on sale now but I paid full price on Tuesday', 'faq:price_drop'],
  ['it got cheaper two days after I ordered, can you refund the difference', 'faq:price_drop'],
  ["I'd like my customer profile erased, email is sam.lee@example.com", 'intent:delete_account'],
  ['can I book a personal shopping appointment?', null],
  ['do you offer one-to-one styling sessions in store', null],
  ['can someone help me pick hiking gear in person, my number is 415 555 0142', null],
  ['I want to change my phone number on my account to 07700 900123', 'intent:update_account'],
  ['where is my order, I paid with card 4111 1111 1111 1111', 'intent:order_status'],
  ['what are your opening hours', 'intent:contact_hours'],
];

const botFile = path.join(repo, 'examples/bots/acme-store.json');
const bot = createSupportBot({
  config: readFileSync(botFile, 'utf8'),
  source: botFile,
  modelBaseUrl: models,
});
await bot.ready;
const lines = [];
let day = 0;
for (const [text, wanted] of VISITORS) {
  const reply = await bot.reply(text);
  const at = new Date(Date.UTC(2026, 10, 16 + (day++ % 6), 9 + day, 0, 0));
  const base = {
    text,
    reply,
    bot: { name: 'Acme Outfitters', language: 'en' },
    locale: 'en-GB',
    at,
  };
  const kinds = [];
  if (reply.kind === 'fallback') kinds.push('unanswered');
  else if (reply.kind === 'escalate') kinds.push('escalated');
  else if (reply.kind === 'intent' && reply.confidence < 0.6) kinds.push('low_confidence');
  const got =
    reply.kind === 'intent'
      ? `intent:${reply.intent.id}`
      : reply.kind === 'faq'
        ? `faq:${reply.faq.id}`
        : null;
  // A fallback has no answer to rate; its report is "unanswered".
  if (reply.kind !== 'fallback') kinds.push(got === wanted ? 'thumbs_up' : 'thumbs_down');
  for (const kind of kinds) lines.push(JSON.stringify(createFeedbackReport({ ...base, kind })));
  process.stderr.write(
    `${kinds.join('+').padEnd(26)} ${reply.kind}${reply.intent ? `:${reply.intent.id}` : reply.faq ? `:${reply.faq.id}` : ''}  ${text}\n`,
  );
}
await bot.dispose();
writeFileSync(path.join(here, 'acme-store.feedback.jsonl'), `${lines.join('\n')}\n`);
process.stderr.write(
  `wrote ${lines.length} reports to examples/feedback/acme-store.feedback.jsonl\n`,
);
