import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { FaqRetriever } from './faq-retriever.js';
import { createTokenizer } from './tokenize.js';

describe('createTokenizer', () => {
  it('drops English stop words and plural/verb endings', () => {
    expect(createTokenizer('en')('Where are my Orders? Shipping costs!')).toEqual([
      'order',
      'shipp',
      'cost',
    ]);
  });

  it('segments Chinese without spaces into words plus character bigrams', () => {
    const terms = createTokenizer('zh-CN')('我的订单什么时候发货');
    expect(terms).toEqual(expect.arrayContaining(['订单', '什么时候', '发货']));
  });
});

describe('FaqRetriever (lexical only)', () => {
  const config = parseBotConfig({
    name: 'x',
    language: 'zh',
    faq: [
      {
        id: 'shipping',
        question: '多久可以发货？',
        alternatives: ['什么时候寄出'],
        answer: '下单后48小时内发货。',
      },
      { id: 'invoice', question: '可以开发票吗？', answer: '可以，在订单页申请电子发票。' },
    ],
  });
  const retriever = new FaqRetriever(config.faq, config.language);

  it('finds the Chinese FAQ entry that shares words with the question', () => {
    const hits = retriever.search('我的包裹什么时候发货', undefined);
    expect(hits[0]!.id).toBe('shipping');
    expect(hits[0]!.lexical).toBeGreaterThan(0);
    expect(Number.isNaN(hits[0]!.similarity)).toBe(true);
    expect(retriever.search('需要发票', undefined)[0]!.id).toBe('invoice');
  });
});
