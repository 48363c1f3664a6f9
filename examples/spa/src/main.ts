/**
 * A single-page app using `@support-bot/widget` from npm: the package defines <support-bot>, the
 * bot is passed as a property (bundled JSON), and the widget lives on the Help route only — it is
 * created again each time that route renders, as a framework would, and picks up the same
 * conversation and the same model worker.
 */
import '@support-bot/widget';
import type { SbReplyEvent } from '@support-bot/widget';
import bot from '../../bots/acme-store.json';

const app = document.querySelector<HTMLElement>('#app')!;

function helpView(): HTMLElement {
  const section = document.createElement('section');
  section.innerHTML = '<h1>Help</h1><p>Ask the assistant in the corner.</p>';
  const widget = document.createElement('support-bot');
  widget.id = 'spa-help';
  widget.config = bot;
  // The workers, onnxruntime-web and the model were copied into public/ by `pnpm run assets`.
  widget.assetsUrl = '/';
  widget.modelBaseUrl = '/models/';
  widget.addEventListener('sb-reply', (e: SbReplyEvent) => {
    console.info('[spa] reply', e.reply.kind, e.reply.intent?.id ?? e.reply.faq?.id ?? '');
  });
  section.append(widget);
  return section;
}

function homeView(): HTMLElement {
  const section = document.createElement('section');
  section.innerHTML =
    '<h1>Acme Outfitters</h1><p>Outdoor clothing for every trail. Open <a href="#/help">Help</a> to chat.</p>';
  return section;
}

function render(): void {
  app.replaceChildren(location.hash === '#/help' ? helpView() : homeView());
}

window.addEventListener('hashchange', render);
render();
