/**
 * React 19 renders custom elements natively: properties it knows from the element (like `config`)
 * are set as properties, `onSb*` props become listeners for the `sb-*` events. Importing
 * `@support-bot/widget/jsx` types `<support-bot>` in JSX; a typo in an attribute is a type error.
 */
import '@support-bot/widget';
import type { SbReplyEvent } from '@support-bot/widget';
import type {} from '@support-bot/widget/jsx';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import bot from '../../bots/acme-store.json';

function App() {
  const [lastKind, setLastKind] = useState('none yet');
  return (
    <main>
      <h1>Acme Outfitters (React)</h1>
      <p>
        Last reply: <output id="last-kind">{lastKind}</output>
      </p>
      {/* The workers, onnxruntime-web and the model were copied into public/ by `pnpm run assets`.
          preload="idle": a demo page is there to chat, so the model loads once the page is idle;
          the default ("intent") would wait for the visitor to hover, focus or open the chat. */}
      <support-bot
        config={bot}
        assets-url="/"
        model-base-url="/models/"
        preload="idle"
        onsb-reply={(event: SbReplyEvent) => setLastKind(event.reply.kind)}
      />
    </main>
  );
}

createRoot(document.querySelector('#root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
