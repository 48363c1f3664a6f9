import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the mock provider does with the next requests. */
export interface MockUpstreamBehaviour {
  /** Words streamed as OpenAI chat-completion chunks. Default 4 words. */
  words?: readonly string[];
  /** Delay before the first chunk and between chunks, ms. Default 0. */
  delayMs?: number;
  /** Answer with this HTTP status instead (no stream). */
  status?: number;
}

/** A local OpenAI-compatible server (`POST /v1/chat/completions`, streaming) on 127.0.0.1. */
export interface MockUpstream {
  /** Base URL including `/v1`. */
  baseURL: string;
  behaviour: MockUpstreamBehaviour;
  /** JSON bodies of the requests received, oldest first (the last 100). */
  requests: unknown[];
  /** Requests whose client hung up before the stream ended. */
  aborted: number;
  /** Requests completed. */
  completed: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });
}

/** Starts the mock provider used by the HTTP integration tests and the load benchmark. */
export async function startMockUpstream(
  behaviour: MockUpstreamBehaviour = {},
): Promise<MockUpstream> {
  const state: MockUpstream = {
    baseURL: '',
    behaviour,
    requests: [],
    aborted: 0,
    completed: 0,
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      state.requests.push(JSON.parse(body));
    } catch {
      state.requests.push(body);
    }
    if (state.requests.length > 100) state.requests.shift();
    const b = state.behaviour;
    if (b.status && b.status !== 200) {
      res.writeHead(b.status, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"mock failure"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        state.aborted++;
      }
    });
    const words = b.words ?? ['Our ', 'jackets ', 'are ', 'waterproof.'];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (const word of words) {
      if (b.delayMs) await wait(b.delayMs);
      if (gone) return;
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: word } }] })}\n\n`);
    }
    if (gone) return;
    res.write(
      `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: null })}\n\n`,
    );
    res.write(
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 42, completion_tokens: words.length } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
    state.completed++;
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
