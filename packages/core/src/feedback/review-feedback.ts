import { botInternals, type SupportBot } from '../engine/support-bot.js';
import { ErrorCode, SupportBotError } from '../errors.js';
import { rankIntents } from '../intent/intent-model.js';
import { nearestNegative } from '../out-of-scope/nearest-negative.js';
import { PiiKind } from '../redact/redact-pii.js';
import type { FeedbackReport } from './feedback-report.js';

/** Reports that point at a gap in the bot: everything but thumbs up. */
const NEEDS_REVIEW = new Set(['thumbs_down', 'unanswered', 'escalated', 'low_confidence']);

export type Suggestion =
  | {
      id: string;
      accept: boolean;
      action: 'add-examples';
      /** Answers visitors rated down for these questions (`intent:<id>`, `faq:<id>`): never suggested. */
      rejected?: string[];
      /** The existing intent these questions most likely belong to. */
      intent: string;
      confidence: number;
      similarity: number;
      count: number;
      examples: string[];
    }
  | {
      id: string;
      accept: boolean;
      action: 'add-alternatives';
      rejected?: string[];
      faq: string;
      similarity: number;
      count: number;
      alternatives: string[];
    }
  | {
      id: string;
      accept: boolean;
      action: 'new-intent';
      rejected?: string[];
      count: number;
      /** A draft intent: write `response` before accepting it. */
      intent: { id: string; examples: string[]; response: string };
      /** The closest existing intent, for context. */
      nearest?: { intent: string; similarity: number };
    };

export interface SuggestionsFile {
  version: 1;
  /** The bot file the suggestions are for. */
  bot: string;
  model: string;
  generatedAt: string;
  /** Reports read, and how many pointed at a gap. */
  reports: { total: number; reviewed: number };
  suggestions: Suggestion[];
}

