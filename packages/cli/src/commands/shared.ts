import { readFile } from 'node:fs/promises';
import { createSupportBot, ErrorCode, type SupportBot, SupportBotError } from '@support-bot/core';
import { ProgressBar } from '../progress-bar.js';

/** Options every model-using command takes. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  models: { type: 'string' },
  device: { type: 'string' },
} as const;

/**
 * Where models are loaded from: `--models <dir|url>`, else `$SUPPORT_BOT_MODELS`, else the
 * Hugging Face Hub (transformers.js' default).
 */
export function modelLocation(values: { models?: string | undefined }): { modelBaseUrl?: string } {
  const dir = values.models ?? process.env.SUPPORT_BOT_MODELS;
  return dir ? { modelBaseUrl: dir } : {};
}

export function deviceOption(
  value: string | undefined,
): 'auto' | 'cpu' | 'wasm' | 'webgpu' | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto' || value === 'cpu' || value === 'wasm' || value === 'webgpu') return value;
  throw usage(`--device must be auto, cpu, wasm or webgpu (got "${value}")`);
}

export function usage(why: string): SupportBotError {
  return new SupportBotError(
    ErrorCode.USAGE,
    `Failed to run the command: ${why}. Please see \`support-bot --help\`.`,
  );
}

export async function readBotFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.CONFIG_PARSE,
      `Failed to read the bot file ${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (cause as Error).message}. Please check the path.`,
      { cause },
    );
  }
}

export function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw usage(`${name} must be a positive whole number (got "${value}")`);
  return n;
}

/**
 * Creates a bot from a file's bytes or a config object and waits until it is ready, drawing a
 * progress bar on stderr while the model downloads and the examples are embedded.
 */
export async function openBot(
  config: Uint8Array | object,
  source: string,
  values: { model?: string | undefined; models?: string | undefined; device?: string | undefined },
  training?: { rejectRate?: number },
): Promise<SupportBot> {
  const device = deviceOption(values.device);
  const bot = createSupportBot({
    config,
    source,
    ...modelLocation(values),
    ...(values.model && { model: values.model }),
    ...(device && { device }),
    ...(training && { training }),
  });
  let download: ProgressBar | undefined;
  bot.on('model:progress', (e) => {
    if (Number.isNaN(e.progress)) return;
    download ??= new ProgressBar('model    ');
    download.update(e.loaded, e.total);
  });
  const embedding = new ProgressBar('embedding');
  bot.on('index:progress', (e) => embedding.update(e.done, e.total));
  try {
    await bot.ready;
  } catch (error) {
    await bot.dispose();
    throw error;
  }
  return bot;
}
