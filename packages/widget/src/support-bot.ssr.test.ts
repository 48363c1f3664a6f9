import { describe, expect, it } from 'vitest';

describe('importing @support-bot/widget in Node (SSR)', () => {
  it('loads the element class and events without our code touching window, document or storage', async () => {
    const traps = ['window', 'document', 'localStorage', 'sessionStorage', 'location'];
    const touched: string[] = [];
    for (const name of traps) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          // Lit's Node build feature-detects `globalThis.document`; only our own code counts.
          const caller = new Error().stack?.split('\n')[2] ?? '';
          if (!caller.includes('node_modules')) touched.push(`${name} from ${caller.trim()}`);
          return undefined;
        },
      });
    }
    try {
      const widget = await import('@support-bot/widget');
      const component = await import('@support-bot/widget/component');
      expect(typeof widget.SupportBotElement).toBe('function');
      expect(component.SupportBotElement).toBe(widget.SupportBotElement);
      expect(new widget.SbReplyEvent('hi', {} as never, 'id').type).toBe('sb-reply');
      expect(widget.stringsFor('zh-CN').send).toBe('发送');
      expect(touched).toEqual([]);
    } finally {
      for (const name of traps) delete (globalThis as Record<string, unknown>)[name];
    }
  });
});
