/**
 * `support-bot test` as a site owner runs it in CI: the built binary in a child process on the
 * real models; both example bots' conversation files pass, a broken one fails with the
 * conversation, the turn and the reason, and exit code 1.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { compiledBotIndex } from '../support/compiled-bot.js';
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

let dir: string;
/** The English store bot compiled (shared with the browser tests' cache); see the last two tests. */
let storeIndex: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sb-dialogue-cli-'));
  storeIndex = path.join(dir, 'acme-store.index');
  await writeFile(storeIndex, await compiledBotIndex('examples/bots/acme-store.json'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Each test is its own child process (model load and all): run them side by side, so the second
// core works while vitest's single worker waits for a child.
describe.concurrent('support-bot test', () => {
  it('passes the English store bot conversations', async ({ expect }) => {
    const r = await cli(
      'test',
      repoPath('examples/bots/acme-store.json'),
      repoPath('examples/bots/acme-store.conversations.yaml'),
    );
    expect(r.stdout).toMatch(/11 of 11 conversations passed/);
    expect(r.code).toBe(0);
  });

  it('passes the Chinese store bot conversations', async ({ expect }) => {
    const r = await cli(
      'test',
      repoPath('examples/bots/acme-store.zh.json'),
      repoPath('examples/bots/acme-store.zh.conversations.yaml'),
    );
    expect(r.stdout).toMatch(/8 of 8 conversations passed/);
    expect(r.code).toBe(0);
  });

  // The raw bot.json path is the first test's; these two are about the conversations file, so
  // they run on the compiled index (`support-bot test` takes either) and embed no examples.
  it('fails a broken file with the conversation, the turn and why', async ({ expect }) => {
    const text = await readFile(repoPath('examples/bots/acme-store.conversations.yaml'), 'utf8');
    const broken = text
      .replace('slots: { reason: too_small }', 'slots: { reason: too_big }')
      .replace('bot: R-2001', 'bot: R-9999');
    const file = path.join(dir, 'broken.yaml');
    await writeFile(file, broken);
    const r = await cli('test', storeIndex, file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ start a return with a typo'd reason, confirm");
    expect(r.stdout).toContain('turn 3 (user: "it\'s to smal")');
    expect(r.stdout).toContain('expected slot reason = too_big, got too_small');
    expect(r.stdout).toContain('turn 4 (user: "yes please")');
    expect(r.stdout).toContain('expected the reply to contain "R-9999"');
    expect(r.stdout).toMatch(/10 of 11 conversations passed \(27 turns\); 1 failed/);
  });

  it('names the path of a mistake in the conversations file', async ({ expect }) => {
    const file = path.join(dir, 'typo.yaml');
    await writeFile(file, 'conversations:\n  - name: x\n    turns:\n      - usr: hi\n');
    const r = await cli('test', storeIndex, file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('conversations[0].turns[0].user: is required');
  });
});
