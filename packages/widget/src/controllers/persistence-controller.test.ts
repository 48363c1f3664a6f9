import { describe, expect, it } from 'vitest';
import { fingerprint, PersistenceController } from './persistence-controller.js';

describe('PersistenceController.key', () => {
  it('uses the id, else config-src, else a fingerprint of the inline bot', () => {
    const source = { id: '', persistence: 'session' as const };
    expect(new PersistenceController({ ...source, id: 'help' }).key()).toBe('support-bot:help');
    expect(new PersistenceController({ ...source, configSrc: '/bot.json' }).key()).toBe(
      'support-bot:/bot.json',
    );
    const a = new PersistenceController({ ...source, config: { name: 'Shop A' } }).key();
    const b = new PersistenceController({ ...source, config: { name: 'Shop B' } }).key();
    const a2 = new PersistenceController({ ...source, config: '{"name":"Shop A"}' }).key();
    // Two inline bots never share a conversation; the same bot keeps its key across reloads.
    expect(a).not.toBe(b);
    expect(a).toBe(a2);
    expect(a).toMatch(/^support-bot:inline:[0-9a-f]{8}$/);
  });

  it('fingerprints bytes and text alike', () => {
    const bytes = new TextEncoder().encode('abc');
    expect(fingerprint(bytes)).toBe(fingerprint(bytes.buffer as ArrayBuffer));
    expect(fingerprint('abc')).not.toBe(fingerprint('abd'));
  });
});
