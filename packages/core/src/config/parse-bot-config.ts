import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { MODELS } from '../encoder/model-table.js';
import { type ConfigIssue, ErrorCode, SupportBotError } from '../errors.js';
import { FeedbackKind } from '../protocol/feedback-report.js';
import type { BotConfig, BotResponse, FaqEntry, IntentConfig, QuickReply } from '../types.js';
import { defaultFallbackText } from './default-strings.js';
import { didYouMean } from './did-you-mean.js';
import { hints, properties, validate } from './validate-bot-schema.generated.js';

export interface ParseBotConfigOptions {
  /** File name used in messages, e.g. `bot.json`. */
  source?: string;
}

type Segment = string | number;

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Parses and validates a bot file (JSON text, or an already parsed object) and returns the
 * normalised {@link BotConfig} with defaults filled in.
 *
 * @throws {SupportBotError} `CONFIG_PARSE` for malformed JSON (with line and column) or
 *   `CONFIG_INVALID` listing every problem in `error.issues`, each with its JSON path.
 * @example
 * const config = parseBotConfig(await readFile('bot.json', 'utf8'), { source: 'bot.json' });
 */
export function parseBotConfig(
  input: string | unknown,
  options: ParseBotConfigOptions = {},
): BotConfig {
  const text = typeof input === 'string' ? input : undefined;
  const tree = text === undefined ? undefined : parseJsonText(text, options.source);
  const data = text === undefined ? input : tree === undefined ? undefined : JSON.parse(text);
  const issues = checkBotConfig(data);
  if (issues.length > 0) {
    if (text !== undefined && tree) for (const issue of issues) locate(issue, tree, text);
    const where = options.source ? `${options.source}:` : '';
    const lines = issues.map(
      (i) =>
        `  ${where}${i.line ? `${i.line}:${i.column} ` : ''}${i.path || '(root)'}: ${i.message}`,
    );
    throw new SupportBotError(
      ErrorCode.CONFIG_INVALID,
      `Failed to load the bot config: ${issues.length} problem${issues.length === 1 ? '' : 's'}.\n${lines.join('\n')}\nPlease fix ${issues.length === 1 ? 'it' : 'them'}; the schema is @support-bot/core/bot.schema.json.`,
      { issues },
    );
  }
  return normalize(data as RawConfig);
}

/**
 * Every problem with a parsed bot file, `[]` when it is valid. Schema errors come first, then
 * cross-field rules (duplicate ids, references to unknown intents or FAQ entries, examples used
 * by two intents).
 */
export function checkBotConfig(data: unknown): ConfigIssue[] {
  if (!validate(data))
    return schemaIssues((validate as unknown as { errors: AjvError[] }).errors, data);
  return ruleIssues(data as RawConfig);
}

function parseJsonText(text: string, source: string | undefined): Node | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first || !tree) {
    const { line, column } = first ? lineColumn(text, first.offset) : { line: 1, column: 1 };
    const why = first ? describeParseError(printParseErrorCode(first.error)) : 'the file is empty';
    throw new SupportBotError(
      ErrorCode.CONFIG_PARSE,
      `Failed to parse the bot config${source ? ` ${source}` : ''}: ${why} at line ${line}, column ${column}. Please make it valid JSON (no comments or trailing commas).`,
      { issues: [{ path: '', message: why, line, column }] },
    );
  }
  return tree;
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ',' between items",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'unexpected content after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `/intents/3/examples` -> `['intents', 3, 'examples']` */
function pointerToSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `['intents', 3, 'examples']` -> `intents[3].examples` */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
  }
  return out;
}

function valueAt(data: unknown, segments: readonly Segment[]): unknown {
  let node: unknown = data;
  for (const s of segments) node = (node as Record<string | number, unknown> | undefined)?.[s];
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return 'an integer';
  return `a ${typeof value}`;
}

/** Property names the schema allows at a schema path (for did-you-mean). */
function allowedProperties(schemaPath: string): string[] {
  const objectPath = schemaPath.replace(/\/additionalProperties$/, '').replace(/%24/g, '$');
  return (properties as Record<string, string[]>)[objectPath] ?? [];
}

function schemaIssues(errors: AjvError[], data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // if/then/else wrappers only repeat their branch's errors.
    if (error.keyword === 'if') continue;
    let segments = pointerToSegments(error.instancePath);
    let message: string;
    const p = error.params;
    switch (error.keyword) {
      case 'required':
        segments = [...segments, String(p.missingProperty)];
        message = 'is required';
        break;
      case 'additionalProperties': {
        const key = String(p.additionalProperty);
        segments = [...segments, key];
        const suggestion = didYouMean(key, allowedProperties(error.schemaPath));
        message = `unknown property "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
        break;
      }
      case 'type': {
        const expected = String(p.type)
          .split(',')
          .map((t) => (t === 'object' ? 'an object' : t === 'array' ? 'an array' : `a ${t}`))
          .join(' or ');
        message = `must be ${expected} (got ${typeName(valueAt(data, segments))})`;
        break;
      }
      case 'minItems':
        message = `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
        break;
      case 'maxItems':
        message = `must have at most ${p.limit} items`;
        break;
      case 'minLength':
        message = p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`;
        break;
      case 'maxLength':
        message = `must be at most ${p.limit} characters`;
        break;
      case 'pattern':
        message = `${hints[error.schemaPath.replace(/\/pattern$/, '') as keyof typeof hints] ?? `must match ${p.pattern}`} (got ${JSON.stringify(valueAt(data, segments))})`;
        break;
      case 'enum':
        message = `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(p.allowedValue)}`;
        break;
      case 'minimum':
      case 'maximum':
        message = `must be ${p.comparison} ${p.limit}`;
        break;
      default:
        message = error.message ?? `fails ${error.keyword}`;
    }
    const path = formatPath(segments);
    const key = `${path}\u0000${message}`;
    // "unknown property exmples (did you mean examples?)" already explains the missing one.
    if (
      error.keyword === 'required' &&
      typoFor(errors, error.instancePath, String(p.missingProperty))
    )
      continue;
    if (seen.has(key)) continue;
    seen.add(key);
    // A blank string reports both minLength and pattern; keep the clearer one.
    if (error.keyword === 'pattern' && seen.has(`${path}\u0000must not be empty`)) continue;
    issues.push({ path, message });
  }
  return issues;
}

function typoFor(errors: AjvError[], instancePath: string, missing: string): boolean {
  return errors.some(
    (e) =>
      e.keyword === 'additionalProperties' &&
      e.instancePath === instancePath &&
      didYouMean(String(e.params.additionalProperty), [missing]) === missing,
  );
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
  return issues;
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

function locate(issue: ConfigIssue, tree: Node, text: string): void {
  const segments = parsePath(issue.path);
  // Walk up until a node exists (a missing property is reported at its parent object).
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, segments.slice(0, n));
    if (!node) continue;
    // For a property, point at its key rather than its value.
    const at = node.parent?.type === 'property' && n === segments.length ? node.parent : node;
    Object.assign(issue, lineColumn(text, at.offset));
    return;
  }
}

function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(`"${m[3]}"`));
    else if (m[1] !== undefined) segments.push(m[1]);
  }
  return segments;
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
  };
}
