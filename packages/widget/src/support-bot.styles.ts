import { css } from 'lit';

export const styles = css`
  :host {
    --sb-accent: #1f6f5c;
    --sb-accent-text: #ffffff;
    --sb-surface: #ffffff;
    --sb-text: #1b1f23;
    --sb-muted: #5b6470;
    --sb-bot-bubble: #eef2f1;
    --sb-user-bubble: var(--sb-accent);
    --sb-user-text: var(--sb-accent-text);
    --sb-border: #d5dbd9;
    --sb-radius: 14px;
    --sb-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif;
    --sb-z-index: 2147483000;
    --sb-panel-width: 380px;
    --sb-panel-height: 560px;
    position: fixed;
    inset-block-end: 20px;
    inset-inline-end: 20px;
    z-index: var(--sb-z-index);
    font-family: var(--sb-font);
    color: var(--sb-text);
  }
  :host([position='bottom-left']) {
    inset-inline-end: auto;
    inset-inline-start: 20px;
  }
  :host([theme='dark']) {
    --sb-surface: #15191c;
    --sb-text: #e8ecef;
    --sb-muted: #a3adb7;
    --sb-bot-bubble: #232a2e;
    --sb-border: #343c41;
    --sb-accent: #4fb596;
    --sb-accent-text: #0b1512;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --sb-surface: #15191c;
      --sb-text: #e8ecef;
      --sb-muted: #a3adb7;
      --sb-bot-bubble: #232a2e;
      --sb-border: #343c41;
      --sb-accent: #4fb596;
      --sb-accent-text: #0b1512;
    }
  }
  * {
    box-sizing: border-box;
  }
  button,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--sb-accent);
    outline-offset: 2px;
  }
  .launcher {
    inline-size: 56px;
    block-size: 56px;
    border-radius: 50%;
    border: none;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
    cursor: pointer;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    display: grid;
    place-items: center;
  }
  .launcher svg {
    inline-size: 28px;
    block-size: 28px;
  }
  .panel {
    position: absolute;
    inset-block-end: 72px;
    inset-inline-end: 0;
    inline-size: var(--sb-panel-width);
    block-size: var(--sb-panel-height);
    max-block-size: calc(100vh - 110px);
    display: flex;
    flex-direction: column;
    background: var(--sb-surface);
    border: 1px solid var(--sb-border);
    border-radius: var(--sb-radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
    animation: sb-in 160ms ease-out;
  }
  :host([position='bottom-left']) .panel {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  .panel[hidden] {
    display: none;
  }
  @keyframes sb-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel,
    .typing span {
      animation: none;
    }
  }
  @media (max-width: 480px) {
    .panel {
      position: fixed;
      inset: 0;
      inline-size: auto;
      block-size: auto;
      max-block-size: none;
      border-radius: 0;
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 14px;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
  }
  header h2 {
    flex: 1;
    margin: 0;
    font-size: 1rem;
  }
  header button {
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 8px;
    padding: 2px 8px;
    cursor: pointer;
    color: inherit;
    font-size: 0.8rem;
  }
  header .close {
    border: none;
    font-size: 1.4rem;
    line-height: 1;
  }
  .progress {
    padding: 8px 14px;
    font-size: 0.8rem;
    color: var(--sb-muted);
  }
  .progress progress {
    inline-size: 100%;
    accent-color: var(--sb-accent);
  }
  .notice {
    margin: 8px 14px 0;
    padding: 8px 10px;
    border-radius: 8px;
    background: #fff4d6;
    color: #4a3800;
    font-size: 0.8rem;
  }
  .messages {
    flex: 1;
    overflow-y: auto;
    margin: 0;
    padding: 14px;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .message {
    max-inline-size: 85%;
    padding: 9px 12px;
    border-radius: 12px;
    line-height: 1.4;
    overflow-wrap: anywhere;
    font-size: 0.92rem;
  }
  .message p {
    margin: 0 0 6px;
  }
  .message p:last-child {
    margin-block-end: 0;
  }
  .message ul {
    margin: 4px 0;
    padding-inline-start: 18px;
  }
  .message a {
    color: inherit;
  }
  .bot {
    align-self: flex-start;
    background: var(--sb-bot-bubble);
  }
  .user {
    align-self: flex-end;
    background: var(--sb-user-bubble);
    color: var(--sb-user-text);
  }
  .user .text {
    white-space: pre-wrap;
  }
  .meta {
    display: flex;
    gap: 6px;
    align-items: center;
    margin-block-start: 6px;
    font-size: 0.75rem;
    color: var(--sb-muted);
  }
  .meta button {
    border: 1px solid var(--sb-border);
    background: var(--sb-surface);
    border-radius: 6px;
    cursor: pointer;
    padding: 0 6px;
  }
  .meta button[aria-pressed='true'] {
    border-color: var(--sb-accent);
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-block-start: 6px;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0 14px 8px;
  }
  .chip {
    border: 1px solid var(--sb-accent);
    background: var(--sb-surface);
    color: var(--sb-text);
    border-radius: 999px;
    padding: 4px 12px;
    cursor: pointer;
    font-size: 0.85rem;
  }
  .typing span {
    display: inline-block;
    inline-size: 6px;
    block-size: 6px;
    margin-inline-end: 3px;
    border-radius: 50%;
    background: var(--sb-muted);
    animation: sb-blink 1s infinite;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes sb-blink {
    50% {
      opacity: 0.2;
    }
  }
  form {
    display: flex;
    gap: 8px;
    padding: 10px;
    border-block-start: 1px solid var(--sb-border);
  }
  textarea {
    flex: 1;
    resize: none;
    min-block-size: 40px;
    max-block-size: 120px;
    padding: 9px 10px;
    border: 1px solid var(--sb-border);
    border-radius: 10px;
    background: var(--sb-surface);
  }
  .send {
    border: none;
    border-radius: 10px;
    padding: 0 14px;
    background: var(--sb-accent);
    color: var(--sb-accent-text);
    cursor: pointer;
  }
  .send:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
