// Every public entry of the four packages, as a consumer imports them (type-checked by
// scripts/consumer-check.mjs with skipLibCheck off, so the packages' own .d.ts are checked too).
import { main } from '@support-bot/cli';
import { type BotReply, createSupportBot, type SupportBot } from '@support-bot/core';
import { runAction } from '@support-bot/core/actions';
import schema from '@support-bot/core/bot.schema.json' with { type: 'json' };
import { createConversation } from '@support-bot/core/dialogue';
import { readBotFile } from '@support-bot/core/early';
import { MAX_MESSAGE_CHARS } from '@support-bot/core/limits';
import { createEscalationRequest, PROTOCOL_VERSION } from '@support-bot/core/protocol';
import { redactPII } from '@support-bot/core/redact';
import { createEscalationHandler, toNodeHandler } from '@support-bot/server-adapter';
import { type SbReplyEvent, SupportBotElement } from '@support-bot/widget';
import { SupportBotElement as BundledElement } from '@support-bot/widget/bundle';
import { SupportBotElement as Unregistered } from '@support-bot/widget/component';

export const checks: unknown[] = [
  main,
  createSupportBot,
  schema,
  createConversation,
  runAction,
  readBotFile,
  MAX_MESSAGE_CHARS,
  createEscalationRequest,
  PROTOCOL_VERSION,
  redactPII('call me at +1 415 555 0100'),
  createEscalationHandler,
  toNodeHandler,
  SupportBotElement,
  BundledElement,
  Unregistered,
];

export function kindOf(event: SbReplyEvent): BotReply['kind'] {
  return event.reply.kind;
}

export async function answer(bot: SupportBot): Promise<string> {
  return (await bot.reply('where is my order?')).text;
}

// The tag is typed in the DOM maps.
const el: SupportBotElement = document.createElement('support-bot');
el.addEventListener('sb-reply', (e) => kindOf(e));
