import type { QuickReply, WebhookConfig } from '../types.js';
import type { ActionOutcome, ActionRequest, ActionResult } from './dialogue-state.js';

/** What a page-provided action receives. */
export interface ActionContext {
  slots: Record<string, string | number>;
  locale: string;
  intent: string;
  /** Aborted on a timeout, a new message or unmount: stop work and return. */
  signal: AbortSignal;
}

/** A page-provided action: `el.actions = { orderStatus: async ({ slots }) => ({ data }) }`. */
export type ActionHandler = (
  context: ActionContext,
) => ActionResult | undefined | Promise<ActionResult | undefined>;

export interface RunActionOptions {
  /** Handlers by name (the bot file's `action.handler`). */
  handlers?: Readonly<Record<string, ActionHandler>>;
  /**
   * The page's URL (or origin): relative webhook URLs resolve against it, and only its origin and
   * the webhook's `allowedOrigins` may be called. Default `location.href` where there is one.
   */
  baseUrl?: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Aborts the action (a new message, unmount). */
  signal?: AbortSignal;
  /** Milliseconds for handlers. Default 8,000 (a webhook has its own `timeout`). */
  handlerTimeout?: number;
}

/** The largest webhook answer read (bytes); larger answers are `invalid`. */
export const MAX_ACTION_RESPONSE_BYTES = 64 * 1024;

/**
 * Runs an action: the page's handler by name, or the webhook (the slots as JSON, the answer read
 * as JSON). Never throws: a thrown error, a timeout, an abort, a non-2xx status, a redirect, an
 * answer that is not a JSON object, or one over 64 KiB is an outcome with `ok: false`.
 *
 * @example
 * const outcome = await runAction(step.action, { handlers: { orderStatus }, baseUrl: location.href });
 * const { state, replies } = resumeDialogue(config, step.state, outcome);
 */
