import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Viewports where the panel covers the whole screen (keep in step with the styles). */
export const SHEET_QUERY = '(max-width: 480px), (max-height: 520px)';
const TABBABLE = 'a[href], button, textarea, input, select, [tabindex]';

/** Whether `dialog` is open as a modal (false where the browser does not know `:modal`). */
function isModal(dialog: HTMLDialogElement | undefined): boolean {
  try {
    return dialog?.matches(':modal') ?? false;
  } catch {
    return false;
  }
}

/**
 * Shows the panel (a `<dialog>`) the way the viewport needs: on small screens, where it is a
 * full-screen sheet, as a modal (`showModal()`: focus stays inside and the page behind is inert);
 * on larger screens as a non-modal panel beside the page. Switches when the viewport crosses
 * {@link SHEET_QUERY} while open. `onDismiss` runs when the browser closes the dialog itself
 * (Escape, a back gesture).
 */
export class ModalPanel implements ReactiveController {
  private _media?: MediaQueryList;
  private _open = false;
  private _dialog?: HTMLDialogElement;
  private readonly _onMedia = () => this.sync(this._open);
  private readonly _onCancel = (event: Event) => {
    event.preventDefault();
    this._onDismiss();
  };
  private readonly _onClose = () => {
    if (this._open && !this._dialog?.open) this._onDismiss();
  };
  /**
   * A modal dialog makes the page inert, but Tab past its last control still leaves for the
   * browser's own UI: wrap around instead, as the dialog pattern asks.
   */
  private readonly _onKeydown = (event: KeyboardEvent) => {
    const dialog = this._dialog;
    if (event.key !== 'Tab' || !dialog || !isModal(dialog)) return;
    const stops = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !(el as HTMLButtonElement).disabled &&
        (el.checkVisibility?.() ?? el.getClientRects().length > 0),
    );
    const first = stops[0];
    const last = stops.at(-1);
    const active = (dialog.getRootNode() as ShadowRoot).activeElement;
    if (!first || !last) return;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly _panel: () => HTMLDialogElement | null | undefined,
    private readonly _onDismiss: () => void,
  ) {
    host.addController(this);
  }

  /** Whether the open panel is a modal sheet. */
  get modal(): boolean {
    return isModal(this._dialog);
  }

  hostConnected(): void {
    if (typeof matchMedia === 'undefined') return;
    this._media = matchMedia(SHEET_QUERY);
    this._media.addEventListener('change', this._onMedia);
  }

  hostDisconnected(): void {
    this._media?.removeEventListener('change', this._onMedia);
  }

  /** Opens or closes the dialog to match `open` (call after each render). */
  sync(open: boolean): void {
    this._open = open;
    const dialog = this._panel();
    if (!dialog) return;
    if (dialog !== this._dialog) {
      this._dialog?.removeEventListener('cancel', this._onCancel);
      this._dialog?.removeEventListener('close', this._onClose);
      this._dialog?.removeEventListener('keydown', this._onKeydown);
      dialog.addEventListener('cancel', this._onCancel);
      dialog.addEventListener('close', this._onClose);
      dialog.addEventListener('keydown', this._onKeydown);
      this._dialog = dialog;
    }
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    const sheet = this._media?.matches ?? false;
    if (sheet && dialog.isConnected) {
      if (isModal(dialog)) return;
      if (dialog.open) dialog.close();
      dialog.showModal();
    } else {
      if (isModal(dialog)) dialog.close();
      // The attribute, not show(): show() would move focus, and a panel that is open when the
      // page loads must not take focus from the page.
      if (!dialog.open) dialog.setAttribute('open', '');
    }
  }
}