export interface ReviewOptions {
  /** Cosine similarity that joins a question to a group. Default 0.72. */
  groupSimilarity?: number;
  /** Questions shown per group at most. Default 12. */
  maxExamples?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Groups the questions visitors were not helped with by meaning, with the bot's own encoder,
 * and proposes for each group where it belongs: more examples for an existing intent, more
 * phrasings for an FAQ entry, or a new intent. Deterministic for the same reports.
 */
export async function reviewFeedback(
  bot: SupportBot,
  reports: readonly FeedbackReport[],
  botFile: string,
  options: ReviewOptions = {},
): Promise<SuggestionsFile> {
  await bot.ready;
  const parts = botInternals(bot);
  if (!parts?.encoder) {
    throw new SupportBotError(
      ErrorCode.MODEL_LOAD_FAILED,
      'Failed to review feedback: the model is not loaded. Please fix the model location and retry.',
    );
  }
  const { encoder, knowledge, info } = parts;
  // Count each distinct question once (case and spacing folded), most frequent first.
  // A thumbs down says which answer was wrong: remember it, so it is never the suggestion.
  const counts = new Map<string, { text: string; count: number; rejected: Set<string> }>();
  for (const report of reports) {
    if (!NEEDS_REVIEW.has(report.kind)) continue;
    const key = report.text.trim().replace(/\s+/g, ' ').toLowerCase();
    let entry = counts.get(key);
    if (entry) entry.count++;
    else {
      entry = { text: report.text.trim().replace(/\s+/g, ' '), count: 1, rejected: new Set() };
      counts.set(key, entry);
    }
    const answered = report.reply;
    if (report.kind === 'thumbs_down' && answered?.id !== undefined) {
      if (answered.kind === 'intent' || answered.kind === 'faq') {
        entry.rejected.add(`${answered.kind}:${answered.id}`);
      }
    }
  }
  const questions = [...counts.values()].sort(
    (a, b) => b.count - a.count || a.text.localeCompare(b.text),
  );
  const reviewed = questions.reduce((n, q) => n + q.count, 0);
  const dim = encoder.model.dimension;
  // The redaction placeholders carry no topic, but "[phone]" and "[email]" read as "contact
  // us" to the encoder and pull every question that had a phone number towards a contact intent.
  const topics = questions.map((q) => withoutPlaceholders(q.text));
  const embedded = await encoder.embed(
    topics,
    options.onProgress ? { onProgress: options.onProgress } : {},
  );

  // Greedy grouping against running centroids: a question joins the most similar group whose
  // centroid is close enough, else starts its own.
  const threshold = options.groupSimilarity ?? 0.72;
  const groups: { members: number[]; sum: Float64Array }[] = [];
  questions.forEach((q, i) => {
    const v = embedded.data.subarray(i * dim, (i + 1) * dim);
    let best = -1;
    let bestSim = threshold;
    groups.forEach((g, j) => {
      let dot = 0;
      let norm = 0;
      for (let d = 0; d < dim; d++) {
        dot += g.sum[d]! * v[d]!;
        norm += g.sum[d]! ** 2;
      }
      const sim = dot / Math.sqrt(norm);
      if (sim >= bestSim) {
        best = j;
        bestSim = sim;
      }
    });
    const group =
      best >= 0
        ? groups[best]!
        : groups[groups.push({ members: [], sum: new Float64Array(dim) }) - 1]!;
    group.members.push(i);
    for (let d = 0; d < dim; d++) group.sum[d]! += v[d]! * q.count;
  });

  const maxExamples = options.maxExamples ?? 12;
  const usedIds = new Set(knowledge.config.intents.map((i) => i.id));
  const suggestions: Suggestion[] = groups
    .map((group) => {
      const centroid = new Float32Array(dim);
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += group.sum[d]! ** 2;
      for (let d = 0; d < dim; d++) centroid[d] = group.sum[d]! / Math.sqrt(norm);
      const texts = group.members.map((i) => questions[i]!.text);
      const topic = topics[group.members[0]!]!;
      const count = group.members.reduce((n, i) => n + questions[i]!.count, 0);
      const rejected = new Set(group.members.flatMap((i) => [...questions[i]!.rejected]));
      return { centroid, texts, topic, count, rejected };
    })
    .sort((a, b) => b.count - a.count)
    .map(({ centroid, texts, topic, count, rejected }, n): Suggestion => {
      const id = `s${n + 1}`;
      const examples = texts.slice(0, maxExamples);
      // The best answer visitors did not reject; an intent's confidence is then conditional on
      // the rejected ones being wrong (renormalised over the rest).
      const ranked = knowledge.intent
        ? rankIntents(knowledge.intent, centroid, dim, Math.min(rejected.size + 1, 8))
        : [];
      const rejectedMass = ranked
        .filter((c) => rejected.has(`intent:${c.id}`))
        .reduce((sum, c) => sum + c.confidence, 0);
      const best = ranked.find((c) => !rejected.has(`intent:${c.id}`));
      const top = best && {
        ...best,
        confidence: best.confidence / Math.max(1e-9, 1 - rejectedMass),
      };
      const faq = knowledge.faq
        .search(topic, centroid, rejected.size + 1)
        .find((hit) => !rejected.has(`faq:${hit.id}`));
      const why = rejected.size > 0 ? { rejected: [...rejected].sort() } : {};
      // Only where the bot itself would answer with that intent (similarity and off-topic margin
      // as decide() has them): with the off-topic class, confidence thresholds are lower.
      const negatives = knowledge.intent?.negatives;
      const margin = info.thresholds.margin;
      const offTopic = negatives && nearestNegative(negatives, centroid, 0, dim);
      const intentFits =
        top &&
        top.confidence >= info.thresholds.intent &&
        top.similarity >= info.thresholds.similarity &&
        (margin === undefined || offTopic === undefined || top.similarity - offTopic >= margin);
      const faqFits = faq && faq.similarity >= info.thresholds.faq * 0.9;
      if (intentFits && (!faqFits || top.similarity >= faq.similarity)) {
        return {
          id,
          accept: true,
          action: 'add-examples',
          ...why,
          intent: top.id,
          confidence: round(top.confidence),
          similarity: round(top.similarity),
          count,
          examples,
        };
      }
      if (faqFits) {
        return {
          id,
          accept: true,
          action: 'add-alternatives',
          ...why,
          faq: faq.id,
          similarity: round(faq.similarity),
          count,
          alternatives: examples,
        };
      }
      return {
        id,
        accept: false,
        action: 'new-intent',
        ...why,
        count,
        intent: { id: draftId(texts[0]!, usedIds), examples, response: '' },
        ...(top && { nearest: { intent: top.id, similarity: round(top.similarity) } }),
      };
    });

  return {
    version: 1,
    bot: botFile,
    model: encoder.model.id,
    generatedAt: new Date().toISOString(),
    reports: { total: reports.length, reviewed },
    suggestions,
  };
}

/** The built-in redaction placeholders (`[email]`, `[phone]`, `[card]`, `[iban]`). */
const PLACEHOLDER = new RegExp(`\\[(?:${Object.values(PiiKind).join('|')})\\]`, 'g');

/** The question without redaction placeholders, for embedding (what it is about). */
function withoutPlaceholders(text: string): string {
  const topic = text.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim();
  return topic || text;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A readable, unused intent id from a question: `do you gift wrap` -> `gift_wrap`. */
function draftId(text: string, used: Set<string>): string {
  const stop = new Set([
    'a',
    'an',
    'the',
    'do',
    'does',
    'you',
    'i',
    'can',
    'my',
    'is',
    'are',
    'how',
    'what',
    'to',
    'of',
    'for',
    'your',
    'me',
    'it',
    'we',
    'have',
    'there',
  ]);
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w && !stop.has(w))
    .slice(0, 3);
  const base = words.join('_') || 'new_intent';
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
  used.add(id);
  return id;
}
