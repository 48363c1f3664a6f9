import { nothing, type TemplateResult } from 'lit';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from './render-markdown.js';

const isTemplate = (v: unknown): v is TemplateResult =>
  typeof v === 'object' && v !== null && Array.isArray((v as TemplateResult).strings);

/**
 * Serialises templates the way the browser would show them: the fixed markup as written, every
 * bound text value escaped (it becomes a text node), attribute values quoted, and attributes
 * bound to `nothing` left out.
 */
function toHtml(value: unknown): string {
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (isTemplate(value)) {
    let out = '';
    value.strings.forEach((s, i) => {
      out += s.replace(/\s+/g, ' ').replace(/<br \/>/g, '<br>');
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

const md = (source: string) => toHtml(renderMarkdown(source));

/** Every tag written in the templates' fixed markup (never in a bound value). */
function markupTags(value: unknown, tags = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) markupTags(v, tags);
  else if (isTemplate(value)) {
    for (const s of value.strings) for (const m of s.matchAll(/<([a-z0-9]+)/gi)) tags.add(m[1]!);
    for (const v of value.values) markupTags(v, tags);
  }
  return tags;
}

/** How deeply lists nest in the output. */
function listDepth(htmlText: string): number {
  let depth = 0;
  let max = 0;
  for (const m of htmlText.matchAll(/<(\/?)(?:ul|ol)\b/g)) {
    depth += m[1] ? -1 : 1;
    max = Math.max(max, depth);
  }
  return max;
}

describe('renderMarkdown', () => {
  it('renders the subset bot answers use', () => {
    expect(md('**Bold** and *it* `code`\n\n- one\n- [two](/two)\n\n1. first\n2. second')).toBe(
      '<p><strong>Bold</strong> and <em>it</em> <code>code</code></p>' +
        '<ul><li>one</li><li><a part="link" href="/two">two</a></li></ul>' +
        '<ol><li>first</li><li>second</li></ol>',
    );
  });

  it('keeps HTML as text values, never as template markup', () => {
    const template = renderMarkdown('<img src=x onerror=alert(1)>')[0]!;
    // The markup parts are only our own fixed tags; the payload is a bound (text) value.
    expect(template.strings.join('')).not.toContain('img');
    expect(toHtml(template)).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('turns unsafe links into their label text', () => {
    expect(renderInline('[x](javascript:alert(1))')).toEqual(['x']);
    expect(toHtml(renderInline('see https://acme.example/a.'))).toBe(
      'see <a part="link" href="https://acme.example/a" target="_blank" rel="noopener noreferrer">https://acme.example/a</a>.',
    );
  });
});

describe('renderMarkdown lists the way LLM answers write them', () => {
  it('starts a list on the line right after a paragraph line', () => {
    expect(md('Here is what you can do:\n- Track your order\n- Contact us')).toBe(
      '<p>Here is what you can do:</p><ul><li>Track your order</li><li>Contact us</li></ul>',
    );
    expect(md('Steps:\n1. Sign in\n2. Open Orders')).toBe(
      '<p>Steps:</p><ol><li>Sign in</li><li>Open Orders</li></ol>',
    );
  });

  it('nests a list indented two spaces under a numbered item, with bold, italic and links', () => {
    const answer = [
      'To return an item:',
      '1. Open **Orders**',
      '  - choose the item',
      '  - click *Return*',
      '2. Print the label from [your account](/account)',
      '',
      'Refunds take 5 days.',
    ].join('\n');
    expect(md(answer)).toBe(
      '<p>To return an item:</p>' +
        '<ol><li>Open <strong>Orders</strong><ul><li>choose the item</li><li>click <em>Return</em></li></ul></li>' +
        '<li>Print the label from <a part="link" href="/account">your account</a></li></ol>' +
        '<p>Refunds take 5 days.</p>',
    );
  });

  it('nests by indentation at the text column too, several levels deep, and comes back out', () => {
    const answer = ['- a', '   - a.1', '      1. a.1.i', '      2. a.1.ii', '   - a.2', '- b'].join(
      '\n',
    );
    expect(md(answer)).toBe(
      '<ul><li>a<ul><li>a.1<ol><li>a.1.i</li><li>a.1.ii</li></ol></li><li>a.2</li></ul></li><li>b</li></ul>',
    );
    // One space more is not nesting (as in CommonMark); tabs count as four spaces.
    expect(md('- a\n - b')).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(md('1. a\n\t- sub')).toBe('<ol><li>a<ul><li>sub</li></ul></li></ol>');
  });

  it('keeps start numbers and both delimiters, and one list across blank lines', () => {
    expect(md('3. third\n4. fourth')).toBe('<ol start="3"><li>third</li><li>fourth</li></ol>');
    expect(md('1) one\n2) two')).toBe('<ol><li>one</li><li>two</li></ol>');
    // Blank lines between items (LLMs write them) must not restart the numbering at 1.
    expect(md('1. **Sign in**\n\n2. **Open Orders**\n\n3. **Choose Return**')).toBe(
      '<ol><li><strong>Sign in</strong></li><li><strong>Open Orders</strong></li><li><strong>Choose Return</strong></li></ol>',
    );
    // A new marker kind starts a new list.
    expect(md('- a\n1. b\n2) c')).toBe(
      '<ul><li>a</li></ul><ol><li>b</li></ol><ol start="2"><li>c</li></ol>',
    );
  });

  it('does not turn a year or a number inside a sentence into a list', () => {
    expect(md('We opened in\n2019. Since then we grew.')).toBe(
      '<p>We opened in<br>2019. Since then we grew.</p>',
    );
    expect(md('1234567890. too long to be a number marker')).toBe(
      '<p>1234567890. too long to be a number marker</p>',
    );
    expect(md('-not a list\n**Bold** line\n1.5 kg')).toBe(
      '<p>-not a list<br><strong>Bold</strong> line<br>1.5 kg</p>',
    );
  });

  it('keeps continuation lines and later paragraphs inside their item', () => {
    expect(md('- item starts\ncontinues here\n  and here\n- next')).toBe(
      '<ul><li>item starts<br>continues here<br>and here</li><li>next</li></ul>',
    );
    expect(md('1. First\n\n   More about first\n2. Second')).toBe(
      '<ol><li><p>First</p><p>More about first</p></li><li>Second</li></ol>',
    );
    // Unindented text after a blank line ends the list.
    expect(md('- a\n- b\n\nThanks!')).toBe('<ul><li>a</li><li>b</li></ul><p>Thanks!</p>');
  });

  it('shows headings as bold lines, also right before a list', () => {
    expect(md('## Options\n- pick up\n- delivery\n### Costs\nFree')).toBe(
      '<p><strong>Options</strong></p><ul><li>pick up</li><li>delivery</li></ul><p><strong>Costs</strong></p><p>Free</p>',
    );
    expect(md('Intro\n## Steps 2 to 3\n2. pack\n3. send')).toBe(
      '<p>Intro</p><p><strong>Steps 2 to 3</strong></p><ol start="2"><li>pack</li><li>send</li></ol>',
    );
  });

  it('renders code spans in items literally', () => {
    expect(md('- run `npm i **x** <b>`\n- then `*this*`')).toBe(
      '<ul><li>run <code>npm i **x** &lt;b&gt;</code></li><li>then <code>*this*</code></li></ul>',
    );
  });

  it('normalises CRLF line ends', () => {
    expect(md('Intro\r\n- a\r\n- b\r\n')).toBe('<p>Intro</p><ul><li>a</li><li>b</li></ul>');
  });
});

describe('renderMarkdown with hostile input', () => {
  const hostile = [
    'Try this:',
    '- <img src=x onerror=alert(1)>',
    '1. <script>alert(1)</script>',
    '  - [click](javascript:alert(1)) and [me](  java\tscript:alert(1))',
    '  - ![x](data:text/html,<script>alert(1)</script>) ![y](data:image/png;base64,AAAA)',
    '- <a href="javascript:alert(1)">a</a> **<svg onload=alert(1)>**',
  ].join('\n');

  it('keeps HTML in list items as text and drops unsafe links', () => {
    const out = md(hostile);
    expect(out).toContain('<li>&lt;img src=x onerror=alert(1)&gt;</li>');
    expect(out).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;<ul>');
    // A URL with a tab or `<` in it is not a link at all: it stays text.
    expect(out).toContain('<li>click and [me](  java\tscript:alert(1))</li>');
    expect(out).toContain('<li>![x](data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;) y</li>');
    expect(out).toContain('<strong>&lt;svg onload=alert(1)&gt;</strong>');
    // No link survives: every one had an unsafe URL (escaped text cannot start a tag).
    expect(out).not.toContain('<a ');
  });

  it('writes only its own fixed tags, whatever the input', () => {
    const tags = markupTags(renderMarkdown(hostile));
    expect([...tags].sort()).toEqual(
      ['a', 'br', 'em', 'li', 'ol', 'p', 'strong', 'ul'].filter((t) => tags.has(t)),
    );
    for (const t of tags)
      expect(['a', 'br', 'code', 'em', 'li', 'ol', 'p', 'strong', 'ul']).toContain(t);
  });

  it('bounds list nesting, so deep indentation cannot make rendering recurse far', () => {
    const deep = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i)}- level ${i}`).join(
      '\n',
    );
    const out = md(deep);
    expect(listDepth(out)).toBe(8);
    expect(out.match(/<li>/g)).toHaveLength(2000);
  });
});

describe('images', () => {
  it('become a link to the image labelled with the alt text, with no stray "!"', () => {
    expect(md('See ![the return label](https://acme.example/label.png) here')).toBe(
      '<p>See <a part="link" href="https://acme.example/label.png" target="_blank" rel="noopener noreferrer">the return label</a> here</p>',
    );
    expect(md('![Size chart](/img/sizes.png)')).toBe(
      '<p><a part="link" href="/img/sizes.png">Size chart</a></p>',
    );
  });

  it('show the URL when the alt text is empty, and only the alt text when the URL is unsafe', () => {
    expect(md('![](/a.png)')).toBe('<p><a part="link" href="/a.png">/a.png</a></p>');
    expect(md('![chart](javascript:alert(1))')).toBe('<p>chart</p>');
  });

  it('inside a link label show their alt text, never a nested link', () => {
    expect(md('[![logo](/logo.png) Home](/)')).toBe('<p><a part="link" href="/">logo Home</a></p>');
  });
});
