import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The part of the Web Speech API the widget uses (not in TypeScript's DOM lib). */
interface Recognition extends EventTarget {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
}
interface RecognitionResultEvent extends Event {
  resultIndex: number;
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  if (typeof window === 'undefined') return undefined;
  const w = window as Window & {
    SpeechRecognition?: RecognitionConstructor;
    webkitSpeechRecognition?: RecognitionConstructor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

/**
 * Voice input through the Web Speech API: dictates into the text box (the visitor still presses
 * send). `available` is false where the API is absent, and becomes false for good once the
 * microphone permission is denied, so the widget can hide its mic button.
 */
export class SpeechInputController implements ReactiveController {
  /** The browser can dictate and the visitor has not refused the microphone. */
  available = recognitionConstructor() !== undefined;
  listening = false;
  /** Set when dictation failed in a way the visitor should hear about. */
  problem?: 'denied' | 'failed';
  private _recognition?: Recognition;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostConnected(): void {
    if (!this.available) return;
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
   * Starts dictation in `lang`; `onText(text, final)` receives the transcript so far of this
   * utterance (interim results included) until it ends.
   */
  start(lang: string, onText: (text: string, final: boolean) => void): void {
    const Ctor = recognitionConstructor();
    if (!Ctor || this.listening) return;
    const recognition = new Ctor();
    recognition.lang = lang;
    recognition.interimResults = true;
    recognition.continuous = false;
    recognition.maxAlternatives = 1;
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
      else if (error !== 'no-speech' && error !== 'aborted') this.problem = 'failed';
      this._host.requestUpdate();
    });
    recognition.addEventListener('end', () => {
      this.listening = false;
      this._recognition = undefined;
      this._host.requestUpdate();
    });
    this._recognition = recognition;
    this.problem = undefined;
    this.listening = true;
    try {
      recognition.start();
    } catch {
      this.listening = false;
      this.problem = 'failed';
    }
    this._host.requestUpdate();
  }

  /** Stops listening; the transcript so far stays in the text box. */
  stop(): void {
    this._recognition?.stop();
  }

  private _deny(): void {
    this.available = false;
    this.listening = false;
    this.problem = 'denied';
    this._host.requestUpdate();
  }
}
