import {
  dialogueIssues,
  normalizeDialogueKeys,
  normalizeFormIntent,
  type RawDialogueKeys,
  type RawFormIntent,
} from '../dialogue/dialogue-config.js';
import { MODELS } from '../encoder/model-table.js';
import { type ConfigIssue, ErrorCode, SupportBotError } from '../errors.js';
import { FeedbackKind } from '../protocol/feedback-report.js';
import type { BotConfig, BotResponse, FaqEntry, IntentConfig, QuickReply } from '../types.js';
import { defaultFallbackText } from './default-strings.js';
import { didYouMean } from './did-you-mean.js';
import { type JsonText, locateIssues, parseJsonText } from './json-text.js';
import { type AjvError, schemaIssues } from './schema-issues.js';
import { validate } from './validate-bot-schema.generated.js';

/** Problems listed in the error message; `error.issues` always has all of them. */
export const MAX_LISTED_ISSUES = 50;

export interface ParseBotConfigOptions {
  /** File name used in messages, e.g. `bot.json`. */
  source?: string;
}

/**
 * Parses and validates a bot file (JSON text, or an already parsed object) and returns the
 * normalised {@link BotConfig} with defaults filled in. Text may start with a byte-order mark.
 *
 * @throws {SupportBotError} `CONFIG_PARSE` for malformed JSON (with line and column) or
 *   `CONFIG_INVALID` listing every problem in `error.issues`, each with its JSON path (the
 *   message lists the first {@link MAX_LISTED_ISSUES} and counts the rest).
 * @example
 * const config = parseBotConfig(await readFile('bot.json', 'utf8'), { source: 'bot.json' });
 */
export function parseBotConfig(
  input: string | unknown,
  options: ParseBotConfigOptions = {},
): BotConfig {
  const text: JsonText | undefined =
    typeof input === 'string' ? parseJsonText(input, options.source) : undefined;
  const data = text ? text.data : input;
  const issues = [...(text?.duplicateKeys ?? []), ...checkBotConfig(data)];
  if (issues.length > 0) {
    if (text) locateIssues(issues, text);
    throw configInvalid(issues, options.source);
  }
  return normalize(data as RawConfig);
}

function configInvalid(issues: ConfigIssue[], source: string | undefined): SupportBotError {
  const where = source ? `${source}:` : '';
  const lines = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map(
      (i) =>
        `  ${where}${i.line ? `${i.line}:${i.column} ` : ''}${i.path || '(root)'}: ${i.message}`,
    );
  const rest = issues.length - lines.length;
  if (rest > 0) lines.push(`  … and ${rest} more problem${rest === 1 ? '' : 's'}`);
  const n = issues.length;
  return new SupportBotError(
    ErrorCode.CONFIG_INVALID,
    `Failed to load the bot config: ${n} problem${n === 1 ? '' : 's'}.\n${lines.join('\n')}\nPlease fix ${n === 1 ? 'it' : 'them'}; the schema is @support-bot/core/bot.schema.json.`,
    { issues },
  );
}

/**
 * Every problem with a parsed bot file, `[]` when it is valid. Schema errors come first, then
 * cross-field rules (duplicate ids, references to unknown intents or FAQ entries, examples used
 * by two intents, endpoints that leave the site's scheme).
 */
export function checkBotConfig(data: unknown): ConfigIssue[] {
  if (!validate(data))
    return schemaIssues((validate as unknown as { errors: AjvError[] }).errors, data);
  return ruleIssues(data as RawConfig);
}

interface RawResponseObject {
  text: string;
  format?: 'markdown' | 'text';
  quickReplies?: (string | { label: string; message?: string; intent?: string; faq?: string })[];
  links?: { label: string; url: string }[];
}
type RawResponse = string | RawResponseObject;
interface RawConfig {
  version?: 1;
  name: string;
  language?: string;
  greeting?: string;
  model?: string;
  intents?: { id: string; label?: string; examples: string[]; response: RawResponse }[];
  faq?: {
    id: string;
    question: string;
    alternatives?: string[];
    answer: string;
    format?: 'markdown' | 'text';
    url?: string;
    tags?: string[];
  }[];
  fallback?: RawResponse;
  thresholds?: BotConfig['thresholds'];
  outOfScope?: string[];
  escalation?: Partial<BotConfig['escalation']>;
  feedback?: Partial<BotConfig['feedback']>;
}

const FEEDBACK_KINDS = Object.values(FeedbackKind);

