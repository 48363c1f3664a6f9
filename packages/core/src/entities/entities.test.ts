import { describe, expect, it } from 'vitest';
import { extractBuiltin } from './builtin-entities.js';
import { matchValues } from './match-values.js';

const now = new Date(2026, 11, 2, 10, 0); // Wednesday
const values = async (name: Parameters<typeof extractBuiltin>[0], text: string, language = 'en') =>
  (await extractBuiltin(name, text, { language, now })).map((m) => m.value);

describe('built-in entities', () => {
  it('reads relative and absolute dates in English and Chinese', async () => {
    expect(await values('date', 'can you come tomorrow')).toEqual(['2026-12-03']);
    expect(await values('date', 'next Friday please')).toEqual(['2026-12-11']);
    expect(await values('date', '下周一', 'zh')).toEqual(['2026-12-07']);
    expect(await values('date', '改到12月24日', 'zh')).toEqual(['2026-12-24']);
    expect(await values('time', '明天下午三点', 'zh')).toEqual(['15:00']);
  });
  it('does not read a date out of an order number next to one', async () => {
    // chrono alone reads "0028，12月18日" as 18 December of the year 28.
    expect(await values('date', '订单号AC-320028，12月18日', 'zh')).toEqual(['2026-12-18']);
    expect(await values('date', 'order AC-104233', 'en')).toEqual([]);
  });
  it('finds phones, e-mails, money and numbers but not dates as phones', async () => {
    expect(await values('phone', 'call me on +44 7700 900123')).toEqual(['+447700900123']);
    expect(await values('phone', '我的手机是138-1234-5678', 'zh')).toEqual(['13812345678']);
    expect(await values('phone', 'on 2026-12-24')).toEqual([]);
    expect(await values('email', 'mail Jo.B@Example.com')).toEqual(['jo.b@example.com']);
    expect(await values('money', 'I paid $1,200.5')).toEqual(['1200.50 USD']);
    expect(await values('money', '花了120块', 'zh')).toEqual(['120.00 CNY']);
    expect(await values('number', 'three pairs and 2 hats')).toEqual([3, 2]);
    expect(await values('number', '两件', 'zh')).toEqual([2]);
  });
});

describe('values entities', () => {
  const sizes = {
    values: [
      { value: 'too_small', label: 'Too small', synonyms: ['too tight'] },
      { value: 'too_big', label: 'Too big', synonyms: ['too large'] },
      { value: 'small', label: '小号', synonyms: ['S码'] },
    ],
    fuzzy: true,
    semantic: false,
  };
  it('matches exactly, by synonym, with a typo, and in Chinese without spaces', () => {
    expect(matchValues('they are Too Tight!', sizes).map((m) => [m.value, m.how])).toEqual([
      ['too_small', 'exact'],
    ]);
    expect(matchValues('its to smal', sizes).map((m) => [m.value, m.how])).toEqual([
      ['too_small', 'fuzzy'],
    ]);
    expect(matchValues('要S码的', sizes).map((m) => m.value)).toEqual(['small']);
    expect(matchValues('a bit tall', sizes)).toEqual([]);
  });
});
