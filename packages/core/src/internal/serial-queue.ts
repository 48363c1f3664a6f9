import { raceAbort, throwIfAborted } from './abort.js';

/**
 * Runs async tasks one at a time in submission order. An ONNX session is not re-entrant on
 * WASM, and queuing keeps latency predictable when messages arrive together.
 */
export class SerialQueue {
  private _tail: Promise<unknown> = Promise.resolve();

  /**
   * Queues `task`. With a `signal`, the returned promise rejects as soon as it aborts, also
   * while the task is still waiting its turn, and an aborted task is skipped when its turn comes.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const start = () => {
      throwIfAborted(signal);
      return task();
    };
    const result = this._tail.then(start, start);
    this._tail = result.catch(() => undefined);
    return raceAbort(result, signal);
  }
}
