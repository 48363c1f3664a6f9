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
 * chrono-node for the bot's language, loaded on first use: `chrono-node` (English casual) or
 * `chrono-node/zh` (Simplified and Traditional Chinese). See docs/decisions/0006.
 */
function chronoFor(language: string): Promise<Chrono> {
  if (language.toLowerCase().startsWith('zh')) {
    chinese ??= import('chrono-node/zh').then((m) => m.hans.casual as unknown as Chrono);
    return chinese;
  }
  english ??= import('chrono-node').then((m) => m.casual as unknown as Chrono);
  return english;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates (absolute and relative) as local `YYYY-MM-DD`, in the future when ambiguous. */
export async function extractDates(text: string, context: BuiltinContext): Promise<EntityMatch[]> {
  const chrono = await chronoFor(context.language);
  return chrono
    .parse(text, context.now, { forwardDate: true })
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
  return chrono
    .parse(text, context.now, { forwardDate: true })
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
