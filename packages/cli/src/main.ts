import { isSupportBotError } from '@support-bot/core';
import { APPLY_HELP, applyCommand } from './commands/apply-command.js';
import { BUILD_HELP, buildCommand } from './commands/build-command.js';
import { CHAT_HELP, chatCommand } from './commands/chat-command.js';
import { EVAL_HELP, evalCommand } from './commands/eval-command.js';
import { INIT_HELP, initCommand } from './commands/init-command.js';
import { REVIEW_HELP, reviewCommand } from './commands/review-command.js';
import { DEVICE_HELP } from './commands/shared.js';
import { TEST_HELP, testCommand } from './commands/test-command.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate-command.js';

/** `model`: the command loads a model, so its help lists `--device` too (see DEVICE_HELP). */
const COMMANDS: Record<
  string,
  { run: (args: string[]) => Promise<number>; help: string; model?: true }
> = {
  init: { run: initCommand, help: INIT_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  build: { run: buildCommand, help: BUILD_HELP, model: true },
  eval: { run: evalCommand, help: EVAL_HELP, model: true },
  chat: { run: chatCommand, help: CHAT_HELP, model: true },
  review: { run: reviewCommand, help: REVIEW_HELP, model: true },
  apply: { run: applyCommand, help: APPLY_HELP },
  test: { run: testCommand, help: TEST_HELP, model: true },
};

const HELP = `support-bot <command> [options]

Commands:
  validate <bot.json> [...]           check bot files; every problem with its path and line
  build <bot.json> -o <bot.index>     precompute embeddings and the intent head
  eval <bot> --test <csv>             accuracy, out-of-scope handling and latency on labelled data
  eval --train <csv> --test <csv>     the same for a bot built from a training CSV
  chat <bot>                          talk to a bot in the terminal
  test <bot> <conversations.yaml>     play scripted conversations turn by turn (exit 1 on a failure)
  review <feedback.jsonl|redis://…> --bot <bot> group unanswered questions, suggest fixes
  apply <suggestions.json> <bot.json> merge accepted suggestions into the bot file

Run \`support-bot <command> --help\` for a command's options.
Models load from --models <dir|url>, else $SUPPORT_BOT_MODELS, else the Hugging Face Hub,
and run on --device auto|cpu|wasm|webgpu (default auto: cpu in Node).`;

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
    process.stdout.write(`${command.model ? withDeviceHelp(command.help) : command.help}\n`);
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

/** Adds the `--device` line to a command's option list (or starts one after its prose). */
function withDeviceHelp(help: string): string {
  const lastLine = help.slice(help.lastIndexOf('\n') + 1);
  return `${help}\n${lastLine.startsWith('  -') ? '' : '\n'}${DEVICE_HELP}`;
}
