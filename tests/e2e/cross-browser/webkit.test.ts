/**
 * The widget smoke suite in WebKitGTK, the engine of Safari (Debian's WebKitWebDriver and
 * MiniBrowser on a virtual display, classic WebDriver through webdriverio) on single-threaded
 * WASM with the real model. Fails if WebKitGTK, its driver or xvfb-run is missing.
 */
import { vi } from 'vitest';
import { launchWebKit } from './drivers.js';
import { describeSmoke } from './smoke.js';

// A real browser and the real model on a shared machine: bounded, with room for load.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describeSmoke('WebKitGTK', /^MiniBrowser 2\.\d+/, launchWebKit);
