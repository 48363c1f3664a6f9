import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { SuggestionsFile } from '@support-bot/core';
import { applySuggestions, ErrorCode, SupportBotError } from '@support-bot/core';
import { readBotFile, usage } from './shared.js';

export const APPLY_HELP = `support-bot apply <suggestions.json> <bot.json> [-o <out.json>]

Merges the accepted suggestions ("accept": true) from \`support-bot review --write\` into the bot
file: new examples, new FAQ phrasings and new intents. Only the arrays it extends are edited, and
the result is validated before anything is written; on any problem nothing changes.

  -o, --out <file>   write here instead of updating <bot.json> in place`;

export async function applyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' } },
  });
  const [suggestionsPath, botPath] = positionals;
  if (!suggestionsPath || !botPath) throw usage('apply needs a suggestions file and a bot file');
  let file: SuggestionsFile;
  try {
    file = JSON.parse(await readFile(suggestionsPath, 'utf8')) as SuggestionsFile;
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read ${suggestionsPath}: ${(cause as Error).message}. Please pass the JSON file \`support-bot review --write\` wrote.`,
      { cause },
    );
  }
  const result = applySuggestions(
    new TextDecoder().decode(await readBotFile(botPath)),
    file,
    botPath,
  );
  const out = values.out ?? botPath;
  // Write beside the target and rename, so a failure never leaves half a bot file.
  await writeFile(`${out}.tmp`, result.text);
  await rename(`${out}.tmp`, out);
  for (const a of result.applied) process.stdout.write(`${a.id}: ${a.action}, ${a.added} added\n`);
  for (const s of result.skipped)
    process.stdout.write(`${s.id}: skipped "${s.text}" (${s.reason})\n`);
  process.stdout.write(
    `Wrote ${out}. Check the effect with \`support-bot eval ${out} --test <labelled.csv>\`.\n`,
  );
  return 0;
}
