/**
 * Public types of `@support-bot/core`: the bot file (`bot.json`, config version 1) and what a bot
 * answers. The JSON Schema in `bot.schema.json` describes the same shape for editors.
 */

/** Current version of the bot file format. */
export const CONFIG_VERSION = 1;

/** A link shown under a reply. `url` is http(s), mailto:, tel: or site-relative. */
export interface BotLink {
  label: string;
  url: string;
}

/**
 * A suggested next message shown as a chip. Written as a plain string (label and message are the
 * same) or as an object; normalised to the object form when the config is parsed.
 */
export interface QuickReply {
  /** Text on the chip. */
  label: string;
  /** Message sent when clicked; defaults to `label`. */
  message: string;
  /** When set, clicking answers with this intent directly, without running the model. */
  intent?: string;
  /** When set, clicking answers with this FAQ entry directly. */
  faq?: string;
}

/** What the bot says: markdown (default) or plain text, plus optional chips and links. */
export interface BotResponse {
  text: string;
  /** `markdown` (default) or `text`. */
  format: 'markdown' | 'text';
  quickReplies: QuickReply[];
  links: BotLink[];
}

export interface IntentConfig {
  /** Stable id, `[a-z0-9_.-]`, unique among intents. */
  id: string;
  /** Human label for dashboards; defaults to the id. */
  label?: string;
  /** Example utterances the classifier learns from (at least 1; 8+ recommended). */
  examples: string[];
  response: BotResponse;
}

export interface FaqEntry {
  /** Stable id, unique among FAQ entries. */
  id: string;
  question: string;
  /** Other ways visitors ask the same question. */
  alternatives: string[];
  answer: string;
  /** `markdown` (default) or `text`. */
  format: 'markdown' | 'text';
  /** Page the answer comes from, shown as its source. */
  url?: string;
  tags: string[];
}

/** Thresholds. Leave them out to use values fitted from the bot's own examples. */
export interface Thresholds {
  /** Minimum calibrated intent confidence (0..1). Default: fitted by cross-validation. */
  intent?: number;
  /** Minimum cosine similarity to the nearest intent example (-1..1). Default: fitted. */
  similarity?: number;
  /** Minimum cosine similarity of the best FAQ phrasing (-1..1). Default: per model. */
  faq?: number;
  /**
   * Minimum of (similarity to the chosen intent's nearest example) minus (similarity to the
   * nearest off-topic example) (-2..2). Default: fitted with the off-topic negatives.
   */
  margin?: number;
}

export interface EscalationConfig {
  /** Send unsure conversations to the server adapter. Default `false`. */
  enabled: boolean;
  /** URL of the adapter; the widget's `endpoint` attribute overrides it. */
  endpoint?: string;
  /** Turns of history sent along (default 6). */
  maxTurns: number;
  /** How many FAQ hits ground the LLM (default 3). */
  faqHits: number;
}

/**
 * Opt-in reporting of visitor feedback to the adapter's feedback endpoint, so the owner can see
 * where the bot fails (`support-bot review`). Off by default; when on, the widget says so in the
 * panel and redacts personal data before anything leaves the browser.
 */
export interface FeedbackConfig {
  /** Report feedback to `endpoint`. Default `false`: nothing is sent. */
  enabled: boolean;
  /** URL of the adapter's feedback endpoint; the widget's `feedback-endpoint` attribute overrides it. */
  endpoint?: string;
  /** What is reported. Default: all of `thumbs_up`, `thumbs_down`, `unanswered`, `escalated`, `low_confidence`. */
  report: ('thumbs_up' | 'thumbs_down' | 'unanswered' | 'escalated' | 'low_confidence')[];
  /** An intent answer below this calibrated confidence is reported as `low_confidence`. Default 0.6. */
  lowConfidence: number;
}

/** A validated, normalised bot (defaults filled in). */
export interface BotConfig {
  version: 1;
  name: string;
  /** BCP 47 language tag of the bot, e.g. `en`, `zh`, `zh-CN`. Default `en`. */
  language: string;
  greeting?: string;
  /** Encoder model id; default chosen by language (see `MODELS`). */
  model?: string;
  intents: IntentConfig[];
  faq: FaqEntry[];
  fallback: BotResponse;
  thresholds: Thresholds;
  /** Questions the bot must not answer (negative examples); `[]` when none. */
  outOfScope: string[];
  escalation: EscalationConfig;
  feedback: FeedbackConfig;
}

/** One turn of a conversation, as sent to escalation. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface IntentCandidate {
  id: string;
  /** Calibrated probability (0..1). */
  confidence: number;
  /** Cosine similarity of the nearest example of this intent. */
  similarity: number;
}

export interface FaqHit {
  id: string;
  question: string;
  answer: string;
  url?: string;
  /** Fused rank score (higher is better); comparable within one query only. */
  score: number;
  /** Best cosine similarity between the message and the entry's phrasings (`NaN` lexical-only). */
  similarity: number;
  /** Lexical (BM25) score, 0 when no word matched. */
  lexical: number;
}

/** Where a reply came from, for "source" links. */
export interface ReplySource {
  kind: 'intent' | 'faq';
  id: string;
  title: string;
  url?: string;
}

/** Milliseconds spent per pipeline stage for one reply. */
export interface ReplyTimings {
  normalize: number;
  tokenize: number;
  embed: number;
  classify: number;
  retrieve: number;
  total: number;
}

export type ReplyKind = 'intent' | 'faq' | 'fallback' | 'escalate';

/** The bot's answer to one message. */
export interface BotReply {
  kind: ReplyKind;
  /** What to show; for `escalate`, a holding line until the escalation answers. */
  text: string;
  format: 'markdown' | 'text';
  quickReplies: QuickReply[];
  links: BotLink[];
  sources: ReplySource[];
  /** Confidence of the chosen answer (calibrated intent probability, or FAQ similarity). */
  confidence: number;
  /** Set when `kind` is `intent`. */
  intent?: IntentCandidate;
  /** Set when `kind` is `faq`. */
  faq?: FaqHit;
  /** Ranked evidence, whatever was chosen (top 3 intents, top FAQ hits). */
  candidates: {
    intents: IntentCandidate[];
    faq: FaqHit[];
    /** Cosine to the nearest off-topic example the bot keeps (absent without any). */
    offTopic?: number;
    /** Cosine to the nearest of the bot file's own `outOfScope` lines (absent without any). */
    offTopicOwned?: number;
  };
  /** True when the model is unavailable and matching was lexical only. */
  degraded: boolean;
  timings: ReplyTimings;
}
