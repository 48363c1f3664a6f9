/**
 * `pnpm --filter @support-bot/bench dialogue`: slot-filling accuracy of the store bots on the
 * held-out conversations in examples/conversations-eval (written apart from the bots), per turn
 * and per conversation (a turn is right when every slot is right; a conversation when every turn
 * is), and the latency the dialogue adds per turn over a plain `bot.reply()` on the same message
 * (p50 and p90 of the per-turn difference of medians over 5 runs from the same state; fixtures
 * answer the actions, so no network is timed).
 *   --only en|zh     one language (default both)
 *   --verbose        print every wrong turn
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSupportBot } from '@support-bot/core';
import { createConversation } from '@support-bot/core/dialogue';
import {
  answerFromFixtures,
  parseConversationScript,
} from '../../packages/cli/src/conversation-script.js';
import { REPO } from './datasets.js';
import { pct, printTable, quantileOf } from './table.js';

const { values } = parseArgs({
  options: { only: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
const models = process.env.SUPPORT_BOT_MODELS ?? path.resolve(REPO, '../shared/models');
const SETS = [
  {
    lang: 'en',
    bot: 'examples/bots/acme-store.json',
    set: 'examples/conversations-eval/acme-store.en.yaml',
    model: 'Xenova/all-MiniLM-L6-v2',
  },
  {
    lang: 'zh',
    bot: 'examples/bots/acme-store.zh.json',
    set: 'examples/conversations-eval/acme-store.zh.yaml',
    model: 'Xenova/bge-small-zh-v1.5',
  },
].filter((s) => !values.only || s.lang === values.only);

const rows: (string | number)[][] = [];
async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}
for (const spec of SETS) {
  const bot = createSupportBot({
    config: readFileSync(path.join(REPO, spec.bot), 'utf8'),
    modelBaseUrl: `${models}/`,
    device: 'cpu',
  });
  await bot.ready;
  const script = parseConversationScript(readFileSync(path.join(REPO, spec.set), 'utf8'), spec.set);
  const now = new Date(script.now!);
  // Warm up both paths (chrono-node's lazy import, the values' embeddings).
  await createConversation({ bot, now: () => now }).send(script.conversations[0]!.turns[0]!.user);
  let turns = 0;
  let turnsRight = 0;
  let conversationsRight = 0;
  const dialogueMs: number[] = [];
  const replyMs: number[] = [];
  const addedMs: number[] = [];
  for (const c of script.conversations) {
    const conversation = createConversation({
      bot,
      now: () => now,
      runAction: async (request) => answerFromFixtures(script.actions, request),
    });
    let allRight = true;
    for (const [i, turn] of c.turns.entries()) {
      // Each turn is timed 5 times from the same state, alternating which path runs first; the
      // medians are kept, so a busy neighbour on the machine does not decide the figure.
      const before = conversation.state;
      const d: number[] = [];
      const p: number[] = [];
      for (let k = 0; k < 5; k++) {
        const replay = createConversation({
          bot,
          state: before,
          now: () => now,
          runAction: async (request) => answerFromFixtures(script.actions, request),
        });
        if (k % 2 === 0) p.push(await timed(() => bot.reply(turn.user)));
        d.push(await timed(() => replay.send(turn.user)));
        if (k % 2 === 1) p.push(await timed(() => bot.reply(turn.user)));
      }
      const dialogue = quantileOf(d, 0.5);
      const plain = quantileOf(p, 0.5);
      const result = await conversation.send(turn.user);
      dialogueMs.push(dialogue);
      replyMs.push(plain);
      addedMs.push(dialogue - plain);
      if (!turn.slots) continue;
      const got: Record<string, string | number> = result.action
        ? result.action.request.slots
        : Object.fromEntries(
            Object.entries(conversation.state.form?.slots ?? {}).map(([k, v]) => [k, v.value]),
          );
      const want = turn.slots;
      const right =
        Object.keys(got).length === Object.keys(want).length &&
        Object.entries(want).every(([k, v]) => String(got[k]) === String(v));
      turns++;
      if (right) turnsRight++;
      else {
        allRight = false;
        if (values.verbose)
          process.stdout.write(
            `  ${c.name} turn ${i + 1} ${JSON.stringify(turn.user)}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}\n`,
          );
      }
    }
    if (allRight) conversationsRight++;
  }
  rows.push([
    spec.lang,
    spec.model,
    `${conversationsRight}/${script.conversations.length} (${pct(conversationsRight / script.conversations.length, 1)}%)`,
    `${turnsRight}/${turns} (${pct(turnsRight / turns, 1)}%)`,
    quantileOf(replyMs, 0.5).toFixed(2),
    quantileOf(dialogueMs, 0.5).toFixed(2),
    quantileOf(addedMs, 0.5).toFixed(2),
    quantileOf(addedMs, 0.9).toFixed(2),
  ]);
  await bot.dispose();
}
printTable(
  'Slot filling on held-out conversations (examples/conversations-eval)',
  [
    'language',
    'model',
    'conversations all right',
    'turns all slots right',
    'bot.reply p50 ms',
    'dialogue turn p50 ms',
    'added p50 ms',
    'added p90 ms',
  ],
  rows,
);
