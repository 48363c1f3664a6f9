import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { isSupportBotError } from '@support-bot/core';
import { MODEL_OPTIONS, openBot, readBotFile, usage } from './shared.js';

export const CHAT_HELP = `support-bot chat <bot.json|bot.index> [--model <id>] [--models <dir|url>]

Talk to a bot in the terminal. Each answer shows how it was chosen (intent or FAQ, confidence,
similarity, time), which helps when tuning examples and thresholds. Ctrl+D quits.`;

export async function chatCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MODEL_OPTIONS },
  });
  const file = positionals[0];
  if (!file) throw usage('chat needs a bot file');
  const bot = await openBot(await readBotFile(file), file, values);
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
        const r = await bot.reply(line);
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
