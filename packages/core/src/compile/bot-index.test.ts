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
    intents: [
      { id: 'a', examples: ['one'], response: { text: 'A', quickReplies: ['b?'] } },
      { id: 'b', examples: ['two'], response: { text: 'B', links: [{ label: 'L', url: '/b' }] } },
    ],
    faq: [{ id: 'f', question: 'q?', answer: 'yes' }],
    escalation: { enabled: true, endpoint: '/api/support' },
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

  // biome-ignore lint/suspicious/noExplicitAny: the tests edit the header as free-form JSON
  type Json = any;

  describe('checks every part of an edited or corrupt index and says what was wrong', () => {
    /** Re-encodes `index` with the JSON header edited by `edit`. */
    function withHeader(edit: (header: Json) => unknown): Uint8Array {
      const bytes = encodeBotIndex(index);
      const view = new DataView(bytes.buffer);
      const headerLength = view.getUint32(8, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
      const replaced = edit(header);
      const json = new TextEncoder().encode(JSON.stringify(replaced ?? header));
      const padded = (json.byteLength + 3) & ~3;
      const out = new Uint8Array(12 + padded + bytes.byteLength - 12 - headerLength);
      out.set(bytes.subarray(0, 12));
      new DataView(out.buffer).setUint32(8, padded, true);
      out.fill(0x20, 12, 12 + padded);
      out.set(json, 12);
      out.set(bytes.subarray(12 + headerLength), 12 + padded);
      return out;
    }
    function failure(bytes: Uint8Array): string {
      try {
        decodeBotIndex(bytes);
      } catch (error) {
        if (isSupportBotError(error, ErrorCode.INDEX_INVALID)) return error.message;
        return `not INDEX_INVALID: ${String(error)}`;
      }
      return 'accepted';
    }
    const cases: [string, (h: Json) => unknown, RegExp][] = [
      [
        'a javascript: link in the config',
        (h) => {
          h.config.intents[1].response.links[0].url = 'javascript:alert(1)';
        },
        /bot config is invalid \(intents\[1\]\.response\.links\[0\]\.url: must be an http\(s\):\/\/, mailto:, tel: or site-relative URL/,
      ],
      [
        'a config that is not an object',
        (h) => {
          h.config = 'hello';
        },
        /its bot config is not an object \(got a string\)/,
      ],
      [
        'an escalation endpoint on another scheme',
        (h) => {
          h.config.escalation.endpoint = 'data:text/html,x';
        },
        /escalation\.endpoint: must be an http\(s\):\/\/ URL/,
      ],
      [
        // One more class than intents is the off-topic class (out-of-scope/); two more is wrong.
        'more classes than intents',
        (h) => {
          h.intent.classes = 4;
        },
        /intent head has 4 classes, the config has 2 intents/,
      ],
      [
        'intent ids that differ from the config',
        (h) => {
          h.intent.ids = ['b', 'a'];
        },
        /intent ids do not match/,
      ],
      [
        'an intent head without intents in the config',
        (h) => {
          h.config.intents = [];
        },
        /it has an intent head but its config has no intents/,
      ],
      [
        'no intent head for a config with intents',
        (h) => {
          delete h.intent;
        },
        /its config has intents but it has no intent head/,
      ],
      [
        'an FAQ entry more than the vectors',
        (h) => {
          h.config.faq.push({ ...h.config.faq[0], id: 'g' });
        },
        /section faq\.owners is 4 bytes, expected 8/,
      ],
      [
        'a NaN temperature',
        (h) => {
          h.intent.temperature = null;
        },
        /intent temperature is not a valid number \(null\)/,
      ],
      [
        'no model id',
        (h) => {
          delete h.model.id;
        },
        /its header names no model/,
      ],
      [
        'a negative dimension',
        (h) => {
          h.model.dimension = -1;
        },
        /model dimension is not valid \(-1\)/,
      ],
      [
        'no section table',
        (h) => {
          delete h.sections;
        },
        /no section table/,
      ],
      [
        'an unknown section',
        (h) => {
          h.sections[0].name = 'faq.secret';
        },
        /section 0 \(faq\.secret\) has an unknown name/,
      ],
      [
        'a section twice',
        (h) => {
          h.sections[1] = { ...h.sections[0] };
        },
        /section faq\.vectors appears twice/,
      ],
      [
        'a section of the wrong kind',
        (h) => {
          h.sections[0].kind = 'float32';
        },
        /section faq\.vectors must be int8rows, not float32/,
      ],
      [
        'a section past the end of the file',
        (h) => {
          h.sections.at(-1).offset += 4096;
        },
        /truncated \(section intent\.bias ends past the end\)/,
      ],
      [
        'a negative offset',
        (h) => {
          h.sections[2].offset = -4;
        },
        /section intent\.examples has an invalid offset or length/,
      ],
      [
        'a row count that does not fit the length',
        (h) => {
          h.sections[0].rows = 2;
        },
        /section faq\.vectors has 2 rows, expected 1/,
      ],
      [
        'a short weights section',
        (h) => {
          h.sections.find((s: { name: string }) => s.name === 'intent.weights').length = 4;
        },
        /section intent\.weights is 4 bytes, expected 32/,
      ],
      [
        'a header that is an array',
        (h) => {
          return [h];
        },
        /its header is not a JSON object/,
      ],
    ];
    it.each(cases)('rejects %s', (_, edit, message) => {
      expect(failure(withHeader(edit))).toMatch(message);
    });

    it('rejects labels outside the classes and non-finite weights in the binary sections', () => {
      const badLabel = structuredClone(index);
      badLabel.intent!.examples.labels = Int32Array.from([0, 7]);
      expect(failure(encodeBotIndex(badLabel))).toMatch(
        /section intent\.labels value 1 is 7, outside 0\.\.1/,
      );
      const nan = structuredClone(index);
      nan.intent!.head.weights[3] = Number.NaN;
      expect(failure(encodeBotIndex(nan))).toMatch(
        /section intent\.weights value 3 is not a finite number/,
      );
      const bytes = encodeBotIndex(index);
      const headerLength = new DataView(bytes.buffer).getUint32(8, true);
      // The first FAQ row's scale (a float32 at the start of the first section) set to NaN.
      new DataView(bytes.buffer).setFloat32(12 + headerLength, Number.NaN, true);
      expect(failure(bytes)).toMatch(/section faq\.vectors row 0 has an invalid scale/);
    });

    it('rejects a header that is not UTF-8 or not JSON, and any truncation, as INDEX_INVALID', () => {
      const bytes = encodeBotIndex(index);
      const garbled = bytes.slice();
      garbled[14] = 0xff;
      expect(failure(garbled)).toMatch(/header is not valid JSON/);
      for (let cut = 0; cut < bytes.byteLength; cut += 7) {
        expect(failure(bytes.subarray(0, cut))).toMatch(
          /^\[support-bot\] Failed to read the compiled bot index: /,
        );
      }
    });
  });

  it('never throws anything but INDEX_INVALID on 3,000 randomly corrupted copies', () => {
    const bytes = encodeBotIndex(index);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const outcomes = { accepted: 0, invalid: 0 };
    for (let n = 0; n < 3000; n++) {
      const copy = bytes.slice();
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--)
        copy[Math.floor(random() * copy.byteLength)] = Math.floor(random() * 256);
      try {
        decodeBotIndex(copy);
        outcomes.accepted++;
      } catch (error) {
        expect({ n, code: isSupportBotError(error) ? error.code : String(error) }).toEqual({
          n,
          code: ErrorCode.INDEX_INVALID,
        });
        outcomes.invalid++;
      }
    }
    // Most corruptions hit the header or the sections' checks; a flip inside a vector is legal.
    expect(outcomes.invalid).toBeGreaterThan(1000);
  });
});
