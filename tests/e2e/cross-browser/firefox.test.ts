/**
 * The widget smoke suite in Firefox ESR (Debian's firefox-esr, headless, WebDriver BiDi through
 * puppeteer-core) on single-threaded WASM with the real model. Fails if Firefox is missing.
 */
import { vi } from 'vitest';
import { launchFirefox } from './drivers.js';
import { describeSmoke } from './smoke.js';

// A real browser and the real model on a shared machine: bounded, with room for load.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describeSmoke('Firefox ESR', /^firefox\/\d+\./i, launchFirefox);
