import { describe, expect, it } from 'vitest';
import { lazyChunk } from './lazy-chunk.js';

describe('lazyChunk', () => {
  it('fetches once for every caller, and again after a failed fetch', async () => {
    let calls = 0;
    let fail = true;
    const load = lazyChunk(async () => {
      calls++;
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { ok: calls };
    });
    await expect(Promise.all([load(), load()])).rejects.toThrow(/Failed to fetch/);
    expect(calls).toBe(1);
    fail = false;
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(a).toEqual({ ok: 2 });
    await load();
    expect(calls).toBe(2);
  });
});
