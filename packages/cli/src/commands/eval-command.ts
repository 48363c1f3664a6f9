import { parseArgs } from 'node:util';
import type { BotReply, LabelledRow, SupportBot } from '@support-bot/core';
import {
  botConfigFromLabelledRows,
  ErrorCode,
  type EvalPrediction,
  type EvalReport,
  SupportBotError,
  summarizeEval,
} from '@support-bot/core';
import { ProgressBar } from '../progress-bar.js';
import { readLabelledCsv } from '../read-labelled-csv.js';
import { MODEL_OPTIONS, openBot, positiveInteger, readBotFile, usage } from './shared.js';

export const EVAL_HELP = `support-bot eval <bot.json|bot.index> --test <labelled.csv> [options]
support-bot eval --train <train.csv> --test <test.csv> [options]

Measures a bot on labelled messages through the same code path the widget uses: accuracy,
macro-F1, in-scope accuracy, out-of-scope recall and precision, the most confused pairs, and
latency per message. CSV columns: "text" and "label" (or "category"); labels are intent ids,
"faq:<id>" for FAQ entries, or the out-of-scope label.

  --test <csv>         labelled messages to answer (required)
  --train <csv>        build a bot whose intents are the training CSV's labels
  --shots <n>          with --train: use n examples per intent (seeded sample)
  --seed <n>           seed for --shots and cross-validation folds (default 42)
  --oos-label <name>   label of out-of-scope rows (default "oos"); with --train, those rows
                       are left out of training
  --model <id>         encoder (default: the bot's, else by language)
  --models <dir|url>   where model folders are (default: $SUPPORT_BOT_MODELS, else the Hub)
  --limit <n>          answer only the first n test rows
  --json               print one JSON object on stdout and nothing else there`;

/** Result of an eval run, also the `--json` output. */
export interface EvalOutput extends EvalReport {
  model: string;
  device: string;
  bot: string;
  train?: { examples: number; intents: number; shots?: number; seed: number };
  thresholds: { intent: number; similarity: number; faq: number; fitted: boolean };
  loadMs: number;
}

export async function evalCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      test: { type: 'string' },
      train: { type: 'string' },
      shots: { type: 'string' },
      seed: { type: 'string' },
      'oos-label': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      ...MODEL_OPTIONS,
    },
  });
  if (!values.test) throw usage('eval needs --test <csv>');
  if (!values.train === !positionals[0])
    throw usage('eval needs either a bot file or --train <csv>, not both');
  const oosLabel = values['oos-label'] ?? 'oos';
  const seed = positiveInteger(values.seed, '--seed') ?? 42;
  const shots = positiveInteger(values.shots, '--shots');
  const limit = positiveInteger(values.limit, '--limit');
  let test = await readLabelledCsv(values.test);
  if (limit !== undefined) test = test.slice(0, limit);

  let bot: SupportBot;
  let train: EvalOutput['train'];
  let labelOf: (id: string) => string = (id) => id;
  if (values.train) {
    const rows = (await readLabelledCsv(values.train)).filter((r) => r.label !== oosLabel);
    const built = botConfigFromLabelledRows(rows, { ...(shots && { shots }), seed });
    labelOf = (id) => built.labelOf.get(id) ?? id;
    train = {
      examples: built.examples,
      intents: built.config.intents.length,
      ...(shots && { shots }),
      seed,
    };
    bot = await openBot(built.config, values.train, values);
  } else {
    bot = await openBot(await readBotFile(positionals[0]!), positionals[0]!, values);
    checkLabels(test, bot, oosLabel, values.test);
  }

  try {
    const predictions: EvalPrediction[] = [];
    const bar = new ProgressBar('answering');
    for (const [i, row] of test.entries()) {
      const reply = await bot.reply(row.text);
      predictions.push({
        text: row.text,
        gold: row.label,
        predicted: predictedLabel(reply, oosLabel, labelOf),
        ...(reply.candidates.intents[0] && { topIntent: labelOf(reply.candidates.intents[0].id) }),
        totalMs: reply.timings.total,
        embedMs: reply.timings.tokenize + reply.timings.embed,
      });
      bar.update(i + 1, test.length);
    }
    const info = bot.info!;
    const output: EvalOutput = {
      bot: values.train ? `--train ${values.train}` : positionals[0]!,
      model: info.modelId,
      device: info.device ?? 'none',
      ...(train && { train }),
      thresholds: { ...info.thresholds, fitted: info.thresholdsFitted },
      loadMs: info.loadMs,
      ...summarizeEval(predictions, oosLabel),
    };
    process.stdout.write(values.json ? `${JSON.stringify(output)}\n` : formatReport(output));
  } finally {
    await bot.dispose();
  }
  return 0;
}

function predictedLabel(
  reply: BotReply,
  oosLabel: string,
  labelOf: (id: string) => string,
): string {
  if (reply.kind === 'intent') return labelOf(reply.intent!.id);
  if (reply.kind === 'faq') return `faq:${reply.faq!.id}`;
  return oosLabel;
}

function checkLabels(rows: LabelledRow[], bot: SupportBot, oosLabel: string, file: string): void {
  const known = new Set([
    ...bot.config.intents.map((i) => i.id),
    ...bot.config.faq.map((f) => `faq:${f.id}`),
    oosLabel,
  ]);
  const unknown = [...new Set(rows.map((r) => r.label).filter((l) => !known.has(l)))];
  if (unknown.length > 0) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to evaluate: ${file} has labels the bot does not define: ${unknown.slice(0, 8).join(', ')}${unknown.length > 8 ? ', …' : ''}. Please use intent ids, "faq:<id>" or "${oosLabel}".`,
    );
  }
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(2)}%`;

function formatReport(o: EvalOutput): string {
  const lines = [
    `bot        ${o.bot}`,
    `model      ${o.model} on ${o.device}${o.train ? `, trained on ${o.train.examples} examples of ${o.train.intents} intents${o.train.shots ? ` (${o.train.shots} shots, seed ${o.train.seed})` : ''}` : ''}`,
    `thresholds intent confidence >= ${o.thresholds.intent.toFixed(3)}, similarity >= ${o.thresholds.similarity.toFixed(3)}, FAQ >= ${o.thresholds.faq.toFixed(3)}${o.thresholds.fitted ? ' (fitted)' : ' (defaults)'}`,
    '',
    `messages               ${o.count}`,
    `accuracy               ${pct(o.accuracy)}`,
    `macro-F1               ${pct(o.macroF1)}`,
    `closed-set accuracy    ${pct(o.closedSetAccuracy)}   (top intent, thresholds ignored)`,
    `in-scope accuracy      ${pct(o.inScopeAccuracy)}   (a wrong rejection counts as an error)`,
    `out-of-scope recall    ${pct(o.outOfScope?.recall)}${o.outOfScope ? ` of ${o.outOfScope.count}` : ''}`,
    `out-of-scope precision ${pct(o.outOfScope?.precision)}`,
    `latency per message    p50 ${o.latencyMs.p50.toFixed(1)} ms, p95 ${o.latencyMs.p95.toFixed(1)} ms (model p50 ${o.latencyMs.embedP50.toFixed(1)} ms)`,
    '',
  ];
  if (o.confusedPairs.length > 0) {
    lines.push('most confused (gold -> answered)');
    for (const p of o.confusedPairs)
      lines.push(`  ${String(p.count).padStart(4)}  ${p.gold} -> ${p.predicted}`);
    lines.push('');
  }
  return lines.join('\n');
}
