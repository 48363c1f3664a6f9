import type { FeedbackReport } from '@support-bot/core/protocol';

/** Reports kept for later at most; past this the oldest are dropped (a visitor's long session offline). */
export const MAX_QUEUED_REPORTS = 100;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface FeedbackReporterOptions {
  /** Absolute URL of the adapter's feedback endpoint. */
  endpoint: string;
  /** localStorage key the queue is kept under (one per bot and endpoint). */
  storageKey: string;
  /** A report the endpoint refused for good (400/413/415/422): it was dropped. */
  onRejected(report: FeedbackReport, status: number, message: string): void;
  /** A report the endpoint accepted. */
  onDelivered?(report: FeedbackReport): void;
}

/**
 * Sends opt-in feedback reports to the adapter one at a time, and loses none: each report is
 * queued in localStorage first, removed only once the endpoint accepts it (2xx), kept on network
 * errors, 408, 429 and 5xx and sent again later — on the next report, when the browser comes back
 * online, when the page loads again, or on a timer with capped exponential backoff that honours
 * `Retry-After`. A report the endpoint refuses as malformed is dropped and reported.
 */
export class FeedbackReporter {
  private _queue: FeedbackReport[];
  private _sending = false;
  private _failures = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _disposed = false;
  private readonly _onOnline = () => void this.flush();

  constructor(private readonly _options: FeedbackReporterOptions) {
    this._queue = this._load();
    globalThis.addEventListener?.('online', this._onOnline);
    if (this._queue.length > 0) void this.flush();
  }

  /** Reports still waiting to be delivered. */
  get pending(): readonly FeedbackReport[] {
    return this._queue;
  }

  /** Queues a report (kept across reloads) and tries to send everything queued. */
  report(report: FeedbackReport): void {
    this._queue.push(report);
    if (this._queue.length > MAX_QUEUED_REPORTS)
      this._queue.splice(0, this._queue.length - MAX_QUEUED_REPORTS);
    this._save();
    void this.flush();
  }

  /** Sends queued reports in order until one fails; resolves when done. */
  async flush(): Promise<void> {
    if (this._sending || this._disposed) return;
    this._sending = true;
    clearTimeout(this._timer);
    this._timer = undefined;
    try {
      while (this._queue.length > 0 && !this._disposed) {
        const report = this._queue[0]!;
        const outcome = await this._send(report);
        if (outcome.kind === 'retry') {
          this._failures++;
          const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this._failures, 12));
          const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
          this._timer = setTimeout(() => void this.flush(), Math.min(wait, MAX_BACKOFF_MS));
          return;
        }
        this._failures = 0;
        this._queue = this._queue.filter((r) => r.id !== report.id);
        this._save();
        if (outcome.kind === 'rejected') {
          this._options.onRejected(report, outcome.status, outcome.message);
        } else this._options.onDelivered?.(report);
      }
    } finally {
      this._sending = false;
    }
  }

  /** Stops retrying (the queue stays in storage for the next page). */
  dispose(): void {
    this._disposed = true;
    clearTimeout(this._timer);
    globalThis.removeEventListener?.('online', this._onOnline);
  }

  private async _send(
    report: FeedbackReport,
  ): Promise<
    | { kind: 'delivered' }
    | { kind: 'retry'; retryAfterMs?: number }
    | { kind: 'rejected'; status: number; message: string }
  > {
    let response: Response;
    try {
      response = await fetch(this._options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(report),
        credentials: 'omit',
        keepalive: true,
      });
    } catch {
      return { kind: 'retry' };
    }
    if (response.ok) return { kind: 'delivered' };
    const status = response.status;
    if (status === 408 || status === 429 || status >= 500) {
      const seconds = Number(response.headers.get('retry-after'));
      return { kind: 'retry', ...(seconds > 0 && { retryAfterMs: seconds * 1000 }) };
    }
    let message = `HTTP ${status}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {}
    return { kind: 'rejected', status, message };
  }

  private _load(): FeedbackReport[] {
    try {
      const raw = globalThis.localStorage?.getItem(this._options.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed)
        ? parsed.filter(
            (r): r is FeedbackReport =>
              typeof r === 'object' && r !== null && typeof (r as FeedbackReport).id === 'string',
          )
        : [];
    } catch {
      return [];
    }
  }

  private _save(): void {
    try {
      if (this._queue.length === 0) globalThis.localStorage?.removeItem(this._options.storageKey);
      else globalThis.localStorage?.setItem(this._options.storageKey, JSON.stringify(this._queue));
    } catch {
      // Storage full or blocked: the queue still lives in memory for this page.
    }
  }
}
