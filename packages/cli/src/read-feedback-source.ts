import { readFile } from 'node:fs/promises';
import { ErrorCode, parseFeedbackLines, SupportBotError, uniqueReports } from '@support-bot/core';
import { type FeedbackReport, validateFeedbackReport } from '@support-bot/core/protocol';

/** The stream the adapter's Redis feedback store appends to (`XADD <stream> * report <json>`). */
export const DEFAULT_FEEDBACK_STREAM = 'support-bot:feedback';
const PAGE = 1000;

/** True for `redis://` and `rediss://` sources. */
export const isRedisSource = (source: string): boolean => /^rediss?:\/\//i.test(source);

/** The URL without its password, for messages. */
function safeUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/**
 * Reads feedback reports from a JSON-lines file or from a Redis stream
 * (`redis://[user:pass@]host:port[/db][?stream=name]`, default stream
 * {@link DEFAULT_FEEDBACK_STREAM}), in store order with retried copies dropped. A malformed
 * record is an error naming its line or stream entry.
 */
export async function readFeedbackSource(
  source: string,
  options: { stream?: string } = {},
): Promise<FeedbackReport[]> {
  if (isRedisSource(source)) return readRedisStream(source, options.stream);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read ${source}: ${(cause as Error).message}. Please check the path.`,
      { cause },
    );
  }
  return parseFeedbackLines(text, source);
}

async function readRedisStream(source: string, streamOption?: string): Promise<FeedbackReport[]> {
  const url = new URL(source);
  const stream = streamOption ?? url.searchParams.get('stream') ?? DEFAULT_FEEDBACK_STREAM;
  url.searchParams.delete('stream');
  const where = `${safeUrl(url)} (stream "${stream}")`;
  const { createClient } = await import('@redis/client');
  const client = createClient({
    url: url.href,
    // One attempt: a CLI should say what is wrong, not wait for Redis forever.
    socket: { connectTimeout: 5000, reconnectStrategy: false },
  });
  let lastError: unknown;
  client.on('error', (error) => {
    lastError = error;
  });
  try {
    await client.connect();
  } catch (cause) {
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read feedback from ${where}: cannot connect (${describe(cause ?? lastError)}). Please check that Redis is running and the URL is right.`,
      { cause },
    );
  }
  const reports: FeedbackReport[] = [];
  try {
    const type = await client.type(stream);
    if (type === 'none') {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read feedback from ${where}: the stream does not exist (no report was stored yet, or the name differs). Please check the adapter's stream option or add ?stream=<name>.`,
      );
    }
    if (type !== 'stream') {
      throw new SupportBotError(
        ErrorCode.DATA_INVALID,
        `Failed to read feedback from ${where}: the key holds a ${type}, not a stream. Please point ?stream= at the adapter's feedback stream.`,
      );
    }
    let start = '-';
    for (;;) {
      const entries = await client.xRange(stream, start, '+', { COUNT: PAGE });
      for (const entry of entries) {
        const raw = (entry.message as Record<string, string>).report;
        const at = `${where} entry ${entry.id}`;
        if (raw === undefined) {
          throw new SupportBotError(
            ErrorCode.DATA_INVALID,
            `Failed to read ${at}: it has no "report" field. Please remove it (XDEL) or point at the adapter's stream.`,
          );
        }
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (cause) {
          throw new SupportBotError(
            ErrorCode.DATA_INVALID,
            `Failed to read ${at}: "report" is not JSON (${(cause as Error).message}). Please remove it (XDEL).`,
          );
        }
        const result = validateFeedbackReport(value);
        if (!result.ok) {
          const problem = result.issues.map((i) => `${i.field} ${i.message}`.trim()).join('; ');
          throw new SupportBotError(
            ErrorCode.DATA_INVALID,
            `Failed to read ${at}: ${problem}. Please remove it (XDEL).`,
          );
        }
        reports.push(result.value);
      }
      if (entries.length < PAGE) break;
      // Exclusive start after the last id read.
      start = `(${entries[entries.length - 1]?.id}`;
    }
  } catch (error) {
    if (error instanceof SupportBotError) throw error;
    throw new SupportBotError(
      ErrorCode.DATA_INVALID,
      `Failed to read feedback from ${where}: ${describe(error)}. Please check the URL and that Redis is reachable.`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
  return uniqueReports(reports);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const e = error as { code?: string; message?: string } | undefined;
  return e?.code ?? e?.message ?? String(error);
}
