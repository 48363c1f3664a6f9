import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { ErrorCode, isSupportBotError } from '../errors.js';
import { type BotIndex, decodeBotIndex, encodeBotIndex, isBotIndex } from './bot-index.js';

function unit(values: number[]): number[] {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
}

const dim = 4;
const index: BotIndex = {
  formatVersion: 1,
  configVersion: 1,
  model: { id: 'Xenova/all-MiniLM-L6-v2', dimension: dim, dtype: 'q8' },
  config: parseBotConfig({
    name: 'x',
    intents: [{ id: 'a', examples: ['one', 'two'], response: 'A' }],
  }),
  intent: {
    ids: ['a', 'b'],
    head: {
      dim,
      classes: 2,
      weights: Float32Array.from([1, -1, 0.5, 0.25, -2, 2, 0, 3]),
      bias: Float32Array.from([0.1, -0.1]),
    },
    temperature: 1.5,
    thresholds: { confidence: 0.4, similarity: 0.3 },
    fitted: true,
    examples: {
      vectors: Float32Array.from([...unit([1, 2, 3, 4]), ...unit([-1, 0.5, 0, 2])]),
      labels: Int32Array.from([0, 1]),
    },
  },
  faq: { vectors: Float32Array.from(unit([0.3, -0.2, 0.9, 0.1])), owners: Int32Array.from([0]) },
  builtAt: '2026-11-22T00:00:00.000Z',
};

describe('compiled bot index', () => {
  it('round-trips: head exactly, vectors within int8 precision', () => {
    const bytes = encodeBotIndex(index);
    expect(isBotIndex(bytes)).toBe(true);
    const back = decodeBotIndex(bytes);
    expect(back.config).toEqual(index.config);
    expect(back.model).toEqual(index.model);
    expect(back.intent!.head.weights).toEqual(index.intent!.head.weights);
    expect(back.intent!.head.bias).toEqual(index.intent!.head.bias);
    expect(back.intent!.thresholds).toEqual(index.intent!.thresholds);
    expect(back.intent!.examples.labels).toEqual(index.intent!.examples.labels);
    back.intent!.examples.vectors.forEach((v, i) => {
      expect(v).toBeCloseTo(index.intent!.examples.vectors[i]!, 2);
    });
    back.faq.vectors.forEach((v, i) => {
      expect(v).toBeCloseTo(index.faq.vectors[i]!, 2);
    });
  });

  it('reads an index from a Node Buffer that is a view into a larger pool', () => {
    const bytes = encodeBotIndex(index);
    const pool = new Uint8Array(bytes.byteLength + 13);
    pool.set(bytes, 13);
    expect(decodeBotIndex(pool.subarray(13)).intent!.head.weights).toEqual(
      index.intent!.head.weights,
    );
  });

  it('rejects bytes that are not an index, truncated files and other format versions', () => {
    const bytes = encodeBotIndex(index);
    const code = (input: Uint8Array) => {
      try {
        decodeBotIndex(input);
      } catch (error) {
        return isSupportBotError(error) ? [error.code, error.message] : ['other', String(error)];
      }
      return ['none', ''];
    };
    expect(code(new TextEncoder().encode('{"name": "bot"}'))).toEqual([
      ErrorCode.INDEX_INVALID,
      expect.stringMatching(/SBIX signature/),
    ]);
    expect(code(bytes.subarray(0, bytes.byteLength - 100))).toEqual([
      ErrorCode.INDEX_INVALID,
      expect.stringMatching(/truncated/),
    ]);
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(4, 99, true);
    expect(code(future)).toEqual([
      ErrorCode.INDEX_INVALID,
      expect.stringMatching(/format version 99.*Please rebuild/),
    ]);
  });
});
