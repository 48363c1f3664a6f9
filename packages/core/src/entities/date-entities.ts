import type { BuiltinContext } from './builtin-entities.js';
import type { EntityMatch } from './entity-match.js';

interface ParsedComponents {
  isCertain(component: 'day' | 'hour'): boolean;
  date(): Date;
}
interface ParsedResult {
  index: number;
  text: string;
  start: ParsedComponents;
}
interface Chrono {
  parse(text: string, ref: Date, options: { forwardDate: boolean }): ParsedResult[];
}

let english: Promise<Chrono> | undefined;
let chinese: Promise<Chrono> | undefined;

/**
 * chrono-node for the bot's language, loaded on first use: `chrono-node/en` (English casual) or
 * `chrono-node/zh` (Simplified and Traditional Chinese). See docs/decisions/0006.
 */
function chronoFor(language: string): Promise<Chrono> {
  if (language.toLowerCase().startsWith('zh')) {
    chinese ??= import('chrono-node/zh').then((m) => m.hans.casual as unknown as Chrono);
    return chinese;
  }
  // `chrono-node/en`, not the root entry: the same English casual parser without the other
  // locales (13.6 KB instead of 51.4 KB gzipped in the widget's worker).
  english ??= import('chrono-node/en').then((m) => m.casual as unknown as Chrono);
  return english;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * chrono's results, except that one starting inside a word or number ("AC-320028，12月18日"
 * read as the year 28) is parsed again from after that run of digits.
 */
function parseOutsideWords(chrono: Chrono, text: string, now: Date): ParsedResult[] {
  const out: ParsedResult[] = [];
  for (const r of chrono.parse(text, now, { forwardDate: true })) {
    if (r.index === 0 || !/[A-Za-z0-9-]/.test(text[r.index - 1]!)) {
      out.push(r);
      continue;
    }
    const skipped = /^\p{N}+[\s,，、.:-]*/u.exec(r.text)?.[0].length ?? 0;
    if (skipped === 0 || skipped >= r.text.length) continue;
    const from = r.index + skipped;
    for (const again of chrono.parse(text.slice(from, r.index + r.text.length), now, {
      forwardDate: true,
    })) {
      out.push({ index: from + again.index, text: again.text, start: again.start });
    }
  }
  return out;
}

/** Dates (absolute and relative) as local `YYYY-MM-DD`, in the future when ambiguous. */
export async function extractDates(text: string, context: BuiltinContext): Promise<EntityMatch[]> {
  const chrono = await chronoFor(context.language);
  return parseOutsideWords(chrono, text, context.now)
    .filter((r) => r.start.isCertain('day') || /[a-z\u4e00-\u9fff]/i.test(r.text))
    .filter((r) => !/^\d{1,4}$/.test(r.text.trim()))
    .map((r) => {
      const d = r.start.date();
      return {
        value: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
        text: r.text,
        start: r.index,
        end: r.index + r.text.length,
        how: 'pattern' as const,
        score: 1,
      };
    });
}

/** Times of day as `HH:MM` (24-hour). */
export async function extractTimes(text: string, context: BuiltinContext): Promise<EntityMatch[]> {
  const chrono = await chronoFor(context.language);
  return parseOutsideWords(chrono, text, context.now)
    .filter((r) => r.start.isCertain('hour'))
    .map((r) => {
      const d = r.start.date();
      return {
        value: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
        text: r.text,
        start: r.index,
        end: r.index + r.text.length,
        how: 'pattern' as const,
        score: 1,
      };
    });
}
