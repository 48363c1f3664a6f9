import { parseArgs } from 'node:util';
import type { BotReply, LabelledRow, SupportBot } from '@support-bot/core';
import {
  botConfigFromLabelledRows,
  ErrorCode,
  type EvalMistake,
  type EvalPrediction,
  type EvalReport,
  MistakeKind,
  SupportBotError,
  summarizeEval,
  type TradeoffCase,
  type TradeoffRow,
  thresholdTradeoff,
} from '@support-bot/core';
import { ProgressBar } from '../progress-bar.js';
import { readLabelledCsv } from '../read-labelled-csv.js';
import { MODEL_OPTIONS, openBot, positiveInteger, readBotFile, usage } from './shared.js';

export const EVAL_HELP = `support-bot eval <bot.json|bot.index> --test <labelled.csv> [options]
support-bot eval --train <train.csv> --test <test.csv> [options]

Measures a bot on labelled messages through the same code path the widget uses: accuracy,
macro-F1, in-scope accuracy, out-of-scope recall and precision, the most confused pairs,
latency per message, what other similarity thresholds would do (with a suggested value), and
every wrong message grouped by kind (wrong answer, answered but off-topic, rejected but in scope). CSV columns: "text" and "label" (or "category"); labels are intent ids,
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
  --errors-only        print only the wrong messages and a one-line summary
  --json               print one JSON object on stdout and nothing else there`;

/** Where a threshold's value comes from. */
export type ThresholdSource = 'bot file' | 'fitted' | 'default';

