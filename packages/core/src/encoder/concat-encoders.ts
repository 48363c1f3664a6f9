import { ErrorCode, SupportBotError } from '../errors.js';
import type { Embeddings, EmbedOptions, Encoder } from './create-encoder.js';
import type { ModelSpec } from './model-table.js';

/**
 * One encoder made of several: each text is embedded by every part and the unit vectors are
 * joined, each scaled by 1/sqrt(parts) so the result is unit length again. The cosine of two
 * joined vectors is then the mean of the parts' cosines, and a linear head sees both views.
 * The parts run one after the other (they share the same CPU or GPU).
 *
 * @example
 * const both = concatEncoders(getModelSpec('all-MiniLM-L6-v2+bge-small-en-v1.5'), [minilm, bge]);
 */
export function concatEncoders(spec: ModelSpec, parts: readonly Encoder[]): Encoder {
  const dims = parts.map((p) => p.model.dimension);
  const total = dims.reduce((a, b) => a + b, 0);
  if (parts.length < 2 || total !== spec.dimension) {
    throw new SupportBotError(
      ErrorCode.MODEL_LOAD_FAILED,
      `Failed to join encoders for ${spec.id}: expected parts adding up to ${spec.dimension} dimensions, got ${parts.map((p) => `${p.model.id} (${p.model.dimension})`).join(' + ') || 'none'}. Please pass the model's parts in order.`,
    );
  }
  const scale = 1 / Math.sqrt(parts.length);
  const first = parts[0]!;
  return {
    model: spec,
    device: first.device,
    dtype: first.dtype,
    loadMs: parts.reduce((sum, p) => sum + p.loadMs, 0),
    async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Embeddings> {
      const out = new Float32Array(texts.length * total);
      let offset = 0;
      let tokenizeMs = 0;
      let inferenceMs = 0;
      let knownTokens: Int32Array | undefined;
      for (const [k, part] of parts.entries()) {
        const { signal, onProgress } = options;
        const e = await part.embed(texts, {
          ...(signal && { signal }),
          ...(onProgress && {
            onProgress: (done, n) => onProgress(Math.round((k * n + done) / parts.length), n),
          }),
        });
        const d = dims[k]!;
        for (let i = 0; i < texts.length; i++) {
          const row = i * total + offset;
          for (let j = 0; j < d; j++) out[row + j] = e.data[i * d + j]! * scale;
        }
        offset += d;
        tokenizeMs += e.tokenizeMs;
        inferenceMs += e.inferenceMs;
        // A text is readable when any part's vocabulary knows some of it.
        if (k === 0) knownTokens = e.knownTokens && Int32Array.from(e.knownTokens);
        else if (knownTokens && e.knownTokens)
          for (let i = 0; i < texts.length; i++)
            knownTokens[i] = Math.max(knownTokens[i]!, e.knownTokens[i]!);
        else knownTokens = undefined;
      }
      return {
        data: out,
        count: texts.length,
        dimension: total,
        tokenizeMs,
        inferenceMs,
        ...(knownTokens && { knownTokens }),
      };
    },
    async dispose(): Promise<void> {
      await Promise.all(parts.map((p) => p.dispose()));
    },
  };
}
