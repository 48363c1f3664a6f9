import { describe, expect, it } from 'vitest';
import { EndpointError, resolveEndpoint } from './resolve-endpoint.js';

const BASE = 'https://shop.example/help/page.html';

describe('resolveEndpoint', () => {
  it('accepts http(s) URLs and paths on the site, resolved against the page', () => {
    expect(resolveEndpoint('/api/support', 'escalation', BASE)).toBe(
      'https://shop.example/api/support',
    );
    expect(resolveEndpoint('./api', 'escalation', BASE)).toBe('https://shop.example/help/api');
    expect(resolveEndpoint('api/feedback', 'feedback', BASE)).toBe(
      'https://shop.example/help/api/feedback',
    );
    expect(resolveEndpoint('HTTPS://llm.example/v1', 'escalation', BASE)).toBe(
      'https://llm.example/v1',
    );
    expect(resolveEndpoint('http://127.0.0.1:8787/api', 'feedback', BASE)).toBe(
      'http://127.0.0.1:8787/api',
    );
  });

  it('refuses every other scheme, however it is disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/plain,x',
      'blob:https://shop.example/x',
      'file:///etc/passwd',
      'ws://shop.example/socket',
      'ftp://shop.example/x',
      'mailto:help@shop.example',
    ]) {
      expect(() => resolveEndpoint(url, 'escalation', BASE), url).toThrow(EndpointError);
    }
  });

  it('says what failed and what to do', () => {
    try {
      resolveEndpoint('javascript:alert(1)', 'feedback', BASE);
      expect.unreachable();
    } catch (error) {
      expect((error as EndpointError).code).toBe('ENDPOINT_INVALID');
      expect((error as Error).message).toMatch(
        /^\[support-bot\] Failed to use the feedback endpoint "javascript:alert\(1\)": only http\(s\) .* Please /,
      );
    }
  });
});
