/**
 * The `support-bot` CLI as a site owner runs it: the built binary in a child process, on the
 * real model.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const run = promisify(execFile);
const BIN = repoPath('packages/cli/bin/support-bot.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Result> {
  return cliWithEnv({ SUPPORT_BOT_MODELS: modelsDir() }, ...args);
}

async function cliWithEnv(env: Record<string, string>, ...args: string[]): Promise<Result> {
  const { SUPPORT_BOT_MODELS: _, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...inherited, ...env },
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
    {
      id: 'booking',
      examples: [
        'can I book a table',
        'reserve a table for four',
        'I want to make a reservation',
        'table for two tonight',
      ],
      response: 'Book at /book.',
    },
  ],
  faq: [{ id: 'wifi', question: 'Do you have free wifi?', answer: 'Yes, ask for the password.' }],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'support-bot-cli-'));
  await writeFile(path.join(dir, 'bot.json'), JSON.stringify(bot, null, 2));
  await writeFile(
    path.join(dir, 'bad.json'),
    '{\n  "name": "Cafe",\n  "intents": [{ "id": "hours", "exampels": ["x"], "response": "y" }]\n}\n',
  );
  await writeFile(
    path.join(dir, 'test.csv'),
    'text,label\n"what time do you open tomorrow?",hours\nis there vegan food,menu\n"I\'d like to reserve a table, please",booking\nis the wifi free,faq:wifi\nwhat is the capital of Peru,oos\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Most tests wait on child processes (each loads the model): they run side by side, so the second
// core works while vitest's single worker waits. The timing test runs alone (a sequential test
// starts only when the concurrent ones before it are done).
describe('support-bot CLI', () => {
  it.concurrent('validate prints a summary for a good file and every problem, with line and column, for a bad one', async ({
    expect,
  }) => {
    const good = await cli('validate', path.join(dir, 'bot.json'));
    expect(good).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('OK — "Cafe" (en), 3 intents, 12 examples, 1 FAQ entries'),
    });
    const bad = await cli('validate', path.join(dir, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'bad.json:3:32 intents[0].exampels: unknown property "exampels" (did you mean "examples"?)',
    );
    const missing = await cli('validate', path.join(dir, 'nope.json'));
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('it does not exist'),
    });
  });

  it.concurrent('eval --json prints exactly one JSON object on stdout with the metrics', async ({
    expect,
  }) => {
    const result = await cli(
      'eval',
      path.join(dir, 'bot.json'),
      '--test',
      path.join(dir, 'test.csv'),
      '--json',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      count: 5,
      model: 'Xenova/all-MiniLM-L6-v2',
      device: 'cpu',
      outOfScope: { count: 1 },
    });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(report.latencyMs.p50).toBeGreaterThan(0);
    expect(result.stderr).toContain('answering');
  });

  it.concurrent('eval --train/--test with --shots builds a bot from CSV and prints a readable report', async ({
    expect,
  }) => {
    const train = [
      'text,label',
      ...bot.intents.flatMap((i) => i.examples.map((e) => `${e},${i.id}`)),
    ].join('\n');
    await writeFile(path.join(dir, 'train.csv'), train);
    const result = await cli(
      'eval',
      '--train',
      path.join(dir, 'train.csv'),
      '--test',
      path.join(dir, 'test.csv'),
      '--shots',
      '3',
      '--seed',
      '7',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/trained on 9 examples of 3 intents \(3 shots, seed 7\)/);
    expect(result.stdout).toMatch(/closed-set accuracy\s+\d+\.\d\d%/);
    expect(result.stdout).toMatch(/latency per message\s+p50 [\d.]+ ms/);
  });

  it.concurrent('build writes an index the chat command answers from', async ({ expect }) => {
    const index = path.join(dir, 'bot.index');
    const build = await cli('build', path.join(dir, 'bot.json'), '-o', index);
    expect(build.code).toBe(0);
    expect(build.stderr).toMatch(/wrote .*bot\.index: [\d.]+ KiB for 3 intents and 1 FAQ entries/);
    expect((await readFile(index)).subarray(0, 4).toString()).toBe('SBIX');
    const chat = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [BIN, 'chat', index],
        { env: { ...process.env, SUPPORT_BOT_MODELS: modelsDir() } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
      child.stdin!.end('could I book a table for 6 people?\n');
    });
    expect(chat).toMatch(/bot> Book at \/book\.\n\s+\(intent booking/);
  });

  it.concurrent('explains usage mistakes with exit code 2', async ({ expect }) => {
    expect(await cli('eval', path.join(dir, 'bot.json'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('eval needs --test'),
    });
    expect(await cli('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command "frobnicate"'),
    });
    expect(
      await cli('eval', '--test', 'x.csv', '--shots', 'many', '--train', 'y.csv'),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--shots must be a positive whole number'),
    });
  });

  it.concurrent('validate checks every file it is given and exits 1 if any fails', async ({
    expect,
  }) => {
    const files = ['bot.json', 'bad.json', 'nope.json', 'bot.json'].map((f) => path.join(dir, f));
    const result = await cli('validate', ...files);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/bot\.json: OK/g)).toHaveLength(2);
    expect(result.stderr).toContain('bad.json:3:32 intents[0].exampels: unknown property');
    expect(result.stderr).toContain('nope.json: it does not exist');
    expect(result.stderr).toContain('2 of 4 files failed');
    expect(
      await cli('validate', path.join(dir, 'bot.json'), path.join(dir, 'bot.json')),
    ).toMatchObject({ code: 0 });
  });

  it('validate prints the first 50 of 12,000 problems in a 2 MB file quickly, and counts the rest', async () => {
    const intents = Array.from({ length: 6000 }, (_, i) => ({
      id: `Bad Id ${i}`,
      examples: ['   ', 'a fine example with enough words to pad the file out a little more'],
      response: `ok ${'x'.repeat(150)}`,
    }));
    const file = path.join(dir, 'big.json');
    await writeFile(file, JSON.stringify({ name: 'big', intents }, null, 2));
    const started = performance.now();
    const result = await cli('validate', file);
    const ms = performance.now() - started;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/12000 problems/);
    expect(result.stderr.match(/big\.json:\d+:\d+ intents/g)).toHaveLength(50);
    expect(result.stderr).toContain('… and 11950 more problems');
    // 34 s on main before the fix (line:column found by scanning from the start per problem).
    expect(ms).toBeLessThan(10_000);
  });

  it.concurrent('lists --device in --help', async ({ expect }) => {
    expect((await cli('--help')).stdout).toMatch(/--device auto\|cpu\|wasm\|webgpu/);
    for (const command of ['build', 'eval', 'chat', 'review']) {
      expect({ command, help: (await cli(command, '--help')).stdout }).toEqual({
        command,
        help: expect.stringMatching(
          /\n {2}--device <name> +where the model runs: auto .*cpu, wasm or webgpu\n$/,
        ),
      });
    }
    expect((await cli('validate', '--help')).stdout).not.toContain('--device');
  });

  it.concurrent('says to pass --models or set SUPPORT_BOT_MODELS when no model folder is found', async ({
    expect,
  }) => {
    const botFile = path.join(dir, 'bot.json');
    const out = path.join(dir, 'never.index');
    const missingDir = await cliWithEnv(
      {},
      'build',
      botFile,
      '-o',
      out,
      '--models',
      path.join(dir, 'no-models'),
    );
    expect(missingDir).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `the model folder ${path.join(dir, 'no-models')} does not exist. Please pass --models or set SUPPORT_BOT_MODELS to the folder that holds Xenova/all-MiniLM-L6-v2/`,
      ),
    });
    const wrongDir = await cliWithEnv({ SUPPORT_BOT_MODELS: dir }, 'build', botFile, '-o', out);
    expect(wrongDir.stderr).toContain(
      `${path.join(dir, 'Xenova/all-MiniLM-L6-v2/config.json')} does not exist. Please pass --models or set SUPPORT_BOT_MODELS`,
    );
    // No folder at all: the Hub is tried (unreachable here, as in CI), then the same advice.
    const none = await cliWithEnv({}, 'build', botFile, '-o', out);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /no model folder was given.*Please pass --models or set SUPPORT_BOT_MODELS/,
    );
    for (const result of [missingDir, wrongDir, none])
      expect(result.stderr).not.toMatch(/check the Hub|the Hub has/);
  });
});
