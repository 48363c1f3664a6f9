import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Which speech recognition the widget may use: `local` (default) only the browser's on-device
 * recogniser, so the visitor's voice stays on the device; `remote` also the browser's own
 * recognition service where on-device is not offered (the audio may then leave the device, and
 * the panel says so); `off` no voice input.
 */
export type VoiceMode = 'local' | 'remote' | 'off';

/** The part of the Web Speech API the widget uses (not in TypeScript's DOM lib). */
interface Recognition extends EventTarget {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  processLocally?: boolean;
  start(): void;
  stop(): void;
  abort(): void;
}
interface RecognitionResultEvent extends Event {
  resultIndex: number;
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}
type Availability = 'available' | 'downloadable' | 'downloading' | 'unavailable';
interface RecognitionOptions {
  langs: string[];
  processLocally: boolean;
}
interface RecognitionConstructor {
  new (): Recognition;
  /** On-device support (Chrome 139+); absent where only a remote service exists. */
  available?(options: RecognitionOptions): Promise<Availability>;
  install?(options: RecognitionOptions): Promise<boolean>;
}

function recognitionConstructor(): RecognitionConstructor | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as Window & {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/** How dictation runs for the current language and mode. */
type Route = 'local' | 'install' | 'remote' | 'none';

/** Why dictation stopped or cannot start, for the status line. */
export type VoiceProblem = 'denied' | 'failed' | 'network' | 'unavailable';

/**
 * Voice input through the Web Speech API: dictates into the text box (the visitor still presses
 * send). On-device recognition is used where the browser offers it (`processLocally`, installing
 * the language pack on the first click when it is downloadable); the browser's remote service is
 * used only when the site allows it (`voice="remote"`), and `remote` is then true so the panel
 * can say so. `available` is false where neither is possible, and becomes false for good once the
 * microphone permission is denied, so the widget can hide its mic button.
 */
export class SpeechInputController implements ReactiveController {
  /** The mic button may show: dictation is possible and the visitor has not refused the mic. */
  available = false;
  listening = false;
  /** The language pack for on-device recognition is being installed. */
  installing = false;
  /** Dictation goes to the browser's remote recognition service (allowed by `voice="remote"`). */
  remote = false;
  /** Set when dictation failed in a way the visitor should hear about. */
  problem?: VoiceProblem;
  private _route: Route = 'none';
  private _prepared?: string;
  private _denied = false;
  private _recognition?: Recognition;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostConnected(): void {
    if (!recognitionConstructor()) return;
    // Ask the Permissions API up front so a denied microphone hides the button before any click.
    const permissions = (navigator as Navigator & { permissions?: Permissions }).permissions;
    permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((status) => {
        if (status.state === 'denied') this._deny();
      })
      .catch(() => undefined);
  }

  hostDisconnected(): void {
    this._recognition?.abort();
    this._recognition = undefined;
    this.listening = false;
  }

  /**
   * Works out how dictation in `lang` can run under `mode` (asks the browser whether on-device
   * recognition is available; no user gesture needed). Cheap to call on every update.
   */
  prepare(lang: string, mode: VoiceMode): void {
    const key = `${mode}|${lang}`;
    if (this._prepared === key) return;
    this._prepared = key;
    const Ctor = recognitionConstructor();
    const settle = (route: Route) => {
      if (this._prepared !== key) return;
      this._route = route;
      this.remote = route === 'remote';
      this.available = route !== 'none' && !this._denied;
      this._host.requestUpdate();
    };
    if (!Ctor || mode === 'off') {
      settle('none');
      return;
    }
    const fallback: Route = mode === 'remote' ? 'remote' : 'none';
    if (typeof Ctor.available !== 'function') {
      settle(fallback);
      return;
    }
    Ctor.available({ langs: [lang], processLocally: true }).then(
      (availability) =>
        settle(
          availability === 'available'
            ? 'local'
            : availability === 'downloadable' || availability === 'downloading'
              ? 'install'
              : fallback,
        ),
      () => settle(fallback),
    );
  }

  /**
   * Starts dictation in `lang` (call from the click that asked for it: installing an on-device
   * language pack needs that user gesture); `onText(text, final)` receives the transcript so far
   * of this utterance (interim results included) until it ends.
   */
  start(lang: string, onText: (text: string, final: boolean) => void): void {
    const Ctor = recognitionConstructor();
    if (!Ctor || this.listening || this.installing || !this.available) return;
    this.problem = undefined;
    if (this._route === 'install' && Ctor.install) {
      this.installing = true;
      this._host.requestUpdate();
      Ctor.install({ langs: [lang], processLocally: true })
        .then(
          (ok) => ok,
          () => false,
        )
        .then((ok) => {
          this.installing = false;
          if (ok) {
            this._route = 'local';
            this._listen(Ctor, lang, onText);
          } else {
            this.problem = 'unavailable';
            this._host.requestUpdate();
          }
        });
      return;
    }
    this._listen(Ctor, lang, onText);
  }

  /** Stops listening; the transcript so far stays in the text box. */
  stop(): void {
    this._recognition?.stop();
  }

  private _listen(
    Ctor: RecognitionConstructor,
    lang: string,
    onText: (text: string, final: boolean) => void,
  ): void {
    const recognition = new Ctor();
    recognition.lang = lang;
    recognition.interimResults = true;
    recognition.continuous = false;
    recognition.maxAlternatives = 1;
    // On-device only unless the site allowed the browser's remote service.
    if (this._route === 'local') recognition.processLocally = true;
    recognition.addEventListener('result', (event) => {
      const { results } = event as RecognitionResultEvent;
      let text = '';
      let final = true;
      for (let i = 0; i < results.length; i++) {
        const result = results[i]!;
        text += result[0]?.transcript ?? '';
        final &&= result.isFinal;
      }
      onText(text, final);
    });
    recognition.addEventListener('error', (event) => {
      const error = (event as Event & { error?: string }).error;
      if (error === 'not-allowed' || error === 'service-not-allowed') this._deny();
      else if (error === 'network') this.problem = 'network';
      else if (error === 'language-not-supported') this.problem = 'unavailable';
      else if (error !== 'no-speech' && error !== 'aborted') this.problem = 'failed';
      this._host.requestUpdate();
    });
    recognition.addEventListener('end', () => {
      this.listening = false;
      this._recognition = undefined;
      this._host.requestUpdate();
    });
    this._recognition = recognition;
    this.listening = true;
    try {
      recognition.start();
    } catch {
      this.listening = false;
      this._recognition = undefined;
      this.problem = 'failed';
    }
    this._host.requestUpdate();
  }

  private _deny(): void {
    this._denied = true;
    this.available = false;
    this.listening = false;
    this.problem = 'denied';
    this._host.requestUpdate();
  }
}
