import { applyEdits, type FormattingOptions, modify, parse } from 'jsonc-parser';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { type ConfigIssue, ErrorCode, SupportBotError } from '../errors.js';
import type { Suggestion, SuggestionsFile } from './review-feedback.js';

export interface ApplyResult {
  /** The new bot file text (validated). */
  text: string;
  applied: { id: string; action: Suggestion['action']; added: number }[];
  /** Accepted suggestions' texts left out, with why (e.g. already an example). */
  skipped: { id: string; text: string; reason: string }[];
}

/**
 * Merges the accepted suggestions of a `support-bot review --write` file into the text of a bot
 * file, editing only the arrays it extends (the owner's formatting and key order stay), then
 * validates the result.
 *
 * @throws {SupportBotError} `DATA_INVALID` naming the suggestion that cannot be applied (unknown
 *   intent, a new intent without a response, ...); `CONFIG_INVALID` if the result would not
 *   validate. Nothing is applied in either case.
 */
export function applySuggestions(
  botText: string,
  file: SuggestionsFile,
  source = 'bot.json',
): ApplyResult {
  const config = parseBotConfig(botText, { source });
  const raw = parse(botText) as {
    intents?: { id: string; examples: string[] }[];
    faq?: { id: string; alternatives?: string[] }[];
  };
  const formatting = detectFormatting(botText);
  const problems: ConfigIssue[] = [];
  if (file?.version !== 1 || !Array.isArray(file.suggestions)) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      'Failed to apply suggestions: the file is not a suggestions file (version 1 with "suggestions"). Please pass the file `support-bot review --write` wrote.',
    );
  }
  const seen = new Set<string>();
  for (const intent of config.intents) for (const e of intent.examples) seen.add(key(e));
  for (const entry of config.faq)
    for (const q of [entry.question, ...entry.alternatives]) seen.add(key(q));
  const intentIds = new Set(config.intents.map((i) => i.id));

  let text = botText;
  const applied: ApplyResult['applied'] = [];
  const skipped: ApplyResult['skipped'] = [];
  let intentCount = raw.intents?.length ?? 0;
  const edit = (path: (string | number)[], value: unknown, insert = true) => {
    text = applyEdits(
      text,
      modify(text, path, value, { formattingOptions: formatting, isArrayInsertion: insert }),
    );
  };
  const fresh = (id: string, texts: unknown, at: string) => {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string' || t.trim() === '')) {
      problems.push({ path: at, message: 'must be an array of non-blank strings' });
      return [];
    }
    return (texts as string[]).filter((t) => {
      if (seen.has(key(t))) {
        skipped.push({ id, text: t, reason: 'already an example or FAQ phrasing' });
        return false;
      }
      seen.add(key(t));
      return true;
    });
  };

  for (const [k, s] of file.suggestions.entries()) {
    const at = `suggestions[${k}]`;
    if (s?.accept !== true) continue;
    if (s.action === 'add-examples') {
      const i = raw.intents?.findIndex((x) => x.id === s.intent) ?? -1;
      if (i < 0) {
        problems.push({
          path: `${at}.intent`,
          message: `the bot has no intent "${s.intent}"`,
        });
        continue;
      }
      const add = fresh(s.id, s.examples, `${at}.examples`);
      for (const example of add) edit(['intents', i, 'examples', -1], example);
      applied.push({ id: s.id, action: s.action, added: add.length });
    } else if (s.action === 'add-alternatives') {
      const j = raw.faq?.findIndex((x) => x.id === s.faq) ?? -1;
      if (j < 0) {
        problems.push({ path: `${at}.faq`, message: `the bot has no FAQ entry "${s.faq}"` });
        continue;
      }
      const add = fresh(s.id, s.alternatives, `${at}.alternatives`);
      if (add.length > 0 && raw.faq![j]!.alternatives === undefined)
        edit(['faq', j, 'alternatives'], add, false);
      else for (const alt of add) edit(['faq', j, 'alternatives', -1], alt);
      applied.push({ id: s.id, action: s.action, added: add.length });
    } else if (s.action === 'new-intent') {
      const draft = s.intent;
      if (typeof draft?.response !== 'string' || draft.response.trim() === '') {
        problems.push({
          path: `${at}.intent.response`,
          message: 'write the answer visitors should get before accepting a new intent',
        });
        continue;
      }
      if (intentIds.has(draft.id)) {
        problems.push({
          path: `${at}.intent.id`,
          message: `the bot already has an intent "${draft.id}"; add examples to it instead, or rename`,
        });
        continue;
      }
      intentIds.add(draft.id);
      const examples = fresh(s.id, draft.examples, `${at}.intent.examples`);
      if (examples.length === 0) {
        problems.push({
          path: `${at}.intent.examples`,
          message: 'has no example that is not already in the bot',
        });
        continue;
      }
      const intent = { id: draft.id, examples, response: draft.response };
      if (raw.intents === undefined && intentCount === 0) edit(['intents'], [intent], false);
      else edit(['intents', -1], intent);
      intentCount++;
      applied.push({ id: s.id, action: s.action, added: examples.length });
    } else {
      problems.push({
        path: `${at}.action`,
        message: 'must be "add-examples", "add-alternatives" or "new-intent"',
      });
    }
  }

  if (problems.length > 0) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to apply suggestions: ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\nPlease edit the suggestions file (or set "accept": false) and run apply again. Nothing was changed.`,
      { issues: problems },
    );
  }
  parseBotConfig(text, { source });
  return { text, applied, skipped };
}

function key(text: string): string {
  return text.trim().toLowerCase();
}

function detectFormatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
