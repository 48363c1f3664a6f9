import type { TemplatePart } from '@support-bot/core/dialogue';
import { html, type TemplateResult } from 'lit';
import { renderMarkdown } from './render-markdown.js';

// Private-use characters: a token no bot file or markdown rule uses, with the value's index.
const TOKEN = /\uE000(\d+)\uE001/g;
const TOKEN_CHARS = /[\uE000\uE001]/g;

/**
 * Renders a dialogue reply filled from a template: the bot file's own text (`literal: false`)
 * as markdown when `format` is `markdown`, and every filled value (`literal: true`: a slot, an
 * action's result field, a handler's text) as plain text wherever it sits, even inside `**bold**`
 * or a link label. Values are swapped for tokens before the markdown is parsed and put back as
 * text afterwards, so a value holding `**x**`, `[a](javascript:…)` or `<img onerror>` shows
 * exactly as typed and never creates an element.
 *
 * @example
 * renderParts([{ text: 'Order **', literal: false }, { text: '<b>AC-1</b>', literal: true },
 *   { text: '**', literal: false }], 'markdown') // <strong>&lt;b&gt;AC-1&lt;/b&gt;</strong>
 */
export function renderParts(
  parts: readonly TemplatePart[],
  format: 'markdown' | 'text',
): TemplateResult | TemplateResult[] {
  if (format === 'text') return html`<p>${parts.map((p) => p.text).join('')}</p>`;
  const values: string[] = [];
  let source = '';
  for (const part of parts) {
    if (part.literal) {
      source += `\uE000${values.length}\uE001`;
      values.push(part.text);
    } else source += part.text.replace(TOKEN_CHARS, '');
  }
  // One pass: a value put back is never scanned again, so a value cannot name another.
  return renderMarkdown(source, (text) => text.replace(TOKEN, (_, i: string) => values[+i] ?? ''));
}
