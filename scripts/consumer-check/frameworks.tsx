// <support-bot> typed in React 19 JSX and Vue 3 components through the package's typings.
import type {} from '@support-bot/widget/jsx';
import type { SupportBotVueComponent } from '@support-bot/widget/vue';
import type { GlobalComponents } from 'vue';

export const reactElement = (
  <support-bot
    config-src="/bots/acme-store.json"
    model-base-url="/models/"
    device="wasm"
    onsb-reply={(event) => console.log(event.reply.kind)}
  />
);

// @ts-expect-error `device` only takes auto | wasm | webgpu.
export const wrongDevice = <support-bot device="gpu" />;

export const vueComponent: GlobalComponents['support-bot'] = {} as SupportBotVueComponent;
