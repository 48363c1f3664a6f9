/**
 * `support-bot review redis://…`: the built CLI reads the adapter's Redis feedback stream
 * (`XADD support-bot:feedback * report <json>`) from a real redis-server on 127.0.0.1 and
 * groups it with the real model.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@redis/client';
import { createFeedbackReport, type FeedbackReport } from '@support-bot/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  startRedisServer,
} from '../../packages/server-adapter/src/testing/redis-server.js';
import { modelsDir, repoPath } from '../support/models.js';

const run = promisify(execFile);
const BIN = repoPath('packages/cli/bin/support-bot.js');

async function cli(...args: string[]) {
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

const bot = {
  name: 'Cafe',
  intents: [
    {
      id: 'hours',
      examples: [
        'when are you open',
        'opening times',
        'are you open on sunday',
        'what time do you close',
      ],
      response: 'We open at 8.',
    },
    {
      id: 'menu',
      examples: [
        'what food do you serve',
        'can I see the menu',
        'do you have vegan options',
        'what drinks do you have',
      ],
      response: 'See /menu.',
    },
  ],
};

let redis: RedisServer;
let dir: string;
let client: Awaited<ReturnType<typeof connect>>;
async function connect(url: string) {
  const c = createClient({ url });
  c.on('error', () => {});
  await c.connect();
  return c;
}

const report = (text: string, kind: FeedbackReport['kind'] = 'unanswered') =>
  createFeedbackReport({ kind, text, bot: { name: 'Cafe', language: 'en' } });

beforeAll(async () => {
  redis = await startRedisServer();
  client = await connect(redis.url);
  dir = await mkdtemp(path.join(tmpdir(), 'support-bot-cli-redis-'));
  await writeFile(path.join(dir, 'bot.json'), JSON.stringify(bot));
});
afterAll(async () => {
  client?.destroy();
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('support-bot review from Redis', () => {
  it('reads every report of the stream once (retried copies dropped) and groups them', async () => {
    const late = report('how late are you open tonight');
    const reports = [
      late,
      report('what time do you shut', 'thumbs_down'),
      report('is there anything gluten free to eat'),
      report('do you have gluten-free food'),
    ];
    // The widget retried the first report after a lost response: stored twice.
    for (const r of [...reports, late]) {
      await client.xAdd('support-bot:feedback', '*', { report: JSON.stringify(r) });
    }
    const out = path.join(dir, 'suggestions.json');
    const result = await cli(
      'review',
      redis.url,
      '--bot',
      path.join(dir, 'bot.json'),
      '--write',
      out,
    );
    expect(result.stderr).not.toMatch(/Failed/);
    expect(result.code).toBe(0);
    const file = JSON.parse(await readFile(out, 'utf8'));
    expect(file.reports).toEqual({ total: 4, reviewed: 4 });
    // Each question is in exactly one group, and the opening-time questions go to "hours".
    type Group = { action: string; intent: string | { examples: string[] }; examples?: string[] };
    const placed = new Map<string, string>();
    for (const s of file.suggestions as Group[]) {
      const add = s.action === 'add-examples';
      const texts = add ? s.examples : (s.intent as { examples: string[] }).examples;
      for (const t of texts ?? []) {
        expect(placed.has(t)).toBe(false);
        placed.set(t, add ? (s.intent as string) : s.action);
      }
    }
    expect(placed.size).toBe(4);
    expect(placed.get('how late are you open tonight')).toBe('hours');
    expect(placed.get('what time do you shut')).toBe('hours');
  });

  it('reads another stream named in the URL or by --stream', async () => {
    await client.xAdd('shop:fb', '*', {
      report: JSON.stringify(report('are you open on boxing day')),
    });
    const viaQuery = await cli(
      'review',
      `${redis.url}/0?stream=shop:fb`,
      '--bot',
      path.join(dir, 'bot.json'),
      '--json',
    );
    const viaFlag = await cli(
      'review',
      redis.url,
      '--stream',
      'shop:fb',
      '--bot',
      path.join(dir, 'bot.json'),
      '--json',
    );
    for (const r of [viaQuery, viaFlag]) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).reports.total).toBe(1);
    }
  });

  it('says what is wrong: a bad entry, a missing stream, Redis not running', async () => {
    await client.xAdd('broken', '*', { report: '{"version":1,"kind":"meh"}' });
    const bad = await cli(
      'review',
      `${redis.url}?stream=broken`,
      '--bot',
      path.join(dir, 'bot.json'),
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/entry \d+-\d+: id must be a report id.*kind must be one of/);

    const missing = await cli(
      'review',
      `${redis.url}?stream=nope`,
      '--bot',
      path.join(dir, 'bot.json'),
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/stream does not exist/);

    await client.set('plain', 'x');
    const wrongType = await cli(
      'review',
      `${redis.url}?stream=plain`,
      '--bot',
      path.join(dir, 'bot.json'),
    );
    expect(wrongType.stderr).toMatch(/holds a string, not a stream/);

    // A port nothing listens on (the server's port + 1 is not ours, so use a closed server's).
    const closed = await startRedisServer();
    await closed.stop();
    const down = await cli(
      'review',
      `redis://:secret@127.0.0.1:${closed.port}`,
      '--bot',
      path.join(dir, 'bot.json'),
    );
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/cannot connect \(ECONNREFUSED\).*Redis is running/);
    expect(down.stderr).not.toContain('secret');
  });
});
