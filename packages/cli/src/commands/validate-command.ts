import { parseArgs } from 'node:util';
import { isSupportBotError, parseBotConfig } from '@support-bot/core';
import { readBotFile, usage } from './shared.js';

export const VALIDATE_HELP = `support-bot validate <bot.json> [more.json ...]

Checks each bot file against the schema and the cross-field rules. Prints every problem with its
JSON path and line:column (the first 50 per file, then how many more), goes on to the next file,
and exits 1 when any file has a problem.`;

export async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw usage('validate needs a bot file');
  let failed = 0;
  for (const file of positionals) {
    try {
      const config = parseBotConfig(new TextDecoder().decode(await readBotFile(file)), {
        source: file,
      });
      const examples = config.intents.reduce((n, i) => n + i.examples.length, 0);
      process.stdout.write(
        `${file}: OK — "${config.name}" (${config.language}), ${config.intents.length} intents, ${examples} examples, ${config.faq.length} FAQ entries\n`,
      );
    } catch (error) {
      if (!isSupportBotError(error)) throw error;
      failed++;
      process.stderr.write(`${error.message}\n`);
    }
  }
  if (positionals.length > 1 && failed > 0)
    process.stderr.write(`[support-bot] ${failed} of ${positionals.length} files failed.\n`);
  return failed > 0 ? 1 : 0;
}
