import { css } from 'lit';
import { dark, isolation } from './support-bot-tokens.styles.js';

/**
 * Styles of `<support-bot>`. Every colour and size is a `--sb-*` custom property set on `:host`,
 * so a site themes the widget from its own stylesheet (`support-bot { --sb-accent: #c00 }`) and
 * reaches any piece through `::part()`. Logical properties (`inset-inline-end`, ...) mirror the
 * layout in right-to-left languages.
 */
export const styles = css`
  :host {
    --sb-accent: #1f6f5c;
    --sb-accent-text: #ffffff;
    --sb-surface: #ffffff;
    --sb-text: #1b1f23;
    --sb-muted: #58616b;
    --sb-bot-bubble: #eef2f1;
    --sb-bot-text: var(--sb-text);
    --sb-user-bubble: var(--sb-accent);
    --sb-user-text: var(--sb-accent-text);
    --sb-border: #c9d1ce;
    --sb-focus: var(--sb-accent);
    --sb-notice-bg: #fff4d6;
    --sb-notice-text: #4a3800;
    --sb-error: #a4282a;
    --sb-radius: 14px;
    --sb-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC',
      'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
    --sb-font-size: 15px;
    --sb-z-index: 2147483000;
    --sb-panel-width: 380px;
    --sb-panel-height: 560px;
    --sb-offset: 20px;
    position: fixed;
    inset-block-end: var(--sb-offset);
    inset-inline-end: var(--sb-offset);
    z-index: var(--sb-z-index);
    color-scheme: light;
  }
  /* On the top-level pieces too: a page rule on support-bot itself beats :host. */
  :host,
  .launcher,
  .panel {
    ${isolation}
  }
  :host([position='bottom-left']) {
    inset-inline-end: auto;
    inset-inline-start: var(--sb-offset);
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid var(--sb-focus);
    outline-offset: 2px;
  }
  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    display: block;
  }
  .icon.down {
    transform: scaleY(-1);
  }

  /* Launcher */
  .launcher {
    inline-size: 56px;
    block-size: 56px;
    padding: 0;
    border-radius: 50%;
    border: none;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    display: grid;
    place-items: center;
    transition: transform 120ms ease-out;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher .icon {
    inline-size: 28px;
    block-size: 28px;
  }
  .launcher:focus-visible {
    outline-offset: 3px;
  }

  /* Panel */
  .panel {
    position: absolute;
    inset-block-end: 72px;
    inset-inline-end: 0;
    inline-size: var(--sb-panel-width);
    block-size: var(--sb-panel-height);
    max-block-size: calc(100vh - 110px);
    max-inline-size: calc(100vw - 2 * var(--sb-offset));
    display: flex;
    flex-direction: column;
    background: var(--sb-surface);
    color: var(--sb-text);
    border: 1px solid var(--sb-border);
    border-radius: var(--sb-radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
    margin: 0;
    padding: 0;
    inset-block-start: auto;
    inset-inline-start: auto;
    animation: sb-in 160ms ease-out;
  }
  .panel:not([open]) {
    display: none;
  }
  .panel::backdrop {
    background: transparent;
  }
  :host([position='bottom-left']) .panel {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  @keyframes sb-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  /* Small screens: the panel takes the whole viewport, above the launcher. */
  @media (max-width: 480px), (max-height: 520px) {
    .panel,
    .panel:modal {
      position: fixed;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      max-block-size: none;
      max-inline-size: none;
      border: none;
      border-radius: 0;
    }
    :host([open]) .launcher {
      display: none;
    }
  }

  header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 8px 10px 16px;
    padding-inline: 16px 8px;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
    --sb-focus: var(--sb-accent-text);
  }
  header h2 {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    min-inline-size: 36px;
    min-block-size: 36px;
    padding: 6px;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: inherit;
  }
  .icon-button:hover:not(:disabled) {
    background: color-mix(in srgb, currentColor 14%, transparent);
  }
  header .icon-button:focus-visible {
    outline-offset: -3px;
  }

  .progress {
    padding: 8px 16px;
    font-size: 0.85em;
    color: var(--sb-muted);
    border-block-end: 1px solid var(--sb-border);
  }
  .progress progress {
    display: block;
    inline-size: 100%;
    block-size: 6px;
    margin-block-start: 4px;
    accent-color: var(--sb-accent);
  }
  .notice {
    margin: 8px 12px 0;
    padding: 8px 10px;
    border-radius: 8px;
    background: var(--sb-notice-bg);
    color: var(--sb-notice-text);
    font-size: 0.85em;
  }

  /* Messages */
  .messages {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 14px 12px;
  }
  .messages:focus-visible {
    outline-offset: -3px;
  }
  .messages > ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .message {
    max-inline-size: 85%;
    padding: 9px 12px;
    border-radius: 14px;
    overflow-wrap: anywhere;
  }
  .message p {
    margin: 0 0 6px;
  }
  .message .text > :last-child,
  .message p:last-child {
    margin-block-end: 0;
  }
  .message ul,
  .message ol {
    margin: 4px 0 6px;
    padding-inline-start: 20px;
    display: block;
  }
  /* The log itself is an <ol>; lists inside answers keep their own markers at any depth. */
  .message ul {
    list-style: disc;
  }
  .message ol {
    list-style: decimal;
  }
  .message code {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 0.9em;
    padding: 0 3px;
    border-radius: 4px;
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .message a {
    color: inherit;
    text-decoration-thickness: 1px;
    text-underline-offset: 2px;
  }
  .bot {
    align-self: flex-start;
    background: var(--sb-bot-bubble);
    color: var(--sb-bot-text);
    border-end-start-radius: 4px;
  }
  .user {
    align-self: flex-end;
    background: var(--sb-user-bubble);
    color: var(--sb-user-text);
    border-end-end-radius: 4px;
  }
  /* Controls inside the visitor's bubble are ringed in its text colour; the bubble itself in the accent. */
  .user > * {
    --sb-focus: var(--sb-user-text);
  }
  li.message:focus-visible {
    outline-offset: 2px;
  }
  .user .text {
    white-space: pre-wrap;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin-block-start: 6px;
    font-size: 0.9em;
  }
  .source {
    margin-block-start: 6px;
    font-size: 0.85em;
    color: var(--sb-muted);
  }
  .source a {
    color: inherit;
  }
  .feedback {
    display: flex;
    align-items: center;
    gap: 2px;
    margin-block-start: 4px;
    margin-inline-start: -6px;
    color: var(--sb-muted);
    font-size: 0.85em;
  }
  .feedback .icon-button {
    min-inline-size: 30px;
    min-block-size: 30px;
    padding: 5px;
  }
  .feedback .icon {
    inline-size: 16px;
    block-size: 16px;
  }
  .feedback .icon-button[aria-pressed='true'] {
    color: var(--sb-accent);
  }
  .feedback .icon-button:disabled:not([aria-pressed='true']) {
    opacity: 0.45;
  }
  .failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    margin-block-start: 6px;
    font-size: 0.85em;
  }
  .retry {
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    padding: 1px 10px;
  }

  .typing {
    min-block-size: 0;
    padding: 0 16px;
  }
  .typing:not(:empty) {
    padding-block-end: 6px;
  }
  .typing .dot {
    display: inline-block;
    inline-size: 7px;
    block-size: 7px;
    margin-inline-end: 4px;
    border-radius: 50%;
    background: var(--sb-muted);
    animation: sb-blink 1s infinite;
  }
  .typing .dot:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing .dot:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes sb-blink {
    50% {
      opacity: 0.2;
    }
  }

  /* One row that scrolls sideways: however many chips, the log keeps its height. */
  .chips {
    display: flex;
    flex-wrap: nowrap;
    flex-shrink: 0;
    gap: 6px;
    padding: 4px 12px 8px;
    overflow-x: auto;
    overscroll-behavior-inline: contain;
    scrollbar-width: thin;
  }
  .chip {
    flex: 0 0 auto;
    max-inline-size: min(16em, 75%);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    border: 1px solid var(--sb-accent);
    background: var(--sb-surface);
    color: var(--sb-text);
    border-radius: 999px;
    padding: 4px 12px;
    font-size: 0.9em;
  }
  .chip:hover {
    background: color-mix(in srgb, var(--sb-accent) 12%, var(--sb-surface));
  }

  .status-row {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 0 16px;
  }
  .status-row:has(> .status:empty):not(:has(> .undo)) {
    display: none;
  }
  .status {
    flex: 1;
    margin: 0;
    font-size: 0.85em;
    color: var(--sb-muted);
  }
  .undo {
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    padding: 1px 10px;
    font-size: 0.85em;
    color: var(--sb-text);
  }
  .voice-notice {
    margin: 0;
    padding: 4px 16px 0;
    font-size: 0.78em;
    line-height: 1.35;
    color: var(--sb-muted);
  }
  .feedback-notice {
    margin: 0;
    padding: 4px 16px 0;
    font-size: 0.78em;
    line-height: 1.35;
    color: var(--sb-muted);
  }
  .status.listening {
    color: var(--sb-accent);
    font-weight: 600;
  }

  form {
    display: flex;
    flex-shrink: 0;
    align-items: flex-end;
    gap: 6px;
    padding: 10px;
    border-block-start: 1px solid var(--sb-border);
  }
  textarea {
    flex: 1;
    min-inline-size: 0;
    resize: none;
    min-block-size: 42px;
    max-block-size: 120px;
    field-sizing: content;
    padding: 10px 12px;
    border: 1px solid var(--sb-border);
    border-radius: 12px;
    background: var(--sb-surface);
    color: var(--sb-text);
    line-height: 1.35;
  }
  textarea::placeholder {
    color: var(--sb-muted);
    opacity: 1;
  }
  textarea:focus-visible {
    outline-offset: 0;
  }
  .mic {
    flex-shrink: 0;
    color: var(--sb-muted);
    min-block-size: 42px;
  }
  .mic[aria-pressed='true'] {
    color: var(--sb-accent-text);
    background: var(--sb-accent);
    animation: sb-pulse 1.2s ease-in-out infinite;
  }
  @keyframes sb-pulse {
    50% {
      box-shadow: 0 0 0 5px color-mix(in srgb, var(--sb-accent) 30%, transparent);
    }
  }
  .send {
    flex-shrink: 0;
    min-block-size: 42px;
    border: none;
    border-radius: 12px;
    padding: 0 16px;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
    font-weight: 600;
  }
  .send:disabled {
    opacity: 0.55;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
    .typing .dot:nth-child(2) {
      opacity: 0.6;
    }
    .typing .dot:nth-child(3) {
      opacity: 0.3;
    }
  }
  @media (forced-colors: active) {
    .launcher,
    .send,
    .message,
    .chip {
      border: 1px solid CanvasText;
    }
  }
`;
