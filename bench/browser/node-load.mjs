/**
 * Child process of browser-speed.mjs: time for `createSupportBot` from a compiled index to become
 * ready in Node (onnxruntime-node, default threads), in a fresh process, `repeats` times in a row
 * (the first pays the runtime's start-up, the next find it initialised).
 *
 * Usage: node bench/browser/node-load.mjs <bot.index> <models dir> [repeats=2]
 * Prints one JSON array on stdout.
 */
import { readFileSync } from 'node:fs';
import { createSupportBot } from '@support-bot/core';

const [file, modelsDir, repeatsArg = '2'] = process.argv.slice(2);
const repeats = Math.max(1, Math.min(5, Number(repeatsArg)));
const out = [];
for (let i = 0; i < repeats; i++) {
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const readMs = performance.now() - t0;
  const started = performance.now();
  const bot = createSupportBot({ config: bytes, modelBaseUrl: modelsDir, source: file });
  let modelMs = Number.NaN;
  let indexMs = Number.NaN;
  bot.on('model:ready', (e) => {
    modelMs = e.loadMs;
  });
  bot.on('index:ready', (e) => {
    indexMs = e.ms;
  });
  const info = await bot.ready;
  const readyMs = performance.now() - started;
  const t1 = performance.now();
  await bot.reply('hello, where is my order?');
  const firstReplyMs = performance.now() - t1;
  await bot.dispose();
  out.push({ readMs, readyMs, modelMs, indexMs, firstReplyMs, device: info.device });
}
process.stdout.write(JSON.stringify(out));
