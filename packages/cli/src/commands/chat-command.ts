import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { isSupportBotError } from '@support-bot/core';
import { createConversation } from '@support-bot/core/dialogue';
import { MODEL_OPTIONS, openBot, readBotFile, usage } from './shared.js';

export const CHAT_HELP = `support-bot chat <bot.json|bot.index> [--model <id>] [--models <dir|url>] [--base-url <url>]

Talk to a bot in the terminal. Each answer shows how it was chosen (intent or FAQ, confidence,
similarity, time), which helps when tuning examples and thresholds. Forms (intents with slots)
ask for their details; their webhooks are called against --base-url (e.g. the example server,
http://127.0.0.1:8080/), and handler actions, which a page provides, answer with their onError
reply here. Ctrl+D quits.`;

export async function chatCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MODEL_OPTIONS, 'base-url': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw usage('chat needs a bot file');
  const bot = await openBot(await readBotFile(file), file, values);
  const baseUrl = values['base-url'];
  const conversation = createConversation({ bot, ...(baseUrl && { baseUrl }) });
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  if (bot.config.greeting) process.stdout.write(`bot> ${bot.config.greeting}\n`);
  try {
    for await (const line of rl) {
      if (!line.trim()) continue;
      try {
        const turn = await conversation.send(line);
        const r = turn.understanding.reply;
        if (turn.replies[0]?.reply !== r) {
          // The dialogue answered (a prompt, a confirmation, an action's result).
          for (const reply of turn.replies) {
            process.stdout.write(`bot> ${reply.text}\n`);
            for (const q of reply.quickReplies) process.stdout.write(`     [${q.label}]\n`);
          }
          const action = turn.action
            ? `; action ${turn.action.request.intent}: ${turn.action.outcome.ok ? 'ok' : turn.action.outcome.message}`
            : '';
          process.stdout.write(
            `     (form ${turn.replies.at(-1)?.intent ?? '—'}, ${turn.replies.at(-1)?.kind ?? 'no reply'}${action})\n`,
          );
          continue;
        }
        const why =
          r.kind === 'intent'
            ? `intent ${r.intent!.id}, confidence ${r.confidence.toFixed(2)}, similarity ${r.intent!.similarity.toFixed(2)}`
            : r.kind === 'faq'
              ? `faq ${r.faq!.id}, similarity ${r.faq!.similarity.toFixed(2)}`
              : `${r.kind}; best intent ${r.candidates.intents[0]?.id ?? '—'} (${r.candidates.intents[0]?.confidence.toFixed(2) ?? '—'}), best FAQ ${r.candidates.faq[0]?.id ?? '—'}`;
        process.stdout.write(`bot> ${r.text}\n`);
        for (const q of r.quickReplies) process.stdout.write(`     [${q.label}]\n`);
        process.stdout.write(
          `     (${why}; ${r.timings.total.toFixed(1)} ms${r.degraded ? '; lexical only' : ''})\n`,
        );
      } catch (error) {
        if (!isSupportBotError(error)) throw error;
        process.stdout.write(`bot! ${error.message}\n`);
      }
    }
  } finally {
    rl.close();
    await bot.dispose();
  }
  return 0;
}
