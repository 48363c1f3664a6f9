import { createParser } from 'eventsource-parser';

export interface OpenAICompatibleOptions {
  /** e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama). */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token; stays on the server. */
  apiKey?: string;
}

/** One chat completion request, streamed as text deltas. */
export type ChatProvider = (
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[],
  signal: AbortSignal,
) => AsyncIterable<string>;

/** A provider for any OpenAI-compatible `/chat/completions` endpoint, streaming. */
export function openAICompatible(options: OpenAICompatibleOptions): ChatProvider {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async function* (messages, signal) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }),
      },
      body: JSON.stringify({ model: options.model, messages, stream: true }),
      signal,
    });
    if (!response.ok || !response.body) {
      throw Object.assign(new Error(`upstream answered HTTP ${response.status}`), {
        retryable: response.status === 429 || response.status >= 500,
      });
    }
    const queue: string[] = [];
    let done = false;
    const parser = createParser({
      onEvent(event) {
        if (event.data === '[DONE]') {
          done = true;
          return;
        }
        const delta = (JSON.parse(event.data) as { choices?: { delta?: { content?: string } }[] })
          .choices?.[0]?.delta?.content;
        if (delta) queue.push(delta);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (queue.length > 0) yield queue.shift()!;
      if (done) return;
    }
    if (!done)
      throw Object.assign(new Error('upstream stream ended without [DONE]'), { retryable: true });
  };
}
