/**
 * `@support-bot/widget/vue`: types `<support-bot>` in Vue 3 templates (vue-tsc / Volar). Import
 * it once, type-only, and tell Vue's compiler the tag is a custom element:
 *
 * @example
 * // main.ts
 * import '@support-bot/widget';
 * import type {} from '@support-bot/widget/vue';
 * // vite.config.ts
 * vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'support-bot' } } })
 * // App.vue
 * <support-bot :config="bot" model-base-url="/models/" @sb-reply="onReply" />
 *
 * Vue sets bindings the element has as properties (`:config`), others as attributes, and
 * `@sb-reply` listens to the `sb-reply` DOM event.
 */
import type { DefineComponent } from 'vue';
import type { SupportBotElement } from '../dist/lib/component.js';
import type {
  SupportBotAttributes,
  SupportBotEventMap,
  SupportBotProperties,
} from './support-bot-props.js';

export type { SupportBotAttributes, SupportBotEventMap, SupportBotProperties };

/** Emits, as Vue's type-checker reads them: `@sb-reply="(e) => ..."` gets an `SbReplyEvent`. */
export type SupportBotEmits = {
  [K in keyof SupportBotEventMap]: (event: SupportBotEventMap[K]) => void;
};

/** `<support-bot>` as a Vue component type (props, emits; the instance is the element). */
export type SupportBotVueComponent = DefineComponent<
  SupportBotAttributes & SupportBotProperties,
  // biome-ignore lint/complexity/noBannedTypes: DefineComponent's slots-free shape.
  {},
  SupportBotElement,
  // biome-ignore lint/complexity/noBannedTypes: no computed.
  {},
  // biome-ignore lint/complexity/noBannedTypes: no methods.
  {},
  // biome-ignore lint/complexity/noBannedTypes: no mixin.
  {},
  // biome-ignore lint/complexity/noBannedTypes: no extends.
  {},
  SupportBotEmits
>;

declare module 'vue' {
  interface GlobalComponents {
    'support-bot': SupportBotVueComponent;
  }
}
