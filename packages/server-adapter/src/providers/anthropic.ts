import type { FinishReason } from '@support-bot/core/protocol';
import { EscalationError } from '../errors.js';
import type { EscalationProvider, ProviderEvent, ProviderMessage } from './provider.js';
import { malformed } from './upstream.js';

export interface AnthropicOptions {
  apiKey: string;
  /** e.g. `claude-3-5-haiku-latest`. */
  model: string;
  /** Default `https://api.anthropic.com`. */
  baseURL?: string;
  /** The `anthropic-version` header. Default `2023-06-01`. */
  version?: string;
  /** Extra request headers. Default none. */
  headers?: Record<string, string>;
}

const STOP: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  refusal: 'content_filter',
};

/** Messages must start with the user and alternate: merge neighbours, drop leading answers. */
function alternate(messages: readonly ProviderMessage[]): { role: string; content: string }[] {
  const out: { role: string; content: string }[] = [];
  for (const m of messages) {
    if (out.length === 0 && m.role !== 'user') continue;
    const last = out.at(-1);
    if (last && last.role === m.role) last.content += `\n\n${m.text}`;
    else out.push({ role: m.role, content: m.text });
  }
  return out;
}

/**
 * Anthropic's Messages API, streamed.
 *
 * @example
 * anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, model: 'claude-3-5-haiku-latest' })
 */
export function anthropic(options: AnthropicOptions): EscalationProvider {
  const url = `${(options.baseURL ?? 'https://api.anthropic.com').replace(/\/+$/, '')}/v1/messages`;
  const headers = {
    accept: 'text/event-stream',
    'x-api-key': options.apiKey,
    'anthropic-version': options.version ?? '2023-06-01',
    ...options.headers,
  };
  return {
    name: `anthropic (${options.model})`,
    secrets: [options.apiKey],
    async *stream(call): AsyncGenerator<ProviderEvent> {
      const response = await call.post(url, {
        headers,
        body: {
          model: options.model,
          system: call.system,
          messages: alternate(call.messages),
          max_tokens: call.maxOutputTokens,
          temperature: call.temperature,
          stream: true,
        },
      });
      let finish: FinishReason = 'stop';
      const usage = { inputTokens: 0, outputTokens: 0 };
      for await (const event of call.events(response)) {
        if (event.event === 'ping') continue;
        let data: {
          type?: string;
          message?: { usage?: { input_tokens?: number; output_tokens?: number } };
          delta?: { type?: string; text?: string; stop_reason?: string | null };
          usage?: { input_tokens?: number; output_tokens?: number };
          error?: { type?: string; message?: string };
        };
        try {
          data = JSON.parse(event.data);
        } catch (cause) {
          throw malformed(cause);
        }
        if (typeof data !== 'object' || data === null) throw malformed();
        switch (data.type ?? event.event) {
          case 'message_start':
            usage.inputTokens = data.message?.usage?.input_tokens ?? 0;
            usage.outputTokens = data.message?.usage?.output_tokens ?? 0;
            break;
          case 'content_block_delta':
            if (data.delta?.type === 'text_delta' && data.delta.text) {
              yield { type: 'delta', text: data.delta.text };
            }
            break;
          case 'message_delta':
            if (data.delta?.stop_reason) finish = STOP[data.delta.stop_reason] ?? 'stop';
            if (data.usage?.output_tokens !== undefined) {
              usage.outputTokens = data.usage.output_tokens;
            }
            if (data.usage?.input_tokens) usage.inputTokens = data.usage.input_tokens;
            break;
          case 'message_stop':
            yield { type: 'done', finishReason: finish, usage };
            return;
          case 'error':
            throw new EscalationError(
              'UPSTREAM_INTERRUPTED',
              'Failed to finish the answer: the assistant reported an error. Please try again.',
              { cause: data.error },
            );
          default:
            // content_block_start/stop and future event types carry nothing we need.
            break;
        }
      }
      throw new EscalationError(
        'UPSTREAM_INTERRUPTED',
        'Failed to finish the answer: the assistant stopped mid-answer. Please try again.',
      );
    },
  };
}
