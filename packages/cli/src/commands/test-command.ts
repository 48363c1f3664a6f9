import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ErrorCode, SupportBotError } from '@support-bot/core';
import { parseConversationScript, playConversation } from '../conversation-script.js';
import { MODEL_OPTIONS, openBot, readBotFile, usage } from './shared.js';

export const TEST_HELP = `support-bot test <bot.json|bot.index> <conversations.yaml> [options]

Plays scripted conversations turn by turn through the dialogue (the same steps the widget runs)
and checks each turn: the intent, the reply kind, the slots, the action and the reply text.
Actions are answered by the fixtures in the same file, so no server is needed. Exits 1 when a
turn fails (for CI), printing the conversation, the turn and why.

  now: 2026-12-02T10:00:00          # the clock for "tomorrow", "next Friday"
  actions:                          # fixtures: by handler name, or a webhook intent's id
    order_status:
      - when: { order: AC-104233 }
        data: { statusText: Shipped }
      - notFound: true              # no "when": answers everything else
  conversations:
    - name: order status, number given later
      turns:
        - user: where is my order?
          intent: order_status
          kind: ask
        - user: AC-104233
          slots: { order: AC-104233 }
          action: order_status
          bot: Shipped              # substring, or /regex/

  --only <text>        run only conversations whose name contains text
  --model <id>         encoder (default: the bot's, else by language)
  --models <dir|url>   where model folders are (default: $SUPPORT_BOT_MODELS, else the Hub)`;

/** `support-bot test`: 0 when every turn passed, 1 otherwise. */
export async function testCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...MODEL_OPTIONS, only: { type: 'string' } },
  });
  const [botFile, scriptFile] = positionals;
  if (!botFile || !scriptFile) throw usage('test needs a bot file and a conversations file');
  let text: string;
  try {
    text = await readFile(scriptFile, 'utf8');
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read the conversations file ${scriptFile}: ${(cause as Error).message}. Please check the path.`,
      { cause },
    );
  }
  let script: ReturnType<typeof parseConversationScript>;
  try {
    script = parseConversationScript(text, scriptFile);
  } catch (error) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read the conversations file: ${(error as Error).message}. Please fix it (see \`support-bot test --help\`).`,
    );
  }
  const bot = await openBot(await readBotFile(botFile), botFile, values);
  let failed = 0;
  let turns = 0;
  try {
    const chosen = script.conversations.filter((c) => !values.only || c.name.includes(values.only));
    for (const conversation of chosen) {
      turns += conversation.turns.length;
      const failures = await playConversation(bot, script, conversation.turns);
      if (failures.length === 0) {
        process.stdout.write(`  ✓ ${conversation.name}\n`);
        continue;
      }
      failed++;
      process.stdout.write(`  ✗ ${conversation.name}\n`);
      for (const f of failures) {
        process.stdout.write(`      turn ${f.turn} (user: ${JSON.stringify(f.user)})\n`);
        for (const reason of f.reasons) process.stdout.write(`        - ${reason}\n`);
        for (const reply of f.replies)
          process.stdout.write(
            `        bot: ${JSON.stringify(reply.length > 160 ? `${reply.slice(0, 157)}...` : reply)}\n`,
          );
      }
    }
    process.stdout.write(
      `\n${chosen.length - failed} of ${chosen.length} conversations passed (${turns} turns)${failed ? `; ${failed} failed` : ''}.\n`,
    );
  } finally {
    await bot.dispose();
  }
  return failed > 0 ? 1 : 0;
}
