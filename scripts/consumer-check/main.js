// A consumer's SPA entry: the package defines <support-bot>; the bot is passed as a property and
// the workers, onnxruntime-web and the model come from public/ (copied by support-bot-assets).
import '@support-bot/widget';

fetch('/bots/acme-store.json')
  .then((response) => response.json())
  .then((bot) => {
    const widget = document.createElement('support-bot');
    widget.config = bot;
    widget.assetsUrl = '/';
    widget.modelBaseUrl = '/models/';
    widget.device = 'wasm';
    document.body.append(widget);
  });
