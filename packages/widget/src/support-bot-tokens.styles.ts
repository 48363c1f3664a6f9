import { css } from 'lit';

/** The dark palette, for `theme="dark"` and for `theme="auto"` on a dark system. */
export const dark = css`
  --sb-accent: #5cc4a4;
  --sb-accent-text: #08140f;
  --sb-surface: #16191c;
  --sb-text: #e8ecef;
  --sb-muted: #a9b3bc;
  --sb-bot-bubble: #252b30;
  --sb-border: #3d464d;
  --sb-notice-bg: #3a3016;
  --sb-notice-text: #f5e3a8;
  --sb-error: #ff9b93;
  color-scheme: dark;
`;

/**
 * Inherited properties a site's stylesheet could push into the widget (through the host or its
 * ancestors), set to the widget's own values. `direction` is left to the page on the host (the
 * launcher's corner mirrors with it) and set by the panel's `dir`.
 */
export const isolation = css`
  font-family: var(--sb-font);
  font-size: var(--sb-font-size);
  font-style: normal;
  font-weight: 400;
  font-variant: normal;
  font-stretch: normal;
  font-kerning: auto;
  font-feature-settings: normal;
  font-variation-settings: normal;
  font-size-adjust: none;
  font-synthesis: weight style small-caps;
  line-height: 1.45;
  letter-spacing: normal;
  word-spacing: normal;
  text-align: start;
  text-align-last: auto;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  text-rendering: auto;
  text-underline-offset: auto;
  text-underline-position: auto;
  text-decoration-thickness: auto;
  text-wrap: wrap;
  white-space-collapse: collapse;
  word-break: normal;
  overflow-wrap: normal;
  hyphens: manual;
  line-break: auto;
  tab-size: 8;
  writing-mode: horizontal-tb;
  text-orientation: mixed;
  list-style: none;
  quotes: auto;
  cursor: auto;
  caret-color: auto;
  color: var(--sb-text);
  -webkit-text-stroke: 0;
  -webkit-text-fill-color: currentColor;
  -webkit-font-smoothing: auto;
  paint-order: normal;
  border-collapse: separate;
  border-spacing: 0;
  caption-side: top;
  empty-cells: show;
  image-rendering: auto;
  orphans: 2;
  widows: 2;
  text-emphasis: none;
  ruby-position: over;
`;
