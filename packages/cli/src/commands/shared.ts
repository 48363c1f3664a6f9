import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  createSupportBot,
  ErrorCode,
  getModelSpec,
  isSupportBotError,
  type SupportBot,
  SupportBotError,
} from '@support-bot/core';
import { ProgressBar } from '../progress-bar.js';

/** Options every model-using command takes. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  models: { type: 'string' },
  device: { type: 'string' },
} as const;

/**
 * The help line for `--device`, shown under every command that loads a model (main.ts adds it),
 * aligned with the commands' own option lists.
 */
export const DEVICE_HELP =
  '  --device <name>      where the model runs: auto (default: cpu in Node), cpu, wasm or webgpu';

const MODELS_HINT = 'pass --models or set SUPPORT_BOT_MODELS';

/**
 * Where models are loaded from: `--models <dir|url>`, else `$SUPPORT_BOT_MODELS`, else the
 * Hugging Face Hub (transformers.js' default; a load that fails there says to pass `--models`).
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
  let failedModel: string | undefined;
  bot.on('model:error', (e) => {
    failedModel = e.modelId;
  });
  const embedding = new ProgressBar('embedding');
  bot.on('index:progress', (e) => embedding.update(e.done, e.total));
  try {
    await bot.ready;
  } catch (error) {
    await bot.dispose();
    throw isSupportBotError(error, ErrorCode.MODEL_LOAD_FAILED) && failedModel
      ? explainModelLoad(error, failedModel, modelLocation(values).modelBaseUrl)
      : error;
  }
  return bot;
}

/**
 * A model that did not load, explained for the command line: where model folders come from
 * (`--models`, `$SUPPORT_BOT_MODELS`) rather than core's advice for a web page.
 */
function explainModelLoad(
  error: SupportBotError,
  modelId: string,
  base: string | undefined,
): SupportBotError {
  const folders = getModelSpec(modelId).parts ?? [modelId];
  const cause = error.cause instanceof Error ? error.cause.message : error.message;
  let why: string | undefined;
  if (base === undefined) {
    why = `no model folder was given, and the Hugging Face Hub could not serve it (${cause.replace(/\.$/, '')})`;
  } else if (!/^https?:\/\//i.test(base)) {
    const missing = folders.find((id) => !existsSync(path.join(base, id, 'config.json')));
    if (!existsSync(base)) why = `the model folder ${base} does not exist`;
    else if (missing) why = `${path.join(base, missing)}${path.sep}config.json does not exist`;
  }
  if (why === undefined) return error;
  return new SupportBotError(
    ErrorCode.MODEL_LOAD_FAILED,
    `Failed to load model ${modelId}: ${why}. Please ${MODELS_HINT} to the folder that holds ${folders.map((id) => `${id}/`).join(' and ')} (config.json, tokenizer.json, onnx/model_quantized.onnx).`,
    { cause: error, retryable: error.retryable },
  );
}
