/**
 * Two bots loading at once from different model locations in one process (a multi-tenant Node
 * server, two widgets in one worker) each load their own files, although transformers.js keeps
 * where models live in one global `env`.
 *
 * Location A is the real models directory. Location B is a 127.0.0.1 HTTP server that serves
 * bge-small-en-v1.5's files under the folder name Xenova/all-MiniLM-L6-v2, so an encoder that
 * reads the wrong location gives the other model's embeddings and the test can tell.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEncoder, createSupportBot, type Encoder } from '@support-bot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const PROBE = 'where is my parcel? it was due on Friday';

let server: Server;
let baseB: string;
const requests: string[] = [];
let caches: string;

/** A fresh download cache for location B, so each phase fetches B's files over HTTP. */
async function freshCache(): Promise<string> {
  return mkdtemp(path.join(caches, 'b-'));
}

beforeAll(async () => {
  caches = await mkdtemp(path.join(tmpdir(), 'support-bot-locations-'));
  const impostor = path.join(modelsDir('Xenova/bge-small-en-v1.5'), 'Xenova/bge-small-en-v1.5');
  server = createServer(async (req, res) => {
    requests.push(req.url ?? '');
    const prefix = `/models/${MODEL}/`;
    const file = req.url?.startsWith(prefix)
      ? path.join(impostor, req.url.slice(prefix.length))
      : '';
    try {
      if (!file.startsWith(impostor) || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      res.writeHead(200, { 'content-length': body.byteLength });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseB = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(caches, { recursive: true, force: true });
});

async function probe(encoder: Encoder): Promise<Float32Array> {
  return (await encoder.embed([PROBE])).data;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** transformers.js' file cache in Node, keyed by model id only (`<id>/config.json`). */
function transformersFileCache(): string {
  const entry = createRequire(repoPath('packages/core/package.json')).resolve(
    '@huggingface/transformers',
  );
  const marker = `${path.sep}node_modules${path.sep}@huggingface${path.sep}transformers${path.sep}`;
  return path.join(entry.slice(0, entry.indexOf(marker) + marker.length), '.cache');
}

describe('model locations in one process', () => {
  it('two encoders loading at once from a directory and an HTTP server each load their own model', async () => {
    const dirA = modelsDir(MODEL);
    // Each location alone: the reference embeddings.
    const aloneA = await createEncoder({ modelBaseUrl: dirA });
    const aloneB = await createEncoder({ modelBaseUrl: baseB, cacheDir: await freshCache() });
    const refA = await probe(aloneA);
    const refB = await probe(aloneB);
    await Promise.all([aloneA.dispose(), aloneB.dispose()]);
    // The two locations really hold different models.
    expect(cosine(refA, refB)).toBeLessThan(0.9);

    requests.length = 0;
    const cacheB = await freshCache();
    // A, B and A again, all started in the same tick.
    const [a1, b, a2] = await Promise.all([
      createEncoder({ modelBaseUrl: dirA }),
      createEncoder({ modelBaseUrl: baseB, cacheDir: cacheB }),
      createEncoder({ modelBaseUrl: dirA }),
    ]);
    const got = { a1: await probe(a1), b: await probe(b), a2: await probe(a2) };
    await Promise.all([a1.dispose(), b.dispose(), a2.dispose()]);
    expect(cosine(got.a1, refA)).toBeGreaterThan(0.9999);
    expect(cosine(got.a2, refA)).toBeGreaterThan(0.9999);
    expect(cosine(got.b, refB)).toBeGreaterThan(0.9999);
    // B's files came from B exactly once (one load), and nothing of A's was asked of B.
    expect(requests.filter((url) => url.endsWith('/onnx/model_quantized.onnx'))).toHaveLength(1);
    expect(requests.filter((url) => url.endsWith('/tokenizer.json'))).toHaveLength(1);
    // B's downloads are cached under a folder named after B, not by model id alone in
    // transformers.js' shared cache, where they would later be served to a load from A.
    expect(await readdir(path.join(cacheB, 'locations'))).toEqual([
      baseB
        .replace(/^http:\/\//, '')
        .replace(/[^A-Za-z0-9.-]+/g, '_')
        .replace(/_+$/, ''),
    ]);
    expect(existsSync(path.join(transformersFileCache(), MODEL))).toBe(false);
  });

  it('two bots loading at once from the two locations answer from their own model', async () => {
    const config = {
      name: 'Parcels',
      intents: [
        { id: 'where', examples: ['where is my parcel', 'track my order'], response: 'Tracking.' },
        { id: 'refund', examples: ['I want my money back', 'refund please'], response: 'Refund.' },
      ],
    };
    const dirA = modelsDir(MODEL);
    const similarities = async (modelBaseUrl: string) => {
      const bot = createSupportBot({ config, modelBaseUrl, cacheDir: await freshCache() });
      const reply = await bot.reply(PROBE);
      await bot.dispose();
      return reply.candidates.intents.map((c) => [c.id, c.similarity] as const);
    };
    const refA = await similarities(dirA);
    const refB = await similarities(baseB);
    expect(Math.abs(refA[0]![1] - refB[0]![1])).toBeGreaterThan(0.01);
    const botA = createSupportBot({ config, modelBaseUrl: dirA });
    const botB = createSupportBot({ config, modelBaseUrl: baseB, cacheDir: await freshCache() });
    await Promise.all([botA.ready, botB.ready]);
    for (const [bot, ref] of [
      [botA, refA],
      [botB, refB],
    ] as const) {
      const got = (await bot.reply(PROBE)).candidates.intents;
      expect(got.map((c) => c.id)).toEqual(ref.map(([id]) => id));
      got.forEach((c, k) => {
        expect(c.similarity).toBeCloseTo(ref[k]![1], 4);
      });
    }
    await Promise.all([botA.dispose(), botB.dispose()]);
  });
});
