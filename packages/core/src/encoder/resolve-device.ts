/** Where the encoder runs. `cpu` is onnxruntime-node; `wasm`/`webgpu` are onnxruntime-web. */
export type DeviceKind = 'webgpu' | 'wasm' | 'cpu';
/** What a caller may ask for; `auto` picks the best available. */
export type DevicePreference = 'auto' | DeviceKind;

/** Facts about the runtime that decide the device; detected once and frozen. */
export interface RuntimeCapabilities {
  readonly isNode: boolean;
  /** A WebGPU adapter was granted (not merely `navigator.gpu` present). */
  readonly hasWebGPU: boolean;
  /** Cross-origin isolated, so WASM may use threads. */
  readonly crossOriginIsolated: boolean;
}

/**
 * Chooses the device: an explicit preference is honoured; `auto` means WebGPU when an adapter
 * exists, else WASM in browsers and workers, and CPU (onnxruntime-node) in Node.
 */
export function resolveDevice(preference: DevicePreference, caps: RuntimeCapabilities): DeviceKind {
  if (preference !== 'auto') return preference;
  if (caps.isNode) return 'cpu';
  return caps.hasWebGPU ? 'webgpu' : 'wasm';
}

let detected: Promise<RuntimeCapabilities> | undefined;

/** Detects {@link RuntimeCapabilities} once per realm (the WebGPU adapter request is async). */
export function detectCapabilities(): Promise<RuntimeCapabilities> {
  detected ??= (async () => {
    const g = globalThis as {
      process?: { versions?: { node?: string } };
      navigator?: { gpu?: { requestAdapter(): Promise<unknown> } };
      crossOriginIsolated?: boolean;
    };
    const isNode = typeof g.process?.versions?.node === 'string';
    let hasWebGPU = false;
    if (!isNode && g.navigator?.gpu) {
      try {
        hasWebGPU = (await g.navigator.gpu.requestAdapter()) != null;
      } catch {
        hasWebGPU = false;
      }
    }
    return Object.freeze({
      isNode,
      hasWebGPU,
      crossOriginIsolated: g.crossOriginIsolated === true,
    });
  })();
  return detected;
}
