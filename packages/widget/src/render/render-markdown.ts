import { html, nothing, type TemplateResult } from 'lit';
import { isExternalUrl, safeUrl } from './safe-url.js';

type Inline = string | TemplateResult;

/** Turns a piece of parsed source back into the text to show (see {@link renderMarkdown}). */
type Lit = (text: string) => string;
const same: Lit = (text) => text;

/** A paragraph (its lines, shown with line breaks) or a list. */
type Block = string[] | List;

interface List {
  /** The marker's kind: `-`, `*` or `+` for bullets, `.` or `)` after a number. */
  marker: string;
  start: number;
  /** Spaces before the first item's marker. */
  indent: number;
  items: Block[][];
}

// A list item: indentation, a bullet or a number of up to 9 digits with `.`/`)`, a space, text.
const ITEM = /^( *)(?:([-*+])|(\d{1,9})([.)]))[ \t]+(\S.*)$/;
const HEADING = /^ {0,3}#{1,6} /;
/** Lists nested deeper than this stay at this depth, so hostile input cannot recurse far. */
const MAX_DEPTH = 8;

/**
 * Renders the markdown subset bot answers use as Lit templates: paragraphs and line breaks,
 * `-`/`*`/`+` and numbered (`1.`/`1)`, any start) lists — also right after a paragraph line,
 * nested by indentation, with lazy and indented continuation lines and several paragraphs per
 * item — `#` headings (as bold lines), **bold**, *italic*, `code`, [links](url), bare http(s)
 * URLs, and images `![alt](url)` as a link labelled with the alt text (no image is ever loaded).
 *
 * Lists follow CommonMark, with one leniency for LLM answers: an item indented at least two
 * spaces further than the item above nests under it (CommonMark wants it at that item's text
 * column, so `1. item` + `  - sub` would not nest); an ordered list interrupts a paragraph only
 * when it starts at 1. Not supported (shown as text): code fences, block quotes, tables, HTML.
 *
 * Safety comes from construction, not from sanitising: every piece of source text reaches the DOM
 * as a text node through a Lit child binding, the only elements are the fixed tags in these
 * templates, and the only attributes taken from the source are a link's `href`, kept only when
 * {@link safeUrl} accepts it (http(s), mailto:, tel:, relative), and a list's numeric `start`.
 * HTML in a bot file or an LLM answer therefore shows as literal text and can never create
 * elements or run script.
 *
 * `lit`, when given, maps every piece of text (and every link target) before it is shown: the
 * template-parts renderer uses it to put filled values back in place of the placeholder tokens
 * it parsed, so a value is never parsed as markdown.
 */
export function renderMarkdown(source: string, lit: Lit = same): TemplateResult[] {
  return parseBlocks(source).map((b) => renderBlock(b, lit));
}

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  // Open lists, outermost first; the last item of each holds the next one.
  const open: List[] = [];
  let paragraph: string[] | undefined;
  let blank = false;
  const container = () => open.at(-1)?.items.at(-1) ?? blocks;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/^\t+/, (t) => '    '.repeat(t.length)).trimEnd();
    if (!line) {
      if (paragraph || open.length > 0) blank = true;
      paragraph = undefined;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const m = ITEM.exec(line);
    // A list may interrupt a paragraph line (an ordered one only from 1, as in CommonMark).
    if (m && !(paragraph && open.length === 0 && m[3] !== undefined && +m[3] !== 1)) {
      const marker = m[2] ?? m[4] ?? '';
      while (open.length > 1 && indent < open.at(-1)!.indent - 1) open.pop();
      const top = open.at(-1);
      if (top && indent >= top.indent + 2 && open.length < MAX_DEPTH) {
        open.push(newList(container(), marker, m[3], indent));
      } else if (top && top.marker === marker) {
        top.items.push([]);
      } else {
        if (top) open.pop();
        open.push(newList(container(), marker, m[3], indent));
      }
      paragraph = [m[5]!];
      container().push(paragraph);
    } else if (paragraph && !HEADING.test(line)) {
      // A continuation line, indented or lazy, of the paragraph or list item above.
      paragraph.push(line.trimStart());
    } else {
      // After a blank line, text indented under an item is that item's next paragraph.
      while (open.length > 0 && (!blank || indent < open.at(-1)!.indent + 2)) open.pop();
      const block = [line.trimStart()];
      container().push(block);
      // A heading is a block of one line.
      paragraph = HEADING.test(line) ? undefined : block;
    }
    blank = false;
  }
  return blocks;
}

