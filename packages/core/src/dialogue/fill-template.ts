import { PLACEHOLDER_RE } from './dialogue-config.js';

/** A piece of a filled template: the bot file's text, or a filled value. */
export interface TemplatePart {
  text: string;
  /**
   * True for a filled value (a slot, an action result field, a handler's text): renderers must
   * show it as plain text, never as markdown or HTML.
   */
  literal: boolean;
}

/** The longest value shown in a reply; longer ones are cut with an ellipsis. */
export const MAX_VALUE_CHARS = 200;

/**
 * Fills `{slot}` and `{result.field}` placeholders. The result keeps the template's own text and
 * the filled values apart, so a value holding `**bold**` or `<img onerror>` shows literally.
 * Unknown or non-text values (objects, arrays) fill as an empty string.
 *
 * @example
 * fillTemplate('Order {order}: {result.status}', { order: 'AC-1' }, { status: '<b>shipped</b>' })
 * // parts: [{ text: 'Order ', literal: false }, { text: 'AC-1', literal: true }, ...]
 */
export function fillTemplate(
  template: string,
  slots: Readonly<Record<string, string>>,
  result?: unknown,
): { text: string; parts: TemplatePart[] } {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index), literal: false });
    const path = m[1]!.split('.');
    const raw = path[0] === 'result' ? lookup(result, path.slice(1)) : lookup(slots, path);
    parts.push({ text: asText(raw), literal: true });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last), literal: false });
  return { text: parts.map((p) => p.text).join(''), parts };
}

function lookup(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

function clip(text: string): string {
  // Control characters (other than tab and newline) have no business in a reply.
  const flat = text.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
}
