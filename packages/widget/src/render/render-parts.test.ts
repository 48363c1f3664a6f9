import { fillTemplate } from '@support-bot/core/dialogue';
import { nothing, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { renderParts } from './render-parts.js';

const isTemplate = (v: unknown): v is TemplateResult =>
  typeof v === 'object' && v !== null && Array.isArray((v as TemplateResult).strings);

/** As the browser shows it: fixed markup as written, bound text escaped, attributes quoted. */
function toHtml(value: unknown): string {
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (isTemplate(value)) {
    let out = '';
    value.strings.forEach((s, i) => {
      out += s.replace(/\s+/g, ' ');
      if (i >= value.values.length) return;
      const v = value.values[i];
      const attribute = /\s[\w-]+=$/.exec(out);
      if (!attribute) out += toHtml(v);
      else if (v === nothing) out = out.slice(0, -attribute[0].length);
      else out += `"${String(v).replace(/"/g, '&quot;')}"`;
    });
    return out;
  }
  if (value === nothing || value === undefined || value === null) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const render = (template: string, slots: Record<string, string>, result?: unknown) =>
  toHtml(renderParts(fillTemplate(template, slots, result).parts, 'markdown'));

describe('renderParts', () => {
  it("renders the bot file's markdown around filled values", () => {
    expect(
      render('Order **{order}**: {result.status}', { order: 'AC-104233' }, { status: 'shipped' }),
    ).toBe('<p>Order <strong>AC-104233</strong>: shipped</p>');
  });

  it('shows markdown and HTML inside values as text, even inside bold or a link label', () => {
    const html = render(
      'Status: **{result.status}** — [track it]({result.url}) {result.note}',
      {},
      {
        status: '<img src=x onerror=alert(1)> **bold**',
        url: 'javascript:alert(1)',
        note: '[click](https://evil.example) `code`\n- item',
      },
    );
    expect(html).toBe(
      '<p>Status: <strong>&lt;img src=x onerror=alert(1)&gt; **bold**</strong> — track it ' +
        '[click](https://evil.example) `code`\n- item</p>',
    );
  });

  it('keeps a safe link target filled from a value, checked after it is filled', () => {
    expect(render('[Track]({result.url})', {}, { url: 'https://ups.example/t/1' })).toBe(
      '<p><a part="link" href="https://ups.example/t/1" target="_blank" rel="noopener noreferrer">Track</a></p>',
    );
  });

  it('a value cannot name another value or start a list or heading', () => {
    const parts = [
      { text: '', literal: false },
      { text: '\uE0001\uE001', literal: true },
      { text: ' and ', literal: false },
      { text: '# 1. secret', literal: true },
    ];
    expect(toHtml(renderParts(parts, 'markdown'))).toBe('<p>\uE0001\uE001 and # 1. secret</p>');
  });

  it('plain-text replies show everything as text', () => {
    expect(toHtml(renderParts([{ text: '**x**', literal: false }], 'text'))).toBe('<p>**x**</p>');
  });
});
