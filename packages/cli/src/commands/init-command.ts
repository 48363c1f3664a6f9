import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ErrorCode, parseBotConfig, SupportBotError } from '@support-bot/core';
import { STARTER_BOTS } from '../templates/starter-bots.js';
import { usage } from './shared.js';

const KINDS = ['shop', 'clinic', 'saas'] as const;
const LANGUAGES = ['en', 'zh'] as const;

export const INIT_HELP = `support-bot init [dir] --kind <shop|clinic|saas> [--lang <en|zh>] [--force]

Writes a starter bot for a kind of site into dir (default: the current directory):
  bot.json        intents with varied examples, replies to edit, and outOfScope questions
  bot.eval.csv    held-out messages labelled with intent ids, "faq:<id>" or "oos" (off-topic)
Then: support-bot validate bot.json, support-bot eval bot.json --test bot.eval.csv.

  --kind <kind>    shop (orders, returns, shipping), clinic (appointments, prices, emergencies)
                   or saas (accounts, billing, plans, teammates)
  --lang <lang>    en (default) or zh
  --force          overwrite existing files`;

/** Writes a starter bot and its eval CSV. */
export async function initCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      force: { type: 'boolean' },
    },
  });
  const kind = values.kind;
  if (!kind || !(KINDS as readonly string[]).includes(kind))
    throw usage(`init needs --kind ${KINDS.join('|')}${kind ? ` (got "${kind}")` : ''}`);
  if (!(LANGUAGES as readonly string[]).includes(values.lang))
    throw usage(`init --lang must be ${LANGUAGES.join(' or ')} (got "${values.lang}")`);
  const starter = STARTER_BOTS[`${kind}.${values.lang}`]!;
  const dir = positionals[0] ?? '.';
  const botPath = join(dir, 'bot.json');
  const csvPath = join(dir, 'bot.eval.csv');
  if (!values.force) {
    for (const path of [botPath, csvPath]) {
      if (await exists(path)) {
        throw new SupportBotError(
          ErrorCode.USAGE,
          `Failed to write ${path}: the file exists. Please choose another directory or pass --force to overwrite it.`,
        );
      }
    }
  }
  const bot = {
    $schema: './node_modules/@support-bot/core/schema/bot.schema.json',
    ...starter.bot,
  };
  const text = `${JSON.stringify(bot, null, 2)}\n`;
  // The starter must be valid as written; a broken template is our bug, not the owner's.
  parseBotConfig(text, { source: botPath });
  await mkdir(dir, { recursive: true });
  await writeFile(botPath, text);
  await writeFile(csvPath, starter.evalCsv);
  const intents = (starter.bot.intents as unknown[]).length;
  process.stdout.write(
    `wrote ${botPath} (${intents} intents, ${kind}, ${values.lang}) and ${csvPath}\n` +
      `next: edit the replies and examples, then\n` +
      `  support-bot validate ${botPath}\n` +
      `  support-bot eval ${botPath} --test ${csvPath}\n`,
  );
  return 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
