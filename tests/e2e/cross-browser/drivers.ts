/**
 * The engines a visitor brings, behind one small driver interface so the smoke journey is
 * written once:
 *
 * - **Chromium** (Debian's `chromium`), through playwright-core like the other e2e tests.
 * - **Firefox ESR** (Debian's `firefox-esr`), driven by puppeteer-core over WebDriver BiDi,
 *   headless, in a fresh profile.
 * - **WebKitGTK** (the engine of Safari): Debian's `WebKitWebDriver` starting `MiniBrowser
 *   --automation` on a virtual display (`xvfb-run`), driven by webdriverio over classic
 *   WebDriver.
 *
 * Both fail loudly (never skip) when the browser or its driver is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Key, remote } from 'webdriverio';
import { launch as launchChromiumContext } from '../browser.js';

export const FIREFOX = process.env.SUPPORT_BOT_FIREFOX ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.SUPPORT_BOT_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER =
  process.env.SUPPORT_BOT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_RUN = process.env.SUPPORT_BOT_XVFB_RUN ?? '/usr/bin/xvfb-run';

/** A key the journey presses. */
export type JourneyKey = 'Tab' | 'Enter' | 'Escape';

/** What the smoke journey needs from a browser: a page, real input, and in-page scripts. */
export interface SmokeDriver {
  /** The engine's name and version as the browser reports it. */
  readonly version: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (JSON) result. */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** A real click on the element matching `selector` inside `<support-bot>`'s shadow root. */
  clickInWidget(selector: string): Promise<void>;
  /** Real key presses through the browser's input pipeline. */
  press(key: JourneyKey): Promise<void>;
  /** Types `text` key by key into whatever has focus. */
  type(text: string): Promise<void>;
  /** Uncaught page errors seen so far (empty where the protocol cannot report them). */
  readonly errors: string[];
  close(): Promise<void>;
}

function missing(what: string, path: string, pkg: string, env: string): Error {
  return new Error(
    `[support-bot tests] ${what} is missing at ${path}. Please run \`apt-get install -y ${pkg}\` (npm test does it) or set ${env}.`,
  );
}

/** Launches Chromium headless in a fresh profile (see `../browser.ts`). */
export async function launchChromium(): Promise<SmokeDriver> {
  const browser = await launchChromiumContext();
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  return {
    version: await page.evaluate(() => navigator.userAgent),
    errors,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async clickInWidget(selector) {
      // Playwright's CSS selectors pierce open shadow roots.
      await page.locator('support-bot').locator(selector).first().click({ timeout: 30_000 });
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    close: () => browser.close(),
  };
}

/** Launches Firefox ESR headless through WebDriver BiDi, in a fresh profile. */
export async function launchFirefox(): Promise<SmokeDriver> {
  if (!existsSync(FIREFOX))
    throw missing('Firefox ESR', FIREFOX, 'firefox-esr', 'SUPPORT_BOT_FIREFOX');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Keep the browser from phoning home during tests.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) errors.push(m.text());
  });
  return {
    version: await browser.version(),
    errors,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async clickInWidget(selector) {
      const handle = await page.waitForSelector(`support-bot >>> ${selector}`, {
        visible: true,
        timeout: 30_000,
      });
      if (!handle) throw new Error(`No ${selector} in the widget`);
      await handle.click();
      await handle.dispose();
    },
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    close: () => browser.close(),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Stops a process group started with `detached: true` (xvfb-run, Xvfb, the driver, MiniBrowser). */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/**
 * Starts `WebKitWebDriver` under `xvfb-run` (MiniBrowser needs a display) and opens a session
 * with `MiniBrowser --automation` through webdriverio (classic WebDriver).
 */
export async function launchWebKit(): Promise<SmokeDriver> {
  for (const [what, path, pkg, env] of [
    ['WebKitWebDriver', WEBKIT_DRIVER, 'webkit2gtk-driver', 'SUPPORT_BOT_WEBKIT_DRIVER'],
    ['MiniBrowser (WebKitGTK)', MINIBROWSER, 'webkit2gtk-driver', 'SUPPORT_BOT_MINIBROWSER'],
    ['xvfb-run', XVFB_RUN, 'xvfb', 'SUPPORT_BOT_XVFB_RUN'],
  ] as const) {
    if (!existsSync(path)) throw missing(what, path, pkg, env);
  }
  const port = await freePort();
  const driver = spawn(XVFB_RUN, ['-a', WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  driver.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    // The driver listens once Xvfb is up; poll its status endpoint (bounded).
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (driver.exitCode !== null)
        throw new Error(`WebKitWebDriver exited with ${driver.exitCode}: ${stderr}`);
      const ready = await fetch(`http://127.0.0.1:${port}/status`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline)
        throw new Error(`WebKitWebDriver did not start within 30 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    });
    const caps = browser.capabilities as { browserName?: string; browserVersion?: string };
    const keys: Record<JourneyKey, string> = { Tab: Key.Tab, Enter: Key.Enter, Escape: Key.Escape };
    return {
      version: `${caps.browserName ?? 'WebKitGTK'} ${caps.browserVersion ?? ''}`.trim(),
      errors: [],
      async goto(url) {
        await browser.url(url);
      },
      async reload() {
        await browser.refresh();
      },
      evaluate: (fn, arg) => browser.execute(fn as never, arg) as never,
      async clickInWidget(selector) {
        const element = await browser.$('support-bot').shadow$(selector);
        await element.waitForDisplayed({ timeout: 30_000 });
        await element.click();
      },
      async press(key) {
        await browser.keys(keys[key]);
      },
      async type(text) {
        // One action sequence per character: WebKitGTK's driver drops most spaces from a
        // longer sequence ("where ismyorder?"), in a plain page <textarea> too.
        for (const c of text) await browser.keys(c);
      },
      async close() {
        await browser.deleteSession().catch(() => undefined);
        stopGroup(driver);
      },
    };
  } catch (error) {
    stopGroup(driver);
    throw error;
  }
}