function newList(parent: Block[], marker: string, number: string | undefined, indent: number) {
  const list: List = { marker, start: number === undefined ? 1 : +number, indent, items: [[]] };
  parent.push(list);
  return list;
}

function renderBlock(block: Block, lit: Lit): TemplateResult {
  if (Array.isArray(block)) return html`<p>${renderLines(block, lit)}</p>`;
  const items = block.items.map((item) => {
    // An item with one paragraph shows it bare (a tight list); with more, each in its own <p>.
    const bare = item.filter(Array.isArray).length < 2;
    return html`<li>${item.map((b) => (bare && Array.isArray(b) ? renderLines(b, lit) : renderBlock(b, lit)))}</li>`;
  });
  return /[.)]/.test(block.marker)
    ? html`<ol start=${block.start === 1 ? nothing : block.start}>${items}</ol>`
    : html`<ul>${items}</ul>`;
}

function renderLines(lines: string[], lit: Lit): TemplateResult[] {
  return lines.map(
    (line, i) =>
      html`${i > 0 ? html`<br />` : nothing}${
        HEADING.test(line)
          ? html`<strong>${inline(line.replace(HEADING, ''), 0, true, lit)}</strong>`
          : inline(line, 0, true, lit)
      }`,
  );
}

const INLINE =
  /\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)|`([^`]+)`|(!?)\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))+)>?\s*\)|(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])/g;

/** Renders one line of inline markdown (see {@link renderMarkdown}). */
export function renderInline(text: string, depth = 0, links = true): Inline[] {
  return inline(text, depth, links, same);
}

function inline(text: string, depth: number, links: boolean, lit: Lit): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const index = m.index ?? 0;
    const [all, bold, bold2, italic, code, image, label, href, bare] = m;
    // `[](url)` is not a link: leave it as text.
    if (label === '' && !image) continue;
    if (index > last) out.push(lit(text.slice(last, index)));
    // Nesting is bounded so a hostile answer cannot make rendering expensive.
    const inner = (s: string, withLinks = links) =>
      depth < 3 ? inline(s, depth + 1, withLinks, lit) : [lit(s)];
    if (bold !== undefined || bold2 !== undefined)
      out.push(html`<strong>${inner(bold ?? bold2 ?? '')}</strong>`);
    else if (italic !== undefined) out.push(html`<em>${inner(italic)}</em>`);
    else if (code !== undefined) out.push(html`<code>${lit(code)}</code>`);
    else if (label !== undefined) {
      // An image becomes a link to it, labelled with its alt text (or its URL when it has none).
      const shown = label || (href ?? '');
      // No links inside links: a label's URLs stay text.
      out.push(
        links ? link(lit(href ?? ''), inner(shown, false), lit(shown)) : lit(image ? shown : all),
      );
    } else if (bare !== undefined)
      out.push(links ? link(lit(bare), [lit(bare)], lit(bare)) : lit(bare));
    last = index + all.length;
  }
  if (last < text.length) out.push(lit(text.slice(last)));
  return out;
}

function link(href: string, content: Inline[], fallback: string): Inline {
  // A link target is checked after values are put back: a filled value can never smuggle in
  // a javascript: URL.
  const url = safeUrl(href);
  if (!url) return fallback;
  return isExternalUrl(url)
    ? html`<a part="link" href=${url} target="_blank" rel="noopener noreferrer">${content}</a>`
    : html`<a part="link" href=${url}>${content}</a>`;
}
