/**
 * The `<support-bot>` element's attributes, properties and events as framework typings read them
 * (`@support-bot/widget/jsx` for React, `@support-bot/widget/vue` for Vue). Type-only: nothing
 * here exists at run time.
 */
import type { SupportBotElement } from '../dist/lib/component.js';

/** HTML attributes of `<support-bot>` (kebab-case, string values as in markup). */
export interface SupportBotAttributes {
  /** URL of the bot file (`bot.json` or a compiled `.index`). */
  'config-src'?: string;
  /** Where model folders are served, e.g. `/models/`. Unset: the Hugging Face Hub. */
  'model-base-url'?: string;
  /** Where the engine workers and `ort/` are served. Default: next to the element's module. */
  'assets-url'?: string;
  /** Where onnxruntime-web's `.wasm`/`.mjs` files are. Default: `ort/` inside `assets-url`. */
  'wasm-paths'?: string;
  /** Escalation endpoint (the server adapter). */
  endpoint?: string;
  /** Feedback endpoint; reporting is opt-in. */
  'feedback-endpoint'?: string;
  /** `auto` (default), `wasm` or `webgpu`. */
  device?: SupportBotElement['device'];
  /** `idle` (default) or `open`. */
  preload?: SupportBotElement['preload'];
  /** Whether the panel is open. */
  open?: boolean;
  /** `bottom-right` (default) or `bottom-left`. */
  position?: SupportBotElement['position'];
  /** `light` (default), `dark` or `auto`. */
  theme?: SupportBotElement['theme'];
  /** UI language; default the bot's language, else the page's `lang`, else English. */
  locale?: string;
  /** `session` (default), `local` or `none`. */
  persistence?: SupportBotElement['persistence'];
  /** `local` (default: on-device recognition only), `remote` (the browser's service allowed) or `off`. */
  voice?: SupportBotElement['voice'];
}

/** Properties that only exist as properties (objects): set them from a framework binding. */
export type SupportBotProperties = Partial<
  Pick<
    SupportBotElement,
    | 'config'
    | 'configSrc'
    | 'modelBaseUrl'
    | 'assetsUrl'
    | 'wasmPaths'
    | 'endpoint'
    | 'feedbackEndpoint'
    | 'device'
    | 'preload'
    | 'open'
    | 'position'
    | 'theme'
    | 'locale'
    | 'persistence'
    | 'voice'
    | 'strings'
    | 'actions'
  >
>;

/** The element's own events (`sb-*`), by name. */
export type SupportBotEventMap = {
  [K in keyof HTMLElementEventMap as K extends `sb-${string}` ? K : never]: HTMLElementEventMap[K];
};
