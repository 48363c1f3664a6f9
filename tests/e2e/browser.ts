import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { modelsDir, repoPath } from '../support/models.js';

export const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';

/** Starts the demo server (examples/script-tag/serve.mjs) on a free 127.0.0.1 port. */
export async function startDemoServer(): Promise<{ server: Server; url: string }> {
  modelsDir('Xenova/all-MiniLM-L6-v2');
  modelsDir('Xenova/bge-small-zh-v1.5');
  if (!existsSync(repoPath('packages/widget/dist/support-bot.js'))) {
    throw new Error(
      '[support-bot tests] The widget is not built: run `pnpm run build` (npm test does it).',
    );
  }
  const { startServer } = (await import(repoPath('examples/script-tag/serve.mjs'))) as {
    startServer(port: number): Promise<Server>;
  };
  const server = await startServer(0);
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Launches Debian's Chromium headless in a fresh profile; fails loudly when it is missing. */
export async function launch(
  options: { webgpu?: boolean } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `[support-bot tests] Chromium is missing at ${CHROMIUM}. Please run \`apt-get install -y chromium\` (npm test does it).`,
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
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the widget, sends a message, and resolves with the bot's answer once it arrives. */
export async function ask(page: Page, text: string): Promise<{ kind: string; text: string }> {
  const widget = page.locator('support-bot');
  const before = await widget.locator('li.bot[data-kind]').count();
  await widget.locator('textarea').fill(text);
  await widget.locator('textarea').press('Enter');
  await page.waitForFunction(
    (n) =>
      (document.querySelector('support-bot')?.shadowRoot?.querySelectorAll('li.bot[data-kind]')
        .length ?? 0) > n,
    before,
    { timeout: 180_000 },
  );
  const last = widget.locator('li.bot[data-kind]').last();
  return {
    kind: (await last.getAttribute('data-kind')) ?? '',
    text: (await last.textContent())?.trim() ?? '',
  };
}
