/**
 * The engine's start-up steps overlap (issue #15, item 3), on the real model in Node: the model's
 * weights are requested while the tokenizer is still downloading (they used to wait for it), and
 * a plain bot file's stored index is read back while the model loads (it used to wait for the
 * model). The browser side (onnxruntime started early, `ready` before the warm-up) is
 * tests/e2e/engine-ready.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEncoder, createSupportBot, type EmbeddingCache } from '@support-bot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir } from '../support/models.js';

const MODEL = 'Xenova/all-MiniLM-L6-v2';
/** How long the server holds tokenizer.json back. */
const HOLD_MS = 1500;

let server: Server;
let base: string;
let cacheDir: string;
const requests: { url: string; at: number }[] = [];

beforeAll(async () => {
  const root = modelsDir(MODEL);
  cacheDir = await mkdtemp(path.join(tmpdir(), 'support-bot-startup-'));
  server = createServer(async (request, response) => {
    const url = request.url ?? '/';
    requests.push({ url, at: performance.now() });
    const file = path.join(root, decodeURIComponent(url.replace(/^\/models\//, '')));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    if (url.endsWith('/tokenizer.json')) await new Promise((r) => setTimeout(r, HOLD_MS));
    const body = readFileSync(file);
    response.writeHead(200, { 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const config = {
  name: 'Bike shop',
  intents: [
    {
      id: 'opening_hours',
      examples: ['when are you open', 'what are your opening hours', 'are you open on sundays'],
      response: 'We are open 9:00-18:00, Monday to Saturday.',
    },
    {
      id: 'refund',
      examples: ['I want my money back', 'how do I get a refund', 'refund my order please'],
      response: 'Refunds go back to your card within 5 working days.',
    },
  ],
};

describe('engine start-up order', () => {
  it('requests the model weights while the tokenizer is still downloading', async () => {
    requests.length = 0;
    const encoder = await createEncoder({ modelBaseUrl: base, cacheDir });
    const asked = (suffix: string) => requests.find((r) => r.url.endsWith(suffix))?.at;
    const tokenizer = asked('/tokenizer.json');
    const weights = asked('/onnx/model_quantized.onnx');
    expect(tokenizer).toBeDefined();
    expect(weights).toBeDefined();
    // Asked before the held tokenizer.json was answered: the two loads run at once.
    expect(weights!).toBeLessThan(tokenizer! + HOLD_MS);
    // And the encoder works.
    const { data, dimension } = await encoder.embed(['when are you open']);
    expect(dimension).toBe(384);
    expect(Math.hypot(...data)).toBeCloseTo(1, 3);
    await encoder.dispose();
  });

  it("reads a plain bot file's stored index while the model loads", async () => {
    const order: string[] = [];
    const cache: EmbeddingCache = {
      get: async (_scope, hashes) => hashes.map(() => undefined),
      put: async () => undefined,
      getIndex: async () => {
        order.push('getIndex');
        return undefined;
      },
      putIndex: async () => undefined,
    };
    const bot = createSupportBot({
      config,
      modelBaseUrl: modelsDir(MODEL),
      device: 'cpu',
      embeddingCache: cache,
    });
    bot.on('model:ready', () => order.push('model:ready'));
    await bot.ready;
    expect(order).toEqual(['getIndex', 'model:ready']);
    // A miss: the bot embedded its examples and answers with the model.
    const reply = await bot.reply('what time do you open');
    expect(reply.degraded).toBe(false);
    expect(reply.intent?.id).toBe('opening_hours');
    await bot.dispose();
  });
});
