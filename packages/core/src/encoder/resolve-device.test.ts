import { describe, expect, it } from 'vitest';
import { defaultModelFor, getModelSpec } from './model-table.js';
import { resolveDevice } from './resolve-device.js';

describe('resolveDevice', () => {
  const browser = { isNode: false, hasWebGPU: false, crossOriginIsolated: false };
  it('prefers WebGPU when an adapter exists, else WASM in browsers and CPU in Node', () => {
    expect(resolveDevice('auto', { ...browser, hasWebGPU: true })).toBe('webgpu');
    expect(resolveDevice('auto', browser)).toBe('wasm');
    expect(resolveDevice('auto', { ...browser, isNode: true })).toBe('cpu');
  });
  it('honours an explicit choice', () => {
    expect(resolveDevice('wasm', { ...browser, hasWebGPU: true })).toBe('wasm');
    expect(resolveDevice('webgpu', browser)).toBe('webgpu');
  });
});

describe('model table', () => {
  it('picks the Chinese encoder for Chinese bots and MiniLM otherwise', () => {
    expect(defaultModelFor('zh-CN')).toBe('Xenova/bge-small-zh-v1.5');
    expect(defaultModelFor('zh')).toBe('Xenova/bge-small-zh-v1.5');
    expect(defaultModelFor('en-GB')).toBe('Xenova/all-MiniLM-L6-v2');
    expect(getModelSpec('Xenova/e5-small-v2').prefix).toBe('query: ');
  });
  it('rejects unknown models with a suggestion', () => {
    expect(() => getModelSpec('Xenova/bge-small-en')).toThrow(
      /did you mean "Xenova\/bge-small-en-v1.5"/,
    );
  });
});
