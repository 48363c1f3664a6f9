/**
 * Multi-turn dialogues with the Chinese store bot on the real model (bge-small-zh-v1.5), on a
 * fixed clock (Wednesday 2 December 2026): relative dates, slots over several turns, correction,
 * cancel, change of subject and back, give-up, and a reload in the middle of a form.
 */
import { readFileSync } from 'node:fs';
import { createSupportBot, type SupportBot } from '@support-bot/core';
import { type ActionRequest, createConversation } from '@support-bot/core/dialogue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

let bot: SupportBot;
const NOW = new Date(2026, 11, 2, 10, 0);
const ran: ActionRequest[] = [];
const chat = (state?: unknown) =>
  createConversation({
    bot,
    now: () => NOW,
    ...(state !== undefined && { state }),
    runAction: async (request) => {
      ran.push(request);
      return {
        ok: true,
        result: {
          data: {
            date: String(request.slots.date),
            noteZh: '',
            statusTextZh: '已发货',
            detailZh: '',
          },
        },
      };
    },
  });

beforeAll(async () => {
  bot = createSupportBot({
    config: readFileSync(repoPath('examples/bots/acme-store.zh.json'), 'utf8'),
    modelBaseUrl: modelsDir('Xenova/bge-small-zh-v1.5'),
    device: 'cpu',
  });
  await bot.ready;
});
afterAll(() => bot.dispose());

describe('Chinese store bot dialogue', () => {
  it('fills order and a relative date from the first message', async () => {
    const c = chat();
    const r = await c.send('订单 AC-104233 的送货能改到下周一吗');
    expect(r.replies[0]!.kind).toBe('confirm');
    expect(c.state.form?.slots.order?.value).toBe('AC-104233');
    expect(c.state.form?.slots.date?.value).toBe('2026-12-07');
    const done = await c.send('好的');
    expect(done.action?.request.slots).toEqual({ order: 'AC-104233', date: '2026-12-07' });
  });

  it('asks over several turns and takes a corrected date', async () => {
    const c = chat();
    expect((await c.send('我想改一下送货时间')).replies[0]!.kind).toBe('ask');
    await c.send('AC-104233');
    expect(c.state.form?.asking).toBe('date');
    await c.send('后天吧');
    expect(c.state.form?.slots.date?.value).toBe('2026-12-04');
    await c.send('不对，改成明天');
    expect(c.state.form?.slots.date?.value).toBe('2026-12-03');
    expect(c.state.form?.stage).toBe('confirming');
  });

  it('cancels with 算了 and 取消', async () => {
    for (const words of ['算了', '取消']) {
      const c = chat();
      await c.send('预约送货');
      expect((await c.send(words)).replies[0]!.kind).toBe('cancelled');
      expect(c.state.form).toBeUndefined();
    }
  });

  it('answers a question in between and returns to the form', async () => {
    const c = chat();
    await c.send('这周不在家，能改期吗');
    const r = await c.send('运费多少');
    expect(r.replies[0]!.intent).toBe('shipping');
    expect(r.replies[1]!.text).toContain('我们接着刚才的事');
    await c.send('AC-104233');
    await c.send('12月24日');
    expect(c.state.form?.slots.date?.value).toBe('2026-12-24');
  });

  it('gives up after two answers that fill nothing', async () => {
    const c = chat();
    await c.send('我的订单到哪了');
    expect((await c.send('abc')).replies[0]!.kind).toBe('ask');
    expect((await c.send('xyz')).replies[0]!.kind).toBe('gave_up');
    expect(c.state.form).toBeUndefined();
  });

  it('carries on from stored state after a reload', async () => {
    const c = chat();
    await c.send('预约送货');
    await c.send('AC-104233');
    const reloaded = chat(JSON.parse(JSON.stringify(c.state)));
    const r = await reloaded.send('下周五');
    expect(r.replies[0]!.kind).toBe('confirm');
    expect(reloaded.state.form?.slots).toMatchObject({
      order: { value: 'AC-104233' },
      date: { value: '2026-12-11' },
    });
  });
});
