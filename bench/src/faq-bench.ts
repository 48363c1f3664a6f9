import { createSupportBot } from '@support-bot/core';
import type { CachedEncoder } from './cached-encoder.js';
import { covidFaq } from './datasets.js';
import { pct, printTable } from './table.js';

/**
 * FAQ retrieval on covid-vaccine-faq: ranking quality (top-1, top-3, MRR) of dense, lexical and
 * hybrid ranking for questions with a gold entry, and how the product's answer/fall-back
 * decision does at the model's threshold, including "no matching FAQ" (-1) questions. Also
 * sweeps the threshold to report the best one (how `MODELS[id].faqThreshold` was chosen).
 */
export async function faqBench(encoders: CachedEncoder[]): Promise<string[]> {
  const { faq, questions } = covidFaq();
  const ranking: (string | number)[][] = [];
  const decisions: (string | number)[][] = [];
  const config = { name: 'covid-faq', faq };
  for (const encoder of encoders) {
    process.stderr.write(`[bench] covid FAQ, ${encoder.model.id}\n`);
    const bot = createSupportBot({ config, encoder });
    await bot.ready;
    await encoder.embed(questions.map((q) => q.text));
    // Reach into the bot's retriever for full rankings (the product keeps the top few).
    const retriever = (
      bot as unknown as {
        _loaded: {
          knowledge: {
            faq: import('../../packages/core/src/retrieval/faq-retriever.js').FaqRetriever;
          };
        };
      }
    )._loaded.knowledge.faq;
    const modes = { dense: [] as number[], lexical: [] as number[], hybrid: [] as number[] };
    const bestSimilarity: { similarity: number; right: boolean; answerable: boolean }[] = [];
    for (const q of questions) {
      const vector = (await encoder.embed([q.text])).data;
      const hits = retriever.search(q.text, vector, faq.length);
      const rankBy = (order: string[]) => {
        const r = order.findIndex((id) => q.gold.includes(id));
        return r < 0 ? Number.POSITIVE_INFINITY : r + 1;
      };
      if (q.gold.length > 0) {
        modes.hybrid.push(rankBy(hits.map((h) => h.id)));
        modes.dense.push(
          rankBy([...hits].sort((a, b) => b.similarity - a.similarity).map((h) => h.id)),
        );
        modes.lexical.push(
          rankBy(
            hits
              .filter((h) => h.lexical > 0)
              .sort((a, b) => b.lexical - a.lexical)
              .map((h) => h.id),
          ),
        );
      }
      bestSimilarity.push({
        similarity: hits[0]!.similarity,
        right: q.gold.includes(hits[0]!.id),
        answerable: q.gold.length > 0,
      });
    }
    for (const [mode, ranks] of Object.entries(modes)) {
      ranking.push([
        encoder.model.id,
        mode,
        pct(ranks.filter((r) => r === 1).length / ranks.length),
        pct(ranks.filter((r) => r <= 3).length / ranks.length),
        (ranks.reduce((s, r) => s + (r <= 10 ? 1 / r : 0), 0) / ranks.length).toFixed(3),
      ]);
    }
    // Decision quality: a question is handled right when it is answered with a gold entry, or
    // falls back when no entry answers it.
    const score = (threshold: number) =>
      bestSimilarity.filter((b) => (b.similarity >= threshold ? b.right : !b.answerable)).length /
      bestSimilarity.length;
    // Balanced: the mean of "answerable questions answered right" and "no-match questions
    // recognised", so the 2:1 share of no-match questions in this set does not pick the threshold.
    const answerableRows = bestSimilarity.filter((b) => b.answerable);
    const balanced = (threshold: number) =>
      (answerableRows.filter((b) => b.similarity >= threshold && b.right).length /
        answerableRows.length +
        bestSimilarity.filter((b) => !b.answerable && b.similarity < threshold).length /
          (bestSimilarity.length - answerableRows.length)) /
      2;
    let best = { threshold: 0, score: 0 };
    for (let t = 0.3; t <= 0.95; t += 0.01)
      if (balanced(t) > best.score) best = { threshold: t, score: balanced(t) };
    const threshold = bot.info!.thresholds.faq;
    const noMatch = bestSimilarity.filter((b) => !b.answerable);
    let replyRight = 0;
    for (const q of questions) {
      const reply = await bot.reply(q.text);
      if (reply.kind === 'faq' ? q.gold.includes(reply.faq!.id) : q.gold.length === 0) replyRight++;
    }
    decisions.push([
      encoder.model.id,
      threshold.toFixed(2),
      pct(replyRight / questions.length),
      pct(noMatch.filter((b) => b.similarity < threshold).length / noMatch.length),
      `${best.threshold.toFixed(2)} (balanced ${pct(best.score)}, handled right ${pct(score(best.threshold))})`,
    ]);
    await bot.dispose();
  }
  return [
    printTable(
      `FAQ ranking, covid-vaccine-faq (129 entries, ${questions.filter((q) => q.gold.length).length} questions with a gold entry)`,
      ['model', 'ranking', 'top-1 %', 'top-3 %', 'MRR@10'],
      ranking,
    ),
    printTable(
      `FAQ answer-or-fall-back decision, all ${questions.length} questions (${questions.filter((q) => !q.gold.length).length} have no matching FAQ)`,
      [
        'model',
        'default threshold',
        'handled right by bot.reply %',
        '"no match" recognised %',
        'best threshold by balanced accuracy',
      ],
      decisions,
    ),
  ];
}
