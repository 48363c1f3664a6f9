import { en } from './en.js';
import type { WidgetStrings } from './widget-strings.js';
import { zhCN } from './zh-cn.js';

/** Shipped UI languages, by lower-case primary language subtag. */
export const LOCALES: Readonly<Record<string, WidgetStrings>> = Object.freeze({ en, zh: zhCN });

const RTL = new Set(['ar', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

function primary(locale: string | undefined): string {
  return (locale ?? 'en').trim().toLowerCase().split(/[-_]/)[0] || 'en';
}

/**
 * Strings for a BCP 47 locale (`zh-CN`, `zh-Hans` and `zh` -> Simplified Chinese), English when
 * the language is not shipped; `overrides` win over both.
 */
export function stringsFor(
  locale: string | undefined,
  overrides?: Partial<WidgetStrings>,
): WidgetStrings {
  const base = LOCALES[primary(locale)] ?? en;
  return overrides ? { ...base, ...overrides } : base;
}

/** `rtl` for right-to-left languages (Arabic, Hebrew, Persian, Urdu, ...), else `ltr`. */
export function directionFor(locale: string | undefined): 'ltr' | 'rtl' {
  return RTL.has(primary(locale)) ? 'rtl' : 'ltr';
}
