import { env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { withLocation } from './transformers-env.js';

/** A load that records when it ran and what `env` said, and finishes when told to. */
function probeLoad(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const load = async (options: { cache_dir?: string }) => {
    log.push(
      `start ${name} ${env.localModelPath ?? ''}${env.remoteHost} ${options.cache_dir ?? '-'}`,
    );
    await done;
    log.push(`end ${name} ${env.allowLocalModels ? env.localModelPath : env.remoteHost}`);
    return name;
  };
  return { load, finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('withLocation', () => {
  it('lets loads for one location overlap and holds a load for another until they finish', async () => {
    const log: string[] = [];
    const a1 = probeLoad(log, 'a1');
    const b = probeLoad(log, 'b');
    const a2 = probeLoad(log, 'a2');
    const a3 = probeLoad(log, 'a3');
    const pa1 = withLocation({ modelBaseUrl: '/dir-a' }, a1.load);
    const pb = withLocation({ modelBaseUrl: 'http://127.0.0.1:9/m', cacheDir: '/c' }, b.load);
    // a2 arrives after b: it waits behind b instead of jumping the queue.
    const pa2 = withLocation({ modelBaseUrl: '/dir-a/' }, a2.load);
    await tick();
    expect(log).toEqual(['start a1 /dir-a//dir-a/ /dir-a/']);
    a1.finish();
    await pa1;
    await tick();
    expect(log.slice(1)).toEqual([
      'end a1 /dir-a/',
      'start b /dir-a/http://127.0.0.1:9/m/ /c/locations/127.0.0.1_9_m',
    ]);
    // While b runs, env keeps b's settings however long it takes.
    const pa3 = withLocation({ modelBaseUrl: '/dir-a' }, a3.load);
    await tick();
    b.finish();
    await pb;
    await tick();
    expect(log.slice(3)).toEqual([
      'end b http://127.0.0.1:9/m/',
      'start a2 /dir-a//dir-a/ /dir-a/',
      'start a3 /dir-a//dir-a/ /dir-a/',
    ]);
    a2.finish();
    a3.finish();
    await expect(Promise.all([pa2, pa3])).resolves.toEqual(['a2', 'a3']);
  });

  it('releases the location when a load fails, also synchronously', async () => {
    await expect(
      withLocation({ modelBaseUrl: '/x' }, () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(
      withLocation({ modelBaseUrl: '/y' }, async () => Promise.reject(new Error('async boom'))),
    ).rejects.toThrow('async boom');
    await expect(withLocation({ modelBaseUrl: '/z' }, async () => 'ok')).resolves.toBe('ok');
  });
});
