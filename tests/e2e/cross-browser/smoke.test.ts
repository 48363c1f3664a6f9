/**
 * The widget smoke suite in every engine a visitor brings, on single-threaded WASM with the real
 * model: Chromium (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi) and WebKitGTK,
 * the engine of Safari (WebKitWebDriver + MiniBrowser under xvfb-run, webdriverio). The engines
 * run one after another against one server and one compiled index (cheaper than in parallel on
 * a 2-core machine); each fails loudly when its browser is missing. One engine alone:
 * `pnpm exec vitest run tests/e2e/cross-browser -t Firefox`.
 */
import { afterAll, beforeAll, vi } from 'vitest';
import type { TestServer } from '../server.js';
import { launchChromium, launchFirefox, launchWebKit } from './drivers.js';
import { describeSmoke, startSmokeServer } from './smoke.js';

// Real browsers and the real model on a shared machine: bounded, with room for load.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startSmokeServer();
});
afterAll(() => server?.close());

describeSmoke('Chromium', /HeadlessChrome\/\d+/, launchChromium, () => server);
describeSmoke('Firefox ESR', /^firefox\/\d+\./i, launchFirefox, () => server);
describeSmoke('WebKitGTK', /^MiniBrowser 2\.\d+/, launchWebKit, () => server);
