import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { encodeBotIndex } from '@support-bot/core';
import { MODEL_OPTIONS, openBot, readBotFile, usage } from './shared.js';

export const BUILD_HELP = `support-bot build <bot.json> -o <bot.index> [--model <id>] [--models <dir|url>]

Embeds every intent example and FAQ phrasing once, trains the intent head, fits the thresholds,
and writes a compact index (int8 vectors + head) that the widget loads instead of bot.json, so a
visitor's browser embeds nothing at start-up.

  -o, --out <file>     where to write the index (default: <bot>.index)
  --model <id>         encoder (default: the bot's "model", else by language)
  --models <dir|url>   where model folders are (default: $SUPPORT_BOT_MODELS, else the Hub)`;

export async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, ...MODEL_OPTIONS },
  });
  const file = positionals[0];
  if (!file) throw usage('build needs a bot file');
  const out = values.out ?? `${file.replace(/\.json$/i, '')}.index`;
  const started = performance.now();
  const bot = await openBot(await readBotFile(file), file, values);
  try {
    const bytes = encodeBotIndex(await bot.toIndex());
    await writeFile(out, bytes);
    const info = bot.info!;
    process.stderr.write(
      `wrote ${out}: ${(bytes.byteLength / 1024).toFixed(1)} KiB for ${info.intents} intents and ${info.faq} FAQ entries (${info.modelId}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n` +
        `thresholds: intent confidence >= ${info.thresholds.intent.toFixed(3)}, example similarity >= ${info.thresholds.similarity.toFixed(3)}${info.thresholdsFitted ? ' (fitted by cross-validation)' : ' (defaults: too few examples to fit)'}, FAQ similarity >= ${info.thresholds.faq.toFixed(3)}\n`,
    );
  } finally {
    await bot.dispose();
  }
  return 0;
}
