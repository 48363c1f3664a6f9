import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway `redis-server` on 127.0.0.1 for tests and benchmarks. */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops redis-server and starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops redis-server, keeping its port and data folder for `up()`. */
  down(): Promise<void>;
  /** Starts it again after `down()`. */
  up(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void;
  /** Lets a paused process run again (SIGCONT). */
  resume(): void;
  /** Stops it for good and removes its data folder. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Keep data across `restart()`: append-only file, fsync on every write. Default false. */
  persist?: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` (Debian package `redis-server`) on a free 127.0.0.1 port with a temp
 * directory and no persistence, and waits until it accepts connections. Throws a clear error
 * when `redis-server` is not installed: the Redis tests must fail, never skip.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      '[support-bot] Failed to start redis-server: it is not on PATH. Please install it (apt-get install -y redis-server) — CI installs it in scripts/bootstrap.sh.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'support-bot-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.persist ? 'yes' : 'no',
    ...(options.persist ? ['--appendfsync', 'always'] : []),
    '--protected-mode',
    'yes',
  ];
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const ready = await new Promise<boolean>((resolve) => {
      const deadline = setTimeout(() => resolve(false), 10_000);
      const check = () => {
        if (/Ready to accept connections/i.test(output)) {
          clearTimeout(deadline);
          resolve(true);
        } else if (child.exitCode !== null) {
          clearTimeout(deadline);
          resolve(false);
        } else setTimeout(check, 20);
      };
      check();
    });
    if (!ready) {
      await halt();
      throw new Error(`[support-bot] Failed to start redis-server on port ${port}:\n${output}`);
    }
  };
  const halt = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      child.kill('SIGCONT'); // a paused server only sees SIGTERM once it runs again
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await launch();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const restart = async () => {
    await halt();
    await launch();
  };
  const pause = () => void child.kill('SIGSTOP');
  const resume = () => void child.kill('SIGCONT');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart,
    down: halt,
    up: launch,
    pause,
    resume,
    stop,
  };
}

/** The `@redis/client` connection the tests and the load benchmark use (a dev dependency). */
export async function connectRedis(url: string) {
  const { createClient } = await import('@redis/client');
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}
