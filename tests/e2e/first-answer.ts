/**
 * What the first-answer tests (issue #15) share: typing a message, waiting for finished answers,
 * whether the engine is ready, and holding the model's requests back until released.
 */
import type { Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { widget } from './browser.js';

/** A finished bot answer (not the greeting, not still streaming). */
export const FINISHED = 'li.bot[data-kind]:not(.greeting)[aria-busy="false"]';

/** Types `text` into the widget and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await w.locator('textarea').fill(text);
  await w.locator('textarea').press('Enter');
}

/** Waits until `n` answers are finished; resolves with the ms it took. */
export async function waitAnswers(page: Page, n: number, timeout: number): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    ({ sel, count }) =>
      (document.querySelector('support-bot')?.shadowRoot?.querySelectorAll(sel).length ?? 0) >=
      count,
    { sel: FINISHED, count: n },
    { timeout },
  );
  return Date.now() - started;
}

/** The engine's info: undefined until the model is ready. */
export const engineInfo = (page: Page) =>
  page.evaluate(
    () => (document.querySelector('support-bot') as unknown as { info?: unknown }).info,
  );

/**
 * Holds every request for the model back until `release()`; `held` are the requests waiting.
 * Call before the page loads.
 */
export async function holdModel(page: Page): Promise<{ held: Route[]; release(): Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route('**/models/**', (route) => {
    if (released) return route.continue();
    held.push(route);
  });
  return {
    held,
    async release() {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

/** Opens the chat and waits until the model has been asked for (and held back). */
export async function openWhileHeld(page: Page, held: readonly Route[]): Promise<void> {
  await widget(page).locator('.launcher').click();
  await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);
}
