import { botInternals, type ReplyOptions, type SupportBot } from '../engine/support-bot.js';
import { EntityExtractor } from '../entities/entity-extractor.js';
import type { DialogueState, Understanding } from './dialogue-state.js';

const extractors = new WeakMap<SupportBot, EntityExtractor>();

/** The bot's entity extractor (with its encoder, for matches by meaning), made once per bot. */
export async function entityExtractorFor(bot: SupportBot): Promise<EntityExtractor> {
  await bot.ready.catch(() => undefined);
  let extractor = extractors.get(bot);
  if (!extractor) {
    extractor = new EntityExtractor(bot.config, botInternals(bot)?.encoder);
    extractors.set(bot, extractor);
  }
  return extractor;
}

export interface UnderstandOptions extends ReplyOptions {
  /** Reference time for relative dates ("tomorrow"). Default: now. */
  now?: Date;
}

/**
 * Understands one message for the dialogue, where the model is (a Web Worker, Node): the bot's
 * reply (intent, FAQ) plus the entities of the open form's slots and of the form intent the
 * message names. Only the slot just asked may match by meaning.
 *
 * @example
 * const understanding = await understandMessage(bot, state, 'it is AC-104233');
 * const step = stepDialogue(bot.config, state, understanding);
 */
export async function understandMessage(
  bot: SupportBot,
  state: DialogueState,
  text: string,
  options: UnderstandOptions = {},
): Promise<Understanding> {
  const reply = await bot.reply(text, options);
  const config = bot.config;
  const names = new Set<string>();
  let asked: string | undefined;
  const open = state.form && config.intents.find((i) => i.id === state.form!.intent);
  for (const slot of open?.slots ?? []) {
    names.add(slot.entity);
    if (slot.name === state.form!.asking) asked = slot.entity;
  }
  if (reply.kind === 'intent') {
    const named = config.intents.find((i) => i.id === reply.intent!.id);
    for (const slot of named?.slots ?? []) names.add(slot.entity);
  }
  if (names.size === 0) return { text, reply, entities: {} };
  const extractor = await entityExtractorFor(bot);
  const entities = await extractor.extract(text, names, {
    ...(options.now && { now: options.now }),
    ...(asked && { semantic: [asked] }),
    ...(options.signal && { signal: options.signal }),
  });
  return { text, reply, entities };
}
