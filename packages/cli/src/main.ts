import { isSupportBotError } from '@support-bot/core';
import { APPLY_HELP, applyCommand } from './commands/apply-command.js';
import { BUILD_HELP, buildCommand } from './commands/build-command.js';
import { CHAT_HELP, chatCommand } from './commands/chat-command.js';
import { EVAL_HELP, evalCommand } from './commands/eval-command.js';
import { INIT_HELP, initCommand } from './commands/init-command.js';
import { REVIEW_HELP, reviewCommand } from './commands/review-command.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate-command.js';

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  init: { run: initCommand, help: INIT_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  build: { run: buildCommand, help: BUILD_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  chat: { run: chatCommand, help: CHAT_HELP },
  review: { run: reviewCommand, help: REVIEW_HELP },
  apply: { run: applyCommand, help: APPLY_HELP },
};

const HELP = `support-bot <command> [options]

Commands:
  validate <bot.json>                 check a bot file; every problem with its path and line
  build <bot.json> -o <bot.index>     precompute embeddings and the intent head
  eval <bot> --test <csv>             accuracy, out-of-scope handling and latency on labelled data
  eval --train <csv> --test <csv>     the same for a bot built from a training CSV
  chat <bot>                          talk to a bot in the terminal
  review <feedback.jsonl|redis://…> --bot <bot> group unanswered questions, suggest fixes
  apply <suggestions.json> <bot.json> merge accepted suggestions into the bot file

Run \`support-bot <command> --help\` for a command's options.
Models load from --models <dir|url>, else $SUPPORT_BOT_MODELS, else the Hugging Face Hub.`;

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`[support-bot] Unknown command "${name}".\n\n${HELP}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (isSupportBotError(error)) {
      process.stderr.write(`${error.message}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    if (
      error instanceof TypeError &&
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(
        `[support-bot] ${error.message}. Please see \`support-bot ${name} --help\`.\n`,
      );
      return 2;
    }
    throw error;
  }
}
