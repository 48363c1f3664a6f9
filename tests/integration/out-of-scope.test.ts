/**
 * Issue #18 on the real model: a small bot rejects off-topic questions it was never shown, an
 * owner-written `outOfScope` line is obeyed (also from the compiled index), `support-bot eval`
 * says where each threshold comes from and lists exactly the wrong messages, and
 * `support-bot init` writes a bot that validates, evaluates and answers.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type BotReply, createSupportBot, encodeBotIndex } from '@support-bot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const run = promisify(execFile);
const BIN = repoPath('packages/cli/bin/support-bot.js');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, SUPPORT_BOT_MODELS: modelsDir() },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const labelOf = (r: BotReply) =>
  r.kind === 'intent' ? r.intent!.id : r.kind === 'faq' ? `faq:${r.faq!.id}` : 'oos';

const CLINIC = repoPath('examples/bots/dental-clinic.json');
const CLINIC_CSV = repoPath('examples/bots/dental-clinic.eval.csv');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sb-oos-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('owner-written outOfScope lines', () => {
  it('reject a question the shipped background set lets through, raw and compiled', async () => {
    const base = JSON.parse(await readFile(CLINIC, 'utf8'));
    const question = 'are you hiring dental hygienists';
    const plain = createSupportBot({ config: base, modelBaseUrl: modelsDir() });
    // Without the owner's line the hygienist intent answers it (measured: similarity 0.625 to
    // "book a hygienist", 0.551 to the nearest background question).
    expect(labelOf(await plain.reply(question))).toBe('cleaning_hygienist');
    await plain.dispose();

    const owned = createSupportBot({
      config: { ...base, outOfScope: ['are you hiring hygienists or nurses'] },
      modelBaseUrl: modelsDir(),
    });
    expect(labelOf(await owned.reply(question))).toBe('oos');
    // The owner's line does not cost the intent its own questions.
    expect(labelOf(await owned.reply('I would like to book a hygienist clean'))).toBe(
      'cleaning_hygienist',
    );
    const compiled = createSupportBot({
      config: encodeBotIndex(await owned.toIndex()),
      modelBaseUrl: modelsDir(),
    });
    expect(labelOf(await compiled.reply(question))).toBe('oos');
    await Promise.all([owned.dispose(), compiled.dispose()]);
  });
});

describe('support-bot eval', () => {
  it('reports a threshold set by hand as set in the bot file, and fitted ones as fitted', async () => {
    const bot = JSON.parse(await readFile(CLINIC, 'utf8'));
    bot.$schema = undefined;
    bot.thresholds = { similarity: 0.3 };
    const file = path.join(dir, 'hand-set.json');
    await writeFile(file, JSON.stringify(bot));
    const json = await cli('eval', file, '--test', CLINIC_CSV, '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.thresholds.similarity).toBe(0.3);
    expect(out.thresholds.sources).toEqual({
      intent: 'fitted',
      similarity: 'bot file',
      faq: 'default',
      margin: 'fitted',
    });
    const text = await cli('eval', file, '--test', CLINIC_CSV);
    expect(text.stdout).toContain('similarity >= 0.300 (set in the bot file)');
    expect(text.stdout).toMatch(/intent confidence >= \d\.\d{3} \(fitted\)/);
  });

  it('lists exactly the wrong messages, grouped by kind, in JSON and with --errors-only', async () => {
    const json = await cli('eval', CLINIC, '--test', CLINIC_CSV, '--json');
    const out = JSON.parse(json.stdout);
    const kinds = (k: string) => out.mistakes.filter((m: { kind: string }) => m.kind === k).length;
    const oos = out.outOfScope.count;
    expect(out.mistakes.length).toBe(Math.round(out.count * (1 - out.accuracy)));
    expect(kinds('answered-off-topic')).toBe(Math.round(oos * (1 - out.outOfScope.recall)));
    expect(kinds('wrong-answer') + kinds('rejected-in-scope')).toBe(
      Math.round((out.count - oos) * (1 - out.inScopeAccuracy)),
    );
    for (const m of out.mistakes) {
      expect(m.got).not.toBe(m.expected);
      expect(typeof m.confidence).toBe('number');
    }
    const short = await cli('eval', CLINIC, '--test', CLINIC_CSV, '--errors-only');
    const listed = short.stdout.split('\n').filter((l) => l.startsWith('  "'));
    expect(listed).toHaveLength(out.mistakes.length);
    expect(short.stdout).not.toContain('latency per message');
    const full = await cli('eval', CLINIC, '--test', CLINIC_CSV);
    expect(full.stdout).toContain('similarity threshold trade-off');
    expect(full.stdout).toMatch(/suggested: /);
  });
});

describe('support-bot init', () => {
  for (const [kind, lang, model, question, intent] of [
    ['clinic', 'en', 'Xenova/all-MiniLM-L6-v2', 'my tooth is killing me', 'dental_emergency'],
    ['saas', 'zh', 'Xenova/bge-small-zh-v1.5', '我忘记密码了', 'reset_password'],
  ] as const) {
    it(`writes a ${kind} bot in ${lang} that validates, evaluates and answers`, async () => {
      const target = path.join(dir, `${kind}-${lang}`);
      const init = await cli('init', target, '--kind', kind, '--lang', lang);
      expect(init.code).toBe(0);
      const botFile = path.join(target, 'bot.json');
      expect((await cli('validate', botFile)).code).toBe(0);
      const ev = await cli('eval', botFile, '--test', path.join(target, 'bot.eval.csv'), '--json');
      expect(ev.code).toBe(0);
      const out = JSON.parse(ev.stdout);
      expect(out.model).toBe(model);
      expect(out.inScopeAccuracy).toBeGreaterThanOrEqual(0.85);
      expect(out.outOfScope.recall).toBeGreaterThanOrEqual(0.6);
      const bot = createSupportBot({
        config: await readFile(botFile, 'utf8'),
        modelBaseUrl: modelsDir(model),
      });
      expect(labelOf(await bot.reply(question))).toBe(intent);
      await bot.dispose();
      // A second init does not overwrite the owner's edits.
      const again = await cli('init', target, '--kind', kind, '--lang', lang);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('pass --force');
    });
  }
});
