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

// ---------------------------------------------------------------------------------------------
// Conversations that get things done: entities, slots, confirmation, actions (issue #13).
// Interfaces below merge into IntentConfig and BotConfig above; every key is optional, so bot
// files and configs built in code before #13 stay valid.
// ---------------------------------------------------------------------------------------------

/** Names of the entity types every bot has without declaring them. */
export const BUILTIN_ENTITIES = ['number', 'email', 'phone', 'date', 'time', 'money'] as const;
export type BuiltinEntity = (typeof BUILTIN_ENTITIES)[number];

/** One value of a `values` entity, with the other words visitors use for it. */
export interface EntityValue {
  /** Canonical value put in the slot (and sent to the action). */
  value: string;
  /** Shown on the chip when the slot is asked; defaults to `value`. */
  label: string;
  /** Other words for the value, matched like the value itself. */
  synonyms: string[];
}

// Normalised entities and actions keep the bot file's own shape (defaults filled in), so a
// normalised config is itself a valid bot file: compiled indexes store it and re-validate it.

/** A pattern entity: the first capture group (or the whole match) is the value. */
export interface RegexEntityConfig {
  /** JavaScript regular expression source. */
  regex: string;
  /** Flags (`i`, `u`, `s`, `m`); `g`/`y` are ignored. Default `iu`. */
  flags: string;
  /** Upper-case the value (order numbers typed as "ac-104233"). Default `false`. */
  uppercase: boolean;
}

/** An enum entity: exact, typo-tolerant and (with the bot's encoder) by-meaning matching. */
export interface ValuesEntityConfig {
  values: EntityValue[];
  /** Accept one or two typos in words of 4+ letters. Default `true`. */
  fuzzy: boolean;
  /** Match an answer by meaning (cosine to the values' phrasings) when asked. Default `true`. */
  semantic: boolean;
  /** Minimum cosine similarity for a by-meaning match. Default 0.6 for English, 0.7 for Chinese. */
  threshold?: number;
}

export type EntityConfig = RegexEntityConfig | ValuesEntityConfig;

/** A webhook action's call. */
export interface WebhookConfig {
  /** URL template; `{slot}` placeholders are URL-encoded. Relative URLs are same-origin. */
  url: string;
  /** Default `POST` (slots sent as a JSON body); `GET` sends no body. */
  method: 'GET' | 'POST';
  /** Milliseconds before the call is abandoned. Default 8,000. */
  timeout: number;
  /** Origins other than the page's that this webhook may call. Default none. */
  allowedOrigins: string[];
}

/** A detail a form intent needs from the visitor. */
export interface SlotConfig {
  /** Name used in templates (`{order}`) and sent to the action. */
  name: string;
  /** A built-in entity (`number`, `email`, `phone`, `date`, `time`, `money`) or one of `entities`. */
  entity: string;
  /** Ask for it when missing. Default `true`. */
  required: boolean;
  /** Asked when the slot is missing (required slots need one). */
  prompt?: string;
  /** Asked after an answer that did not fill the slot; default `prompt`. */
  reprompt?: string;
}

/** What runs once every required slot is filled (and confirmed). */
export type ActionConfig = (
  | {
      /** Name of a function in the page's (or Node caller's) `actions` map. */
      handler: string;
      webhook?: undefined;
    }
  | { webhook: WebhookConfig; handler?: undefined }
) & {
  /** Reply when the action fails (error, timeout, non-2xx, malformed answer). */
  onError?: string;
  /** Reply when the webhook answers 404 or the handler returns `{ notFound: true }`. */
  onNotFound?: string;
};

/** Dialogue rules for the whole bot. */
export interface DialogueConfig {
  /** Failed answers (or digressions in a row) before a form gives up. Default 2. */
  maxTries: number;
  /** What giving up answers: the fallback reply, or an escalation. Default `fallback`. */
  onGiveUp: 'fallback' | 'escalate';
  /** Extra phrases that cancel a form, besides the built-in ones for the bot's language. */
  cancelPhrases: string[];
  /** Replies that replace the defaults for the bot's language. */
  messages: Partial<Record<'cancelled' | 'declined' | 'gaveUp' | 'resume' | 'actionError', string>>;
}

export interface IntentConfig {
  /** Details to collect before answering; an intent with slots or an action is a form. */
  slots?: SlotConfig[];
  /** Asked (yes/no) before the action runs, e.g. "Return order {order} for a refund?". */
  confirm?: string;
  action?: ActionConfig;
  /**
   * What the form answers once done; its text may use `{slot}` and `{result.field}`. Default:
   * `response`, which stays what a runtime that does not run forms shows.
   */
  answer?: BotResponse;
}

export interface BotConfig {
  /** Named entity types for slots. */
  entities?: Record<string, EntityConfig>;
  dialogue?: DialogueConfig;
}