function ruleIssues(config: RawConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const intents = config.intents ?? [];
  const faq = config.faq ?? [];
  if (intents.length === 0 && faq.length === 0) {
    issues.push({ path: 'intents', message: 'the bot needs at least one intent or FAQ entry' });
  }
  if (config.model !== undefined && !(config.model in MODELS)) {
    const suggestion = didYouMean(config.model, Object.keys(MODELS));
    issues.push({
      path: 'model',
      message: `unknown model "${config.model}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; supported: ${Object.keys(MODELS).join(', ')}`,
    });
  }
  const intentIds = duplicateIds(intents, 'intents', issues);
  const faqIds = duplicateIds(faq, 'faq', issues);

  const exampleOwner = new Map<string, string>();
  intents.forEach((intent, i) => {
    intent.examples.forEach((example, j) => {
      const key = example.trim().toLowerCase();
      const owner = exampleOwner.get(key);
      if (owner !== undefined && owner !== intent.id) {
        issues.push({
          path: `intents[${i}].examples[${j}]`,
          message: `"${example}" is also an example of intent "${owner}"; an example must belong to one intent`,
        });
      } else exampleOwner.set(key, intent.id);
    });
  });

  // An off-topic line that is also an intent example would teach the bot both ways.
  config.outOfScope?.forEach((line, j) => {
    const owner = exampleOwner.get(line.trim().toLowerCase());
    if (owner !== undefined) {
      issues.push({
        path: `outOfScope[${j}]`,
        message: `"${line}" is also an example of intent "${owner}"; remove it from one of the two`,
      });
    }
  });

  const checkResponse = (response: RawResponse | undefined, path: string) => {
    if (typeof response !== 'object') return;
    response.quickReplies?.forEach((reply, k) => {
      if (typeof reply !== 'object') return;
      if (reply.intent !== undefined && !intentIds.has(reply.intent)) {
        const hint = didYouMean(reply.intent, intentIds);
        issues.push({
          path: `${path}.quickReplies[${k}].intent`,
          message: `unknown intent "${reply.intent}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        });
      }
      if (reply.faq !== undefined && !faqIds.has(reply.faq)) {
        const hint = didYouMean(reply.faq, faqIds);
        issues.push({
          path: `${path}.quickReplies[${k}].faq`,
          message: `unknown FAQ entry "${reply.faq}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
        });
      }
    });
  };
  intents.forEach((intent, i) => {
    checkResponse(intent.response, `intents[${i}].response`);
  });
  checkResponse(config.fallback, 'fallback');
  for (const section of ['escalation', 'feedback'] as const) {
    const endpoint = config[section]?.endpoint;
    const problem = endpoint === undefined ? undefined : endpointProblem(endpoint);
    if (problem) issues.push({ path: `${section}.endpoint`, message: problem });
  }
  issues.push(...dialogueIssues(config as RawDialogueKeys));
  return issues;
}

const SITE = 'https://site.invalid';

/**
 * Why an endpoint URL would send the visitor's words somewhere other than an http(s) server the
 * owner named, or `undefined` when it is fine. The schema's pattern admits `http(s)://...` and
 * paths; this also catches what a browser's URL parser would turn into another host (tabs and
 * newlines are dropped, so `/\t/evil.example` is `//evil.example`).
 */
function endpointProblem(endpoint: string): string | undefined {
  const expected = 'must be an http(s):// URL or a path on this site such as /api/support';
  let url: URL;
  try {
    url = new URL(endpoint, `${SITE}/`);
  } catch {
    return `${expected} (got ${JSON.stringify(endpoint)}, which is not a valid URL)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${expected} (got ${JSON.stringify(endpoint)})`;
  if (!/^https?:\/\//i.test(endpoint) && url.origin !== SITE)
    return `${expected} (got ${JSON.stringify(endpoint)}, which a browser reads as another host, ${url.host})`;
  return undefined;
}

function duplicateIds(items: { id: string }[], list: string, issues: ConfigIssue[]): Set<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, i);
    else
      issues.push({
        path: `${list}[${i}].id`,
        message: `duplicate id "${item.id}" (first used at ${list}[${first}])`,
      });
  });
  return new Set(firstIndex.keys());
}

function normalizeResponse(response: RawResponse): BotResponse {
  const object: RawResponseObject = typeof response === 'string' ? { text: response } : response;
  return {
    text: object.text,
    format: object.format ?? 'markdown',
    quickReplies: (object.quickReplies ?? []).map(
      (reply): QuickReply =>
        typeof reply === 'string'
          ? { label: reply, message: reply }
          : { ...reply, message: reply.message ?? reply.label },
    ),
    links: object.links ?? [],
  };
}

function normalize(raw: RawConfig): BotConfig {
  const language = raw.language ?? 'en';
  return {
    version: 1,
    name: raw.name,
    language,
    ...(raw.greeting !== undefined && { greeting: raw.greeting }),
    ...(raw.model !== undefined && { model: raw.model }),
    intents: (raw.intents ?? []).map(
      (intent): IntentConfig => ({
        id: intent.id,
        ...(intent.label !== undefined && { label: intent.label }),
        examples: intent.examples,
        response: normalizeResponse(intent.response),
        ...normalizeFormIntent(intent as RawFormIntent, normalizeResponse),
      }),
    ),
    faq: (raw.faq ?? []).map(
      (entry): FaqEntry => ({
        id: entry.id,
        question: entry.question,
        alternatives: entry.alternatives ?? [],
        answer: entry.answer,
        format: entry.format ?? 'markdown',
        ...(entry.url !== undefined && { url: entry.url }),
        tags: entry.tags ?? [],
      }),
    ),
    fallback: normalizeResponse(raw.fallback ?? defaultFallbackText(language)),
    thresholds: { ...raw.thresholds },
    outOfScope: raw.outOfScope ?? [],
    escalation: {
      enabled: raw.escalation?.enabled ?? false,
      ...(raw.escalation?.endpoint !== undefined && { endpoint: raw.escalation.endpoint }),
      maxTurns: raw.escalation?.maxTurns ?? 6,
      faqHits: raw.escalation?.faqHits ?? 3,
    },
    feedback: {
      enabled: raw.feedback?.enabled ?? false,
      ...(raw.feedback?.endpoint !== undefined && { endpoint: raw.feedback.endpoint }),
      report: raw.feedback?.report ?? [...FEEDBACK_KINDS],
      lowConfidence: raw.feedback?.lowConfidence ?? 0.6,
    },
    ...normalizeDialogueKeys(raw as RawDialogueKeys),
  };
}
