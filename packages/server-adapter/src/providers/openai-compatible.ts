import type { FinishReason } from '@support-bot/core/protocol';
import { EscalationError } from '../errors.js';
import type { EscalationProvider, ProviderEvent } from './provider.js';
import { malformed } from './upstream.js';

export interface OpenAICompatibleOptions {
  /**
   * The API's base URL, up to and without `/chat/completions`: `https://api.openai.com/v1`,
   * `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:8000/v1` (vLLM),
   * `http://127.0.0.1:8080/v1` (llama.cpp server).
   */
  baseURL: string;
  /** Model name, e.g. `gpt-4o-mini`, `llama3.1:8b`. */
  model: string;
  /** API key; stays on the server. Default none (local servers). */
  apiKey?: string;
  /** How the key is sent: `bearer` (`Authorization: Bearer`) or `api-key` (Azure). Default `bearer`. */
  auth?: 'bearer' | 'api-key';
  /** Path after `baseURL`. Default `/chat/completions`. */
  path?: string;
  /** Query parameters, e.g. `{ 'api-version': '2024-10-21' }` for Azure. Default none. */
  query?: Record<string, string>;
  /** Extra request headers. Default none. */
  headers?: Record<string, string>;
  /** Ask for token usage in the stream (`stream_options.include_usage`). Default true. */
  includeUsage?: boolean;
  /** Extra fields merged into the request body, e.g. `{ top_p: 0.9 }`. Default none. */
  extraBody?: Record<string, unknown>;
}

interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
};

/**
 * Any OpenAI-compatible chat-completions API (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp
 * server, LM Studio, ...), streamed.
 *
 * @example
 * openAICompatible({ baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: process.env.OPENAI_API_KEY })
 * openAICompatible({ baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' }) // Ollama
 */
export function openAICompatible(options: OpenAICompatibleOptions): EscalationProvider {
  const url = new URL(options.baseURL.replace(/\/+$/, '') + (options.path ?? '/chat/completions'));
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.apiKey) {
    if (options.auth === 'api-key') headers['api-key'] = options.apiKey;
    else headers.authorization = `Bearer ${options.apiKey}`;
  }
  return {
    name: `openai-compatible (${options.model})`,
    secrets: options.apiKey ? [options.apiKey] : [],
    async *stream(call): AsyncGenerator<ProviderEvent> {
      const response = await call.post(url.href, {
        headers,
        body: {
          model: options.model,
          messages: [
            { role: 'system', content: call.system },
            ...call.messages.map((m) => ({ role: m.role, content: m.text })),
          ],
          stream: true,
          ...(options.includeUsage !== false && { stream_options: { include_usage: true } }),
          max_tokens: call.maxOutputTokens,
          temperature: call.temperature,
          ...options.extraBody,
        },
      });
      let finish: FinishReason | undefined;
      let usage = { inputTokens: 0, outputTokens: 0 };
      for await (const event of call.events(response)) {
        if (event.data === '[DONE]') {
          yield { type: 'done', finishReason: finish ?? 'stop', usage };
          return;
        }
        let chunk: ChatChunk;
        try {
          chunk = JSON.parse(event.data) as ChatChunk;
        } catch (cause) {
          throw malformed(cause);
        }
        if (typeof chunk !== 'object' || chunk === null) throw malformed();
        if (chunk.error) {
          throw new EscalationError(
            'UPSTREAM_INTERRUPTED',
            'Failed to finish the answer: the assistant reported an error. Please try again.',
            { cause: chunk.error },
          );
        }
        const choice = chunk.choices?.[0];
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text !== '') yield { type: 'delta', text };
        if (choice?.finish_reason) finish = FINISH[choice.finish_reason] ?? 'stop';
        if (chunk.usage) {
          usage = {
            inputTokens: chunk.usage.prompt_tokens ?? 0,
            outputTokens: chunk.usage.completion_tokens ?? 0,
          };
        }
      }
      // Some servers close without `[DONE]`; a finish reason still means a complete answer.
      if (finish) {
        yield { type: 'done', finishReason: finish, usage };
        return;
      }
      throw new EscalationError(
        'UPSTREAM_INTERRUPTED',
        'Failed to finish the answer: the assistant stopped mid-answer. Please try again.',
      );
    },
  };
}

export interface AzureOpenAIOptions {
  /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
  endpoint: string;
  /** The deployment name. */
  deployment: string;
  apiKey: string;
  /** Default `2024-10-21`. */
  apiVersion?: string;
}

/**
 * Azure OpenAI's deployment URLs and `api-key` header on top of {@link openAICompatible}.
 *
 * @example
 * azureOpenAI({ endpoint: 'https://acme.openai.azure.com', deployment: 'gpt-4o-mini', apiKey })
 */
export function azureOpenAI(options: AzureOpenAIOptions): EscalationProvider {
  return openAICompatible({
    baseURL: `${options.endpoint.replace(/\/+$/, '')}/openai/deployments/${encodeURIComponent(options.deployment)}`,
    model: options.deployment,
    apiKey: options.apiKey,
    auth: 'api-key',
    query: { 'api-version': options.apiVersion ?? '2024-10-21' },
  });
}