/** Result of an eval run, also the `--json` output. */
export interface EvalOutput extends EvalReport {
  model: string;
  device: string;
  bot: string;
  train?: { examples: number; intents: number; shots?: number; seed: number };
  thresholds: {
    intent: number;
    similarity: number;
    faq: number;
    margin?: number;
    fitted: boolean;
    /** Per threshold: set in the bot file, fitted from the examples, or a default. */
    sources: Record<'intent' | 'similarity' | 'faq' | 'margin', ThresholdSource>;
  };
  /** What moving the similarity threshold would do on this CSV, and the suggested value. */
  tradeoff?: { rows: TradeoffRow[]; suggested: number };
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
      'errors-only': { type: 'boolean' },
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
    const cases: TradeoffCase[] = [];
    const bar = new ProgressBar('answering');
    for (const [i, row] of test.entries()) {
      const reply = await bot.reply(row.text);
      const top = reply.candidates.intents[0];
      predictions.push({
        text: row.text,
        gold: row.label,
        predicted: predictedLabel(reply, oosLabel, labelOf),
        ...(top && { topIntent: labelOf(top.id) }),
        totalMs: reply.timings.total,
        embedMs: reply.timings.tokenize + reply.timings.embed,
        confidence: reply.kind === 'faq' || !top ? reply.confidence : top.confidence,
        ...(top && Number.isFinite(top.similarity) && { similarity: top.similarity }),
      });
      cases.push({ gold: row.label, candidates: reply.candidates });
      bar.update(i + 1, test.length);
    }
    const info = bot.info!;
    const set = bot.config.thresholds;
    const source = (key: keyof typeof set, fitted: boolean): ThresholdSource =>
      set[key] !== undefined ? 'bot file' : fitted ? 'fitted' : 'default';
    const output: EvalOutput = {
      bot: values.train ? `--train ${values.train}` : positionals[0]!,
      model: info.modelId,
      device: info.device ?? 'none',
      ...(train && { train }),
      thresholds: {
        ...info.thresholds,
        fitted: info.thresholdsFitted,
        sources: {
          intent: source('intent', info.thresholdsFitted),
          similarity: source('similarity', info.thresholdsFitted),
          faq: source('faq', false),
          margin: source('margin', info.thresholdsFitted),
        },
      },
      ...(!info.degraded && {
        tradeoff: thresholdTradeoff(cases, bot.config, info.thresholds, oosLabel, labelOf),
      }),
      loadMs: info.loadMs,
      ...summarizeEval(predictions, oosLabel),
    };
    process.stdout.write(
      values.json
        ? `${JSON.stringify(output)}\n`
        : values['errors-only']
          ? formatMistakes(output, true)
          : formatReport(output),
    );
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

const SOURCE_WORDS: Record<ThresholdSource, string> = {
  'bot file': 'set in the bot file',
  fitted: 'fitted',
  default: 'default',
};

function formatThresholds(t: EvalOutput['thresholds']): string {
  const item = (name: string, value: number | undefined, key: keyof typeof t.sources) =>
    value === undefined ? [] : [`${name} >= ${value.toFixed(3)} (${SOURCE_WORDS[t.sources[key]]})`];
  return [
    ...item('intent confidence', t.intent, 'intent'),
    ...item('similarity', t.similarity, 'similarity'),
    ...item('off-topic margin', t.margin, 'margin'),
    ...item('FAQ', t.faq, 'faq'),
  ].join(', ');
}

const KIND_TITLES: Record<EvalMistake['kind'], string> = {
  [MistakeKind.WrongAnswer]: 'wrong answer (in scope, answered with another intent or FAQ entry)',
  [MistakeKind.AnsweredOffTopic]: 'answered but off-topic',
  [MistakeKind.RejectedInScope]: 'rejected but in scope',
};

function formatMistakes(o: EvalOutput, withSummary: boolean): string {
  const lines: string[] = [];
  if (withSummary) {
    lines.push(
      `${o.bot}: accuracy ${pct(o.accuracy)}, in-scope ${pct(o.inScopeAccuracy)}, off-topic rejected ${pct(o.outOfScope?.recall)}; ${o.mistakes.length} wrong of ${o.count}`,
      '',
    );
  }
  const num = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  for (const kind of Object.values(MistakeKind)) {
    const group = o.mistakes.filter((m) => m.kind === kind);
    if (group.length === 0) continue;
    lines.push(`${KIND_TITLES[kind]}: ${group.length}`);
    for (const m of group) {
      lines.push(
        `  "${m.text}"  expected ${m.expected}, got ${m.got} (confidence ${num(m.confidence)}, similarity ${num(m.similarity)})`,
      );
    }
    lines.push('');
  }
  if (o.mistakes.length === 0) lines.push('no wrong messages', '');
  return lines.join('\n');
}

function formatTradeoff(o: EvalOutput): string[] {
  if (!o.tradeoff) return [];
  const lines = [
    'similarity threshold trade-off (other thresholds as they are)',
    '  similarity  in-scope accuracy  off-topic rejected  rejections that were off-topic',
  ];
  for (const r of o.tradeoff.rows) {
    lines.push(
      `  ${r.similarity.toFixed(3).padStart(10)}  ${pct(r.inScopeAccuracy).padStart(17)}  ${pct(r.offTopicRejected).padStart(18)}  ${pct(r.rejectionPrecision).padStart(30)}${r.current ? '   <- now' : ''}`,
    );
  }
  const now = o.tradeoff.rows.find((r) => r.current)?.similarity;
  lines.push(
    o.tradeoff.suggested === now
      ? '  suggested: keep the current value (rejects the most off-topic messages within 2 points of the best in-scope accuracy)'
      : `  suggested: "thresholds": { "similarity": ${o.tradeoff.suggested} } in the bot file (rejects the most off-topic messages within 2 points of the best in-scope accuracy)`,
    '',
  );
  return lines;
}

function formatReport(o: EvalOutput): string {
  const lines = [
    `bot        ${o.bot}`,
    `model      ${o.model} on ${o.device}${o.train ? `, trained on ${o.train.examples} examples of ${o.train.intents} intents${o.train.shots ? ` (${o.train.shots} shots, seed ${o.train.seed})` : ''}` : ''}`,
    `thresholds ${formatThresholds(o.thresholds)}`,
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
  lines.push(...formatTradeoff(o));
  return `${lines.join('\n')}${formatMistakes(o, false)}`;
}
