import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ITEMS = ':scope > ol > li.message';
const INTERACTIVE = 'a[href], button, [tabindex]:not(li)';

/**
 * Keyboard model of the message log, after BotFramework-WebChat's transcript: the log is one tab
 * stop (the current message, the newest by default); Up/Down/Home/End move between messages and
 * a screen reader reads each one; Enter on a message moves into its links and buttons (then Tab
 * goes through them), and Escape goes back to the message. Links and buttons inside messages are
 * otherwise out of the tab order, so Tab goes from the log straight to the chips and the input.
 */
export class TranscriptNavigation implements ReactiveController {
  private _current?: string;
  private _entered?: string;
  private _count = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly _log: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const log = this._log();
    const count = log ? this._items(log).length : 0;
    // New messages while the visitor is elsewhere: the log's stop moves to the newest one.
    if (
      count !== this._count &&
      log &&
      !log.contains((log.getRootNode() as ShadowRoot).activeElement)
    )
      this._current = undefined;
    this._count = count;
    this._applyTabIndex();
  }

  /** Keydown on the log (bind with `@keydown`). */
  readonly onKeydown = (event: KeyboardEvent): void => {
    const log = this._log();
    if (!log || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = this._items(log);
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('li.message');
    if (item && target !== item) {
      // Inside a message's controls: Escape goes back to the message (not closing the panel).
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this._entered = undefined;
        this._focus(item);
      }
      return;
    }
    const index = item ? items.indexOf(item) : -1;
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = items[index < 0 ? items.length - 1 : Math.min(items.length - 1, index + 1)];
        break;
      case 'ArrowUp':
        next = items[index < 0 ? items.length - 1 : Math.max(0, index - 1)];
        break;
      case 'Home':
        next = items[0];
        break;
      case 'End':
        next = items.at(-1);
        break;
      case 'Enter':
      case 'F2': {
        const first = item?.querySelector<HTMLElement>(INTERACTIVE);
        if (!item || !first) return;
        event.preventDefault();
        this._entered = item.dataset.id;
        this._applyTabIndex();
        first.focus();
        return;
      }
      default:
        return;
    }
    if (!next) return;
    event.preventDefault();
    this._focus(next);
  };

  /** Focus left a message's controls: they leave the tab order again. */
  readonly onFocusout = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    const entered = this._entered;
    if (!entered) return;
    const item = this._log()?.querySelector<HTMLElement>(
      `li.message[data-id="${CSS.escape(entered)}"]`,
    );
    if (item && to && item.contains(to)) return;
    this._entered = undefined;
    this._applyTabIndex();
  };

  /** Focus moved to a message by pointer or script: it becomes the log's tab stop. */
  readonly onFocusin = (event: FocusEvent): void => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('li.message');
    if (item?.dataset.id && item.dataset.id !== this._current) {
      this._current = item.dataset.id;
      this._applyTabIndex();
    }
  };

  /** Focuses the log's current message (or the log itself when it is empty). */
  focus(): void {
    const log = this._log();
    if (!log) return;
    const items = this._items(log);
    const current = items.find((i) => i.dataset.id === this._current) ?? items.at(-1);
    (current ?? log).focus();
  }

  private _focus(item: HTMLElement): void {
    this._current = item.dataset.id;
    this._applyTabIndex();
    item.focus();
    item.scrollIntoView?.({ block: 'nearest' });
  }

  private _items(log: HTMLElement): HTMLElement[] {
    return [...log.querySelectorAll<HTMLElement>(ITEMS)];
  }

  private _applyTabIndex(): void {
    const log = this._log();
    if (!log) return;
    const items = this._items(log);
    let current = items.find((i) => i.dataset.id === this._current);
    // A message that is gone (cleared, replaced by a retry) hands the stop to the newest one.
    if (!current) {
      this._current = undefined;
      current = items.at(-1);
    }
    if (current) log.removeAttribute('tabindex');
    else log.tabIndex = 0;
    for (const item of items) {
      item.tabIndex = item === current ? 0 : -1;
      const open = item.dataset.id !== undefined && item.dataset.id === this._entered;
      for (const control of item.querySelectorAll<HTMLElement>(INTERACTIVE))
        control.tabIndex = open ? 0 : -1;
    }
  }
}
