import type { TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from './render-markdown.js';

/** Flattens templates to `<tag>` markers and text, the way they would render. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join('');
  const t = value as TemplateResult;
  if (t && Array.isArray(t.strings)) {
    return t.strings.reduce(
      (out, s, i) => out + s.replace(/\s+/g, ' ') + (i < t.values.length ? flat(t.values[i]) : ''),
      '',
    );
  }
  return '';
}

describe('renderMarkdown', () => {
  it('renders the subset bot answers use', () => {
    const out = flat(
      renderMarkdown('**Bold** and *it* `code`\n\n- one\n- [two](/two)\n\n1. first\n2. second'),
    );
    expect(out).toContain('<strong>Bold</strong>');
    expect(out).toContain('<em>it</em>');
    expect(out).toContain('<code>code</code>');
    expect(out).toMatch(/<ul><li>one<\/li><li><a part="link" href=\/two>two<\/a><\/li><\/ul>/);
    expect(out).toContain('<ol><li>first</li><li>second</li></ol>');
  });

  it('keeps HTML as text values, never as template markup', () => {
    const template = renderMarkdown('<img src=x onerror=alert(1)>')[0]!;
    // The markup parts are only our own fixed tags; the payload is a bound (text) value.
    expect(template.strings.join('')).not.toContain('img');
    expect(flat(template)).toContain('<img src=x onerror=alert(1)>');
  });

  it('turns unsafe links into their label text', () => {
    expect(renderInline('[x](javascript:alert(1))')).toEqual(['x']);
    expect(flat(renderInline('see https://acme.example/a.'))).toContain('target="_blank"');
  });
});
