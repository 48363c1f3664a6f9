import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the real models are: `$SUPPORT_BOT_MODELS`, else `<repo>/../shared/models`. Tests that
 * need a model call this and fail loudly (never skip) when it is missing.
 */
export function modelsDir(modelId = 'Xenova/all-MiniLM-L6-v2'): string {
  const dir = process.env.SUPPORT_BOT_MODELS ?? path.resolve(REPO_ROOT, '../shared/models');
  const file = path.join(dir, modelId, 'onnx', 'model_quantized.onnx');
  if (!existsSync(file)) {
    throw new Error(
      `[support-bot tests] The real model ${modelId} is missing: ${file} does not exist. ` +
        'Please put the models in ../shared/models beside the repository, or set SUPPORT_BOT_MODELS to their directory.',
    );
  }
  return `${dir.replace(/\/+$/, '')}/`;
}

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}
