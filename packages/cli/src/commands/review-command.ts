import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { reviewFeedback, type SuggestionsFile } from '@support-bot/core';
import { ProgressBar } from '../progress-bar.js';
import { readFeedbackSource } from '../read-feedback-source.js';
import { MODEL_OPTIONS, openBot, readBotFile, usage } from './shared.js';

export const REVIEW_HELP = `support-bot review <feedback.jsonl | redis://host:port[/db]> --bot <bot.json> [--write suggestions.json]

Groups the questions visitors were not helped with (thumbs down, unanswered, escalated, low
confidence) by meaning, with the bot's own model, and suggests for each group: more examples for
an existing intent, more phrasings for an FAQ entry, or a new intent. Reads the adapter's
JSON-lines file, or its Redis stream (reports are the "report" field of each entry).

  --bot <bot.json>        the bot the feedback is about (required)
  --write <file>          write the suggestions as an editable patch for \`support-bot apply\`
  --similarity <0..1>     how alike questions must be to share a group (default 0.72)
  --stream <name>         Redis stream to read (default support-bot:feedback; or ?stream= in the URL)
  --json                  print the suggestions as JSON on stdout
  --model, --models       as for \`build\``;

export async function reviewCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      bot: { type: 'string' },
      write: { type: 'string' },
      similarity: { type: 'string' },
      json: { type: 'boolean' },
      stream: { type: 'string' },
      ...MODEL_OPTIONS,
    },
  });
  const source = positionals[0];
  if (!source) throw usage('review needs a feedback file or a redis:// URL');
  if (!values.bot) throw usage('review needs --bot <bot.json>');
  const similarity = values.similarity === undefined ? undefined : Number(values.similarity);
  if (similarity !== undefined && !(similarity > 0 && similarity < 1))
    throw usage('--similarity must be between 0 and 1');
  const reports = await readFeedbackSource(source, {
    ...(values.stream !== undefined && { stream: values.stream }),
  });
  const bot = await openBot(await readBotFile(values.bot), values.bot, values);
  try {
    const bar = new ProgressBar('grouping ');
    const file = await reviewFeedback(bot, reports, values.bot, {
      ...(similarity !== undefined && { groupSimilarity: similarity }),
      onProgress: (done, total) => bar.update(done, total),
    });
    if (values.write) await writeFile(values.write, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(
      values.json ? `${JSON.stringify(file)}\n` : formatSuggestions(file, values.write),
    );
  } finally {
    await bot.dispose();
  }
  return 0;
}

function formatSuggestions(file: SuggestionsFile, written: string | undefined): string {
  const lines = [
    `${file.reports.reviewed} of ${file.reports.total} reports need attention, in ${file.suggestions.length} groups (${file.model}):`,
    '',
  ];
  for (const s of file.suggestions) {
    const texts =
      s.action === 'add-examples'
        ? s.examples
        : s.action === 'add-alternatives'
          ? s.alternatives
          : s.intent.examples;
    const what =
      s.action === 'add-examples'
        ? `add ${texts.length} example(s) to intent "${s.intent}" (confidence ${s.confidence.toFixed(2)}, similarity ${s.similarity.toFixed(2)})`
        : s.action === 'add-alternatives'
          ? `add ${texts.length} phrasing(s) to FAQ "${s.faq}" (similarity ${s.similarity.toFixed(2)})`
          : `new intent "${s.intent.id}"${s.nearest ? ` (nearest: ${s.nearest.intent}, similarity ${s.nearest.similarity.toFixed(2)})` : ''} — write its response, then accept`;
    lines.push(`${s.id}  ${s.count} report(s): ${what}`);
    if (s.rejected) lines.push(`      visitors rated down: ${s.rejected.join(', ')}`);
    for (const t of texts.slice(0, 4)) lines.push(`      "${t}"`);
    if (texts.length > 4) lines.push(`      … ${texts.length - 4} more`);
  }
  lines.push(
    '',
    written
      ? `Wrote ${written}: edit it (set "accept"), then run \`support-bot apply ${written} ${file.bot}\`.`
      : 'Add --write suggestions.json to save these as an editable patch.',
    '',
  );
  return lines.join('\n');
}
