/**
 * `@support-bot/widget/jsx`: types `<support-bot>` in React 19 JSX. Import it once, type-only:
 *
 * @example
 * import '@support-bot/widget';
 * import type {} from '@support-bot/widget/jsx';
 * <support-bot config={bot} model-base-url="/models/" onsb-reply={(e) => log(e.reply.kind)} />
 *
 * React 19 sets props the element has as properties (`config`, `strings`), others as attributes,
 * and turns `on<event-name>` props into listeners, so `onsb-reply` listens to `sb-reply`.
 */
import type { SupportBotElement } from '../dist/lib/component.js';
import type {
  SupportBotAttributes,
  SupportBotEventMap,
  SupportBotProperties,
} from './support-bot-props.js';

export type { SupportBotAttributes, SupportBotEventMap, SupportBotProperties };

/** `onsb-reply`, `onsb-error`, ...: React 19 listens to the event named after `on`. */
export type SupportBotEventProps = {
  [K in keyof SupportBotEventMap as `on${K}`]?: (event: SupportBotEventMap[K]) => void;
};

/** Everything `<support-bot>` accepts in React JSX. */
export type SupportBotJsxProps = SupportBotAttributes &
  SupportBotProperties &
  SupportBotEventProps & {
    id?: string;
    class?: string;
    className?: string;
    style?: import('react').CSSProperties;
    slot?: string;
    hidden?: boolean;
    lang?: string;
    dir?: string;
    key?: import('react').Key | null;
    ref?: import('react').Ref<SupportBotElement>;
    children?: import('react').ReactNode;
  };

declare module 'react' {
  // Module augmentation of React's JSX namespace: the only way React reads intrinsic elements.
  namespace JSX {
    interface IntrinsicElements {
      'support-bot': SupportBotJsxProps;
    }
  }
}
