import { html, nothing, type TemplateResult } from 'lit';
import { isExternalUrl, safeUrl } from './safe-url.js';

type Inline = string | TemplateResult;

/**
 * Renders the markdown subset bot answers use — paragraphs, line breaks, `-`/`*`/`1.` lists,
 * `#` headings (as bold lines), **bold**, *italic*, `code`, [links](url) and bare http(s) URLs —
 * as Lit templates.
 *
 * Safety comes from construction, not from sanitising: every piece of source text reaches the DOM
 * as a text node through a Lit child binding, the only elements are the fixed tags in these
 * templates, and the only attribute taken from the source is a link's `href`, kept only when
 * {@link safeUrl} accepts it (http(s), mailto:, tel:, relative). HTML in a bot file or an LLM
 * answer therefore shows as literal text and can never create elements or run script.
 */
export function renderMarkdown(source: string): TemplateResult[] {
  const blocks = source
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/);
  return blocks.filter((b) => b.trim() !== '').map(renderBlock);
}

function renderBlock(block: string): TemplateResult {
  const lines = block.split('\n');
  if (lines.every((l) => /^\s*[-*+] \S/.test(l))) {
    return html`<ul>${lines.map((l) => html`<li>${renderInline(l.replace(/^\s*[-*+] /, ''))}</li>`)}</ul>`;
  }
  if (lines.every((l) => /^\s*\d{1,3}[.)] \S/.test(l))) {
    return html`<ol>${lines.map((l) => html`<li>${renderInline(l.replace(/^\s*\d{1,3}[.)] /, ''))}</li>`)}</ol>`;
  }
  return html`<p>${lines.map(
    (line, i) =>
      html`${i > 0 ? html`<br />` : nothing}${
        /^#{1,6} /.test(line)
          ? html`<strong>${renderInline(line.replace(/^#{1,6} /, ''))}</strong>`
          : renderInline(line)
      }`,
  )}</p>`;
}

const INLINE =
  /\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)|`([^`]+)`|\[([^\]]+)\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))+)>?\s*\)|(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])/g;

/** Renders one line of inline markdown (see {@link renderMarkdown}). */
export function renderInline(text: string, depth = 0, links = true): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const index = m.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    const [, bold, bold2, italic, code, label, href, bare] = m;
    // Nesting is bounded so a hostile answer cannot make rendering expensive.
    const inner = (s: string, withLinks = links) =>
      depth < 3 ? renderInline(s, depth + 1, withLinks) : [s];
    if (bold !== undefined || bold2 !== undefined)
      out.push(html`<strong>${inner(bold ?? bold2 ?? '')}</strong>`);
    else if (italic !== undefined) out.push(html`<em>${inner(italic)}</em>`);
    else if (code !== undefined) out.push(html`<code>${code}</code>`);
    // No links inside links: a label's URLs stay text.
    else if (label !== undefined)
      out.push(links ? link(href ?? '', inner(label, false), label) : m[0]);
    else if (bare !== undefined) out.push(links ? link(bare, [bare], bare) : bare);
    last = index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(href: string, content: Inline[], fallback: string): Inline {
  const url = safeUrl(href);
  if (!url) return fallback;
  return isExternalUrl(url)
    ? html`<a part="link" href=${url} target="_blank" rel="noopener noreferrer">${content}</a>`
    : html`<a part="link" href=${url}>${content}</a>`;
}
