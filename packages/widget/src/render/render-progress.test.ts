import { describe, expect, it } from 'vitest';
import { loadProgress } from './render-progress.js';

describe('loadProgress', () => {
  it('counts the download, then the indexing, and never looks finished while loading', () => {
    expect(loadProgress({ phase: 'model', progress: 0 })).toBe(0);
    expect(loadProgress({ phase: 'model', progress: 0.5 })).toBeCloseTo(0.4);
    // A finished download is not "ready": indexing and session start still follow.
    expect(loadProgress({ phase: 'model', progress: 1 })).toBeCloseTo(0.8);
    expect(loadProgress({ phase: 'index', progress: 0.5 })).toBeCloseTo(0.9);
    expect(loadProgress({ phase: 'index', progress: 1 })).toBeLessThan(1);
    expect(loadProgress({ phase: 'model', progress: Number.NaN })).toBeNaN();
  });
});
