/**
 * A one-line progress bar on stderr (stdout stays clean for `--json`). On a terminal it redraws
 * in place; elsewhere (CI logs) it prints a line at every 10%.
 */
export class ProgressBar {
  private _lastDecile = -1;
  private readonly _started = performance.now();

  constructor(
    private readonly _label: string,
    private readonly _stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number): void {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const elapsed = (performance.now() - this._started) / 1000;
    const eta = ratio > 0 ? elapsed * (1 / ratio - 1) : Number.NaN;
    const text = `${this._label} ${'█'.repeat(Math.round(ratio * 24)).padEnd(24, '░')} ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}${Number.isFinite(eta) && ratio < 1 ? ` eta ${eta.toFixed(0)}s` : ''}`;
    if (this._stream.isTTY) {
      this._stream.write(`\r${text}\u001b[K`);
      if (ratio >= 1) this._stream.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== this._lastDecile) {
      this._lastDecile = decile;
      this._stream.write(`${text}\n`);
    }
  }
}
