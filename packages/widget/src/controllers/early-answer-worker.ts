import type { BotSummary, FromEarlyWorker, ToEarlyWorker } from '../worker/messages.js';

// biome-ignore lint/suspicious/noExplicitAny: a call resolves with its message's answer type.
type Call = { resolve(value: any): void; reject(error: Error): void };

/** A question the early-answer worker takes (everything but `init`), without its id. */
export type EarlyQuestion =
  Exclude<ToEarlyWorker, { type: 'init' }> extends infer T
    ? T extends unknown
      ? Omit<T, 'id'>
      : never
    : never;

/**
 * The page's side of the early-answer worker (`engine-early.worker.js`): the bot file alone, no
 * model, on its own thread, so chips and sure word matches are answered while the engine
 * worker's thread is busy creating the ONNX session or embedding examples. The engine client
 * starts it with the engine worker and stops it once the engine is ready. When it cannot start
 * (not served, say) or stops, every call rejects with code `RETRY` and `stopped` is true.
 */
export class EarlyAnswerWorker {
  stopped = false;
  private readonly _worker?: Worker;
  private readonly _calls = new Map<number, Call>();
  private _nextId = 1;

  /** Starts the worker (its script loads while the page fetches the bot file); see {@link init}. */
  constructor(url: URL, onBooted: (bot: BotSummary) => void) {
    try {
      this._worker = new Worker(url, { type: 'module', name: 'support-bot-early' });
    } catch {
      this.stopped = true;
      return;
    }
    const worker = this._worker;
    worker.addEventListener('message', (event: MessageEvent<FromEarlyWorker>) => {
      const m = event.data;
      if (m.type === 'booted') {
        onBooted(m.bot);
        return;
      }
      if (m.type === 'error' && m.id === undefined) {
        // It could not read the bot file: the engine worker reports why.
        this.stop();
        return;
      }
      const call = this._calls.get(m.id!);
      this._calls.delete(m.id!);
      if (m.type === 'error')
        call?.reject(
          Object.assign(new Error(m.message), { code: m.code, name: 'SupportBotError' }),
        );
      else call?.resolve(m.type === 'dialogue' ? m.answer : m.reply);
    });
    worker.addEventListener('error', (event) => {
      // Not served (an older asset copy), say: the engine worker answers early instead.
      event.preventDefault();
      this.stop();
    });
  }

  /** Hands the worker the bot file: it answers once it has read it (and posts `booted`). */
  init(config: string | ArrayBuffer, source: string): void {
    if (!this.stopped)
      this._worker?.postMessage({ type: 'init', config, source } satisfies ToEarlyWorker);
  }

  /**
   * The answer to `question` from the bot file alone, or undefined when it needs the model
   * (`answer-early` with no sure match; a `dialogue` message that is not a chip, or that a form
   * reads). Rejects with the worker's error (an unknown chip target), or `RETRY` once stopped.
   */
  ask<T>(question: EarlyQuestion): Promise<T | undefined> {
    if (this.stopped || !this._worker) return Promise.reject(retry());
    const id = this._nextId++;
    const worker = this._worker;
    return new Promise<T | undefined>((resolve, reject) => {
      this._calls.set(id, { resolve, reject });
      worker.postMessage({ ...question, id } as ToEarlyWorker);
    });
  }

  /** Terminates the worker; pending calls reject with `RETRY`. Idempotent. */
  stop(): void {
    if (this.stopped && this._calls.size === 0) return;
    this.stopped = true;
    this._worker?.terminate();
    for (const call of this._calls.values()) call.reject(retry());
    this._calls.clear();
  }
}

function retry(): Error {
  return Object.assign(new Error('The early-answer worker stopped.'), { code: 'RETRY' });
}
