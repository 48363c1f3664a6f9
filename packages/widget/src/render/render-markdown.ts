import { html, nothing, type TemplateResult } from 'lit';

/**
 * Renders the small markdown subset bot answers use — paragraphs, `- ` lists, **bold**,
 * *italic*, `code` and [links](url) — as Lit templates. Text only ever reaches the DOM as text
 * nodes, so no HTML in a bot file or an LLM answer can inject elements; links are kept only for
 * http(s), mailto:, tel: and site-relative URLs, others render as plain text.
 */
export function renderMarkdown(source: string): TemplateResult[] {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return blocks.map((block) => {
    const lines = block.split('\n');
    if (lines.every((l) => /^\s*[-*] /.test(l))) {
      return html`<ul>${lines.map((l) => html`<li>${renderInline(l.replace(/^\s*[-*] /, ''))}</li>`)}</ul>`;
    }
    return html`<p>${lines.map((l, i) => html`${i > 0 ? html`<br />` : nothing}${renderInline(l)}`)}</p>`;
  });
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function renderInline(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(html`<strong>${renderInline(m[1])}</strong>`);
    else if (m[2] !== undefined) out.push(html`<em>${renderInline(m[2])}</em>`);
    else if (m[3] !== undefined) out.push(html`<code>${m[3]}</code>`);
    else {
      const url = safeUrl(m[5]!);
      out.push(
        url
          ? html`<a href=${url} target=${isExternal(url) ? '_blank' : nothing} rel="noopener noreferrer">${m[4]}</a>`
          : m[4]!,
      );
    }
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The URL when it is http(s), mailto:, tel: or site-relative; `undefined` otherwise. */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (/^(https?:\/\/|mailto:|tel:)/i.test(trimmed)) return trimmed;
  // Relative, but not protocol-relative (//evil.example) and without a scheme.
  if (/^(\/(?!\/)|#|\.\.?\/)/.test(trimmed) && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed))
    return trimmed;
  return undefined;
}

function isExternal(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
