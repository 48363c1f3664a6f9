/**
 * Real headless Chromium for the widget tests: Debian's /usr/bin/chromium driven by
 * playwright-core, each launch in a fresh profile. Fails loudly (never skips) when Chromium is
 * missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium headless in a fresh profile (`webgpu` adds `--enable-unsafe-webgpu`). */
export async function launch(
  options: { webgpu?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `[support-bot tests] Chromium is missing at ${CHROMIUM}. Please run \`apt-get install -y chromium\` (npm test does it) or set SUPPORT_BOT_CHROMIUM.`,
    );
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'support-bot-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.webgpu) args.push('--enable-unsafe-webgpu');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ...(options.viewport && { viewport: options.viewport }),
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Problems a page reported: uncaught errors and Content-Security-Policy violations. */
export interface PageProblems {
  errors: string[];
  csp: string[];
}

/**
 * Opens a new page that records uncaught errors and CSP violations (from the page and its
 * workers) into `problems`.
 */
export async function newPage(
  context: BrowserContext,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], csp: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content.Security.Policy|Refused to/i.test(text)) problems.csp.push(text);
  });
  await page.exposeFunction('__sbCsp', (v: string) => problems.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __sbCsp(v: string): void }).__sbCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  return { page, problems };
}

/** The widget's locator (`#id` for a second widget on the page). */
export function widget(page: Page, id?: string): Locator {
  return page.locator(id ? `support-bot#${id}` : 'support-bot').first();
}

/** Waits until the widget's engine is ready (model loaded or degraded). */
export async function waitReady(page: Page, id?: string, timeout = 240_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel) as (Element & { info?: unknown }) | null;
      return el?.info !== undefined;
    },
    id ? `support-bot#${id}` : 'support-bot',
    { timeout },
  );
}

/** Opens the widget (if closed), sends `text`, and resolves with the bot's finished answer. */
export async function ask(
  page: Page,
  text: string,
  id?: string,
): Promise<{ kind: string; text: string }> {
  const w = widget(page, id);
  if ((await w.getAttribute('open')) === null) await w.locator('.launcher').click();
  const answers = w.locator('li.bot[data-kind]:not(.greeting)');
  const before = await answers.count();
  await w.locator('textarea').fill(text);
  await w.locator('textarea').press('Enter');
  await page.waitForFunction(
    ({ sel, n }) => {
      const root = document.querySelector(sel)?.shadowRoot;
      const done = root?.querySelectorAll('li.bot[data-kind]:not(.greeting)[aria-busy="false"]');
      return (done?.length ?? 0) > n && !root?.querySelector('.typing .dot');
    },
    { sel: id ? `support-bot#${id}` : 'support-bot', n: before },
    { timeout: 240_000 },
  );
  const last = answers.last();
  return {
    kind: (await last.getAttribute('data-kind')) ?? '',
    text: ((await last.locator('.text').textContent()) ?? '').trim(),
  };
}