export async function runAction(
  request: ActionRequest,
  options: RunActionOptions = {},
): Promise<ActionOutcome> {
  const action = request.action;
  const timeout = action.webhook ? action.webhook.timeout : (options.handlerTimeout ?? 8000);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The action timed out.', 'TimeoutError')),
    timeout,
  );
  const onAbort = () => controller.abort(options.signal!.reason);
  if (options.signal?.aborted) return fail('aborted', 'The action was aborted.');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = controller.signal;
  // Whatever the handler does, the outcome is settled by the first of: its answer, the timeout, an abort.
  const stopped = new Promise<ActionOutcome>((resolve) => {
    signal.addEventListener(
      'abort',
      () =>
        resolve(
          options.signal?.aborted
            ? fail('aborted', 'The action was aborted.')
            : fail('timeout', `The action did not answer within ${timeout} ms.`),
        ),
      { once: true },
    );
  });
  try {
    const work =
      action.webhook === undefined
        ? callHandler(request, action.handler, options, signal)
        : callWebhook(request, action.webhook, options, signal);
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

async function callHandler(
  request: ActionRequest,
  name: string,
  options: RunActionOptions,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const handler = options.handlers?.[name];
  if (typeof handler !== 'function' || !Object.hasOwn(options.handlers!, name)) {
    return fail('error', `No action handler named "${name}" was provided.`);
  }
  try {
    const value = await handler({
      slots: { ...request.slots },
      locale: request.locale,
      intent: request.intent,
      signal,
    });
    return checkResult(value, 'handler');
  } catch (error) {
    if (signal.aborted) return fail('aborted', 'The action was aborted.');
    return fail(
      'error',
      `The handler "${name}" threw: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
    );
  }
}

async function callWebhook(
  request: ActionRequest,
  action: WebhookConfig,
  options: RunActionOptions,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const base = options.baseUrl ?? (globalThis as { location?: { href: string } }).location?.href;
  const path = action.url.replace(/\{([a-z][a-z0-9_]*)\}/g, (_, name: string) =>
    encodeURIComponent(String(request.slots[name] ?? '')),
  );
  let url: URL;
  try {
    url = base === undefined ? new URL(path) : new URL(path, base);
  } catch {
    return fail(
      'forbidden',
      `The webhook URL "${action.url}" needs a base URL. Please pass baseUrl.`,
    );
  }
  const own = base === undefined ? undefined : new URL(base).origin;
  if (url.origin !== own && !action.allowedOrigins.includes(url.origin)) {
    return fail(
      'forbidden',
      `The webhook may not call ${url.origin}: it is not the page's origin and not in allowedOrigins.`,
    );
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: action.method,
      headers: {
        accept: 'application/json',
        ...(action.method === 'POST' && { 'content-type': 'application/json' }),
      },
      ...(action.method === 'POST' && {
        body: JSON.stringify({
          intent: request.intent,
          slots: request.slots,
          locale: request.locale,
        }),
      }),
      // A redirect could lead to another origin; cookies only for the page's own.
      redirect: 'error',
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) return fail('aborted', 'The action was aborted.');
    return fail(
      'error',
      `The webhook could not be reached: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
    );
  }
  if (response.status === 404) {
    void response.body?.cancel();
    return { ok: true, result: { notFound: true } };
  }
  if (!response.ok) {
    void response.body?.cancel();
    return fail('http', `The webhook answered ${response.status}.`);
  }
  const text = await readCapped(response, signal);
  if (text === undefined)
    return fail('invalid', `The webhook's answer is over ${MAX_ACTION_RESPONSE_BYTES} bytes.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('invalid', 'The webhook did not answer JSON.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('invalid', 'The webhook did not answer a JSON object.');
  }
  return { ok: true, result: { data: data as Record<string, unknown> } };
}

async function readCapped(response: Response, signal: AbortSignal): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (!signal.aborted) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ACTION_RESPONSE_BYTES) {
      void reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Checks what a handler returned; anything not shaped like {@link ActionResult} is `invalid`. */
function checkResult(value: unknown, who: string): ActionOutcome {
  if (value === undefined || value === null) return { ok: true, result: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return fail(
      'invalid',
      `The ${who} returned ${Array.isArray(value) ? 'an array' : typeof value}, not an object.`,
    );
  }
  const v = value as Record<string, unknown>;
  const result: ActionResult = {};
  if (v.text !== undefined) {
    if (typeof v.text !== 'string') return fail('invalid', `The ${who}'s text is not a string.`);
    result.text = v.text.length > 2000 ? `${v.text.slice(0, 1999)}…` : v.text;
  }
  if (v.data !== undefined) {
    if (typeof v.data !== 'object' || v.data === null || Array.isArray(v.data)) {
      return fail('invalid', `The ${who}'s data is not an object.`);
    }
    let json: string;
    try {
      json = JSON.stringify(v.data);
    } catch {
      return fail('invalid', `The ${who}'s data is not JSON (a cycle or a BigInt).`);
    }
    if (json.length > MAX_ACTION_RESPONSE_BYTES)
      return fail('invalid', `The ${who}'s data is over 64 KiB.`);
    result.data = JSON.parse(json) as Record<string, unknown>;
  }
  if (v.quickReplies !== undefined) {
    if (!Array.isArray(v.quickReplies))
      return fail('invalid', `The ${who}'s quickReplies is not an array.`);
    const chips: QuickReply[] = [];
    for (const q of v.quickReplies.slice(0, 8)) {
      if (typeof q === 'string' && q.trim())
        chips.push({ label: q.slice(0, 80), message: q.slice(0, 500) });
      else if (typeof q === 'object' && q !== null && typeof (q as QuickReply).label === 'string') {
        const label = (q as QuickReply).label.slice(0, 80);
        const message =
          typeof (q as QuickReply).message === 'string' ? (q as QuickReply).message : label;
        chips.push({ label, message: message.slice(0, 500) });
      } else return fail('invalid', `The ${who}'s quickReplies hold something that is not a chip.`);
    }
    result.quickReplies = chips;
  }
  if (v.notFound === true) result.notFound = true;
  return { ok: true, result };
}

function fail(
  failure: Exclude<ActionOutcome, { ok: true }>['failure'],
  message: string,
): ActionOutcome {
  return { ok: false, failure, message };
}
