import { parseArgs } from 'node:util';
import { parseBotConfig } from '@support-bot/core';
import { readBotFile, usage } from './shared.js';

export const VALIDATE_HELP = `support-bot validate <bot.json>

Checks a bot file against the schema and the cross-field rules. Prints every problem with its
JSON path and line:column, and exits 1 when there is any.`;

export async function validateCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file) throw usage('validate needs a bot file');
  const config = parseBotConfig(new TextDecoder().decode(await readBotFile(file)), {
    source: file,
  });
  const examples = config.intents.reduce((n, i) => n + i.examples.length, 0);
  process.stdout.write(
    `${file}: OK — "${config.name}" (${config.language}), ${config.intents.length} intents, ${examples} examples, ${config.faq.length} FAQ entries\n`,
  );
  return 0;
}
