/**
 * Runs async tasks one at a time in submission order. An ONNX session is not re-entrant on
 * WASM, and queuing keeps latency predictable when messages arrive together.
 */
export class SerialQueue {
  private _tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this._tail.then(task, task);
    this._tail = result.catch(() => undefined);
    return result;
  }
}
