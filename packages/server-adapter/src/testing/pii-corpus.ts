import type { PiiFinding, PiiKind } from '@support-bot/core/redact';
import { redactPII } from '@support-bot/core/redact';
import { NATIONAL_IDS } from './pii-corpus-ids.js';
import { lookalike } from './pii-corpus-lookalikes.js';
import { card, iban } from './pii-corpus-numbers.js';
import {
  email,
  PII_LOCALES,
  type PiiLocale,
  phone,
  pick,
  type Rand,
  rng,
} from './pii-corpus-values.js';

export { PII_LOCALES, type PiiLocale } from './pii-corpus-values.js';

/** One generated message and the personal data really in it. */
export interface PiiSample {
  locale: PiiLocale;
  text: string;
  truth: { kind: PiiKind; start: number; end: number }[];
}

/** The kinds the corpus holds, in report order. */
export const CORPUS_KINDS: readonly PiiKind[] = ['email', 'phone', 'card', 'iban', 'national-id'];

type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt' | 'ja' | 'zh' | 'tw';
const LANG = (l: PiiLocale): Lang => (l === 'zh-TW' ? 'tw' : (l.slice(0, 2) as Lang));

const TEMPLATES: Record<Lang, readonly string[]> = {
  en: [
    'Hi, {x}. I still have not heard back about {y}.',
    'Please update my details: {x} ({y})',
    'Can you check {y}? {x}',
    'I was charged twice for {y}. {x}, thanks!',
    '{x} - regarding {y}',
  ],
  de: [
    'Hallo, {x}. Ich warte noch auf {y}.',
    'Bitte ändern Sie meine Daten: {x} ({y})',
    'Können Sie {y} prüfen? {x}',
    'Mir wurde {y} doppelt berechnet. {x}, danke!',
    '{x} – wegen {y}',
  ],
  fr: [
    "Bonjour, {x}. Je n'ai toujours pas de nouvelles de {y}.",
    'Merci de mettre à jour mes coordonnées : {x} ({y})',
    'Pouvez-vous vérifier {y} ? {x}',
    "J'ai été débité deux fois pour {y}. {x}, merci !",
    '{x} – concernant {y}',
  ],
  es: [
    'Hola, {x}. Todavía no sé nada de {y}.',
    'Actualicen mis datos: {x} ({y})',
    '¿Pueden revisar {y}? {x}',
    'Me han cobrado dos veces {y}. {x}, gracias.',
    '{x} – sobre {y}',
  ],
  it: [
    'Buongiorno, {x}. Non ho ancora notizie di {y}.',
    'Aggiornate i miei dati: {x} ({y})',
    'Potete controllare {y}? {x}',
    'Mi avete addebitato due volte {y}. {x}, grazie!',
    '{x} – riguardo {y}',
  ],
  nl: [
    'Hallo, {x}. Ik heb nog steeds niets gehoord over {y}.',
    'Wilt u mijn gegevens aanpassen: {x} ({y})',
    'Kunt u {y} nakijken? {x}',
    'Er is twee keer afgeschreven voor {y}. {x}, bedankt!',
    '{x} – over {y}',
  ],
  pt: [
    'Olá, {x}. Ainda não tive retorno sobre {y}.',
    'Atualizem meus dados: {x} ({y})',
    'Podem verificar {y}? {x}',
    'Fui cobrado duas vezes {y}. {x}, obrigado!',
    '{x} – sobre {y}',
  ],
  ja: [
    '{x}。{y}の件でまだ連絡がありません。',
    '連絡先を更新してください：{x}（{y}）',
    '{y}を確認していただけますか？{x}',
    '{y}で二重に請求されました。{x}',
    'お世話になっております。{y}について、{x}',
  ],
  zh: [
    '你好，{x}，{y}还没有到。',
    '请更新我的联系方式：{x}（{y}）',
    '麻烦查一下{y}，{x}',
    '{y}被扣了两次款，{x}，谢谢！',
    '{x}，关于{y}',
  ],
  tw: [
    '您好，{x}，{y}還沒有收到。',
    '請更新我的聯絡方式：{x}（{y}）',
    '麻煩查一下{y}，{x}',
    '{y}被重複扣款，{x}，謝謝！',
    '{x}，關於{y}',
  ],
};

/** The words people put before each kind; '' (no words) where a kind is written bare. */
const LABELS: Record<Lang, Record<Exclude<PiiKind, 'national-id'>, readonly string[]>> = {
  en: {
    email: ['my email is ', 'email me at ', 'e-mail: ', 'you can write to ', ''],
    phone: [
      'my number is ',
      'call me on ',
      'reach me at ',
      'Tel: ',
      'mobile ',
      'phone: ',
      'text me at ',
      'my cell is ',
      'WhatsApp ',
    ],
    card: ['my card number is ', 'card ', 'Visa ', 'I paid with card ', 'credit card: ', ''],
    iban: ['my IBAN is ', 'IBAN: ', 'refund to ', 'bank account ', ''],
  },
  de: {
    email: ['meine E-Mail ist ', 'E-Mail: ', 'schreiben Sie an ', ''],
    phone: [
      'meine Nummer ist ',
      'rufen Sie mich an unter ',
      'erreichbar unter ',
      'Tel.: ',
      'Handy ',
      'Telefon: ',
      'Mobil: ',
      'Rückruf bitte unter ',
    ],
    card: ['meine Kartennummer ist ', 'Kreditkarte ', 'Karte: ', 'bezahlt mit Visa ', ''],
    iban: ['meine IBAN ist ', 'IBAN: ', 'Konto ', 'Erstattung bitte an ', ''],
  },
  fr: {
    email: ['mon e-mail est ', 'courriel : ', 'écrivez-moi à ', ''],
    phone: [
      'mon numéro est ',
      'appelez-moi au ',
      'vous pouvez me joindre au ',
      'Tél. : ',
      'portable ',
      'téléphone : ',
      'mon fixe : ',
    ],
    card: ['ma carte bancaire ', 'numéro de carte : ', 'carte ', 'CB ', ''],
    iban: ['mon IBAN est ', 'IBAN : ', 'remboursement sur ', 'RIB : ', ''],
  },
  es: {
    email: ['mi correo es ', 'email: ', 'escríbanme a ', ''],
    phone: [
      'mi número es ',
      'llámenme al ',
      'pueden contactarme en el ',
      'Tel.: ',
      'móvil ',
      'teléfono: ',
      'WhatsApp ',
    ],
    card: ['mi tarjeta es ', 'número de tarjeta: ', 'tarjeta ', 'Visa ', ''],
    iban: ['mi IBAN es ', 'IBAN: ', 'cuenta ', 'reembolso a ', ''],
  },
  it: {
    email: ['la mia email è ', 'e-mail: ', 'scrivetemi a ', ''],
    phone: [
      'il mio numero è ',
      'chiamatemi al ',
      'potete contattarmi al ',
      'Tel. ',
      'cellulare ',
      'telefono: ',
      'cell. ',
    ],
    card: ['la mia carta è ', 'numero della carta: ', 'carta di credito ', 'Bancomat ', ''],
    iban: ['il mio IBAN è ', 'IBAN: ', 'conto ', 'rimborso su ', ''],
  },
  nl: {
    email: ['mijn e-mail is ', 'e-mailadres: ', 'mail me op ', ''],
    phone: [
      'mijn nummer is ',
      'bel me op ',
      'bereikbaar op ',
      'Tel: ',
      'mobiel ',
      'telefoon: ',
      'telefoonnummer ',
    ],
    card: ['mijn creditcard is ', 'kaartnummer: ', 'kaart ', 'Maestro ', ''],
    iban: ['mijn IBAN is ', 'IBAN: ', 'rekening ', 'terugbetaling naar ', ''],
  },
  pt: {
    email: ['meu e-mail é ', 'email: ', 'me escreva em ', ''],
    phone: [
      'meu número é ',
      'me liga no ',
      'pode me ligar no ',
      'Tel: ',
      'celular ',
      'telefone: ',
      'WhatsApp ',
      'zap ',
    ],
    card: ['meu cartão é ', 'número do cartão: ', 'cartão ', 'cartão de crédito ', ''],
    iban: ['meu IBAN é ', 'IBAN: ', 'conta ', 'reembolso para ', ''],
  },
  ja: {
    email: ['メールアドレスは', 'メール：', 'メール ', ''],
    phone: ['電話番号は', '携帯：', 'TEL ', '電話：', 'ご連絡は', '連絡先 '],
    card: ['カード番号は', 'クレジットカード：', 'カード ', ''],
    iban: ['IBANは', 'IBAN：', '返金先口座 ', ''],
  },
  zh: {
    email: ['我的邮箱是', '邮箱：', '邮箱 ', ''],
    phone: ['我的手机是', '电话：', '手机号', '联系电话 ', '请打', '座机'],
    card: ['我的卡号是', '银行卡：', '信用卡 ', '卡号'],
    iban: ['我的IBAN是', 'IBAN：', '收款账户 ', ''],
  },
  tw: {
    email: ['我的信箱是', 'Email：', '信箱 ', ''],
    phone: ['我的手機是', '電話：', '手機', '聯絡電話 ', '請撥', '市話'],
    card: ['我的卡號是', '信用卡：', '卡號', ''],
    iban: ['我的IBAN是', 'IBAN：', '退款帳戶 ', ''],
  },
};
const ID_LABELS: Record<PiiLocale, readonly string[]> = {
  'en-US': ['my SSN is ', 'SSN: ', 'social security number '],
  'en-GB': ['my NI number is ', 'National Insurance number: ', 'NINO '],
  'en-IN': ['my Aadhaar is ', 'Aadhaar number: ', 'UID '],
  'de-DE': ['meine Steuer-ID ist ', 'Steuer-IdNr. ', 'steuerliche Identifikationsnummer: '],
  'fr-FR': ['mon numéro de sécurité sociale est ', 'n° de sécu : ', 'NIR '],
  'es-ES': ['mi DNI es ', 'DNI: ', 'NIE ', 'mi NIE es '],
  'it-IT': ['il mio codice fiscale è ', 'codice fiscale: ', 'C.F. ', 'CF '],
  'nl-NL': ['mijn BSN is ', 'BSN: ', 'burgerservicenummer '],
  'pt-BR': ['meu CPF é ', 'CPF: ', 'CPF '],
  'ja-JP': ['マイナンバーは', '個人番号：', 'マイナンバー '],
  'zh-CN': ['身份证号', '我的身份证是', '身份证：'],
  'zh-TW': ['身分證字號', '我的身分證是', '身分證：'],
};

/** Full-width digits and punctuation, as Japanese and Chinese IMEs often type them. */
const fullWidth = (s: string) =>
  s.replace(/[0-9()+\-#.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The personal data of one kind and the words before it, as a visitor of `locale` writes them. */
function personalData(r: Rand, kind: PiiKind, locale: PiiLocale): { label: string; value: string } {
  const lang = LANG(locale);
  if (kind === 'national-id') {
    const id = NATIONAL_IDS[locale](r);
    const labels = ID_LABELS[locale];
    return { label: id.needsLabel || r() < 0.6 ? pick(r, labels) : '', value: id.value };
  }
  const labels = LABELS[lang][kind];
  if (kind === 'phone') {
    const p = phone(r, locale);
    const cjk = lang === 'ja' || lang === 'zh' || lang === 'tw';
    const value = cjk && r() < 0.1 ? fullWidth(p.value) : p.value;
    // A bare national number is told from an order number only by the words before it.
    return { label: p.bare || r() < 0.85 ? pick(r, labels) : '', value };
  }
  const value =
    kind === 'email' ? email(r, locale) : kind === 'card' ? card(r, locale).value : iban(r, locale);
  return { label: pick(r, labels), value };
}

/**
 * A seeded corpus of support messages in 12 locales (en-US, en-GB, en-IN, de-DE, fr-FR, es-ES,
 * it-IT, nl-NL, pt-BR, ja-JP, zh-CN, zh-TW), spread evenly over the locales: 75% carry one piece
 * of personal data (e-mail, phone, card, IBAN, national ID) with the words people put before
 * it, 25% are negatives holding only look-alikes; every message also holds one look-alike
 * (order and tracking numbers, dates, prices, postcodes, EAN/ISBN, invoice and model numbers).
 */
export function generatePiiCorpus(seed: number, size: number): PiiSample[] {
  const r = rng(seed);
  const samples: PiiSample[] = [];
  for (let i = 0; i < size; i++) {
    const locale = PII_LOCALES[i % PII_LOCALES.length]!;
    const template = pick(r, TEMPLATES[LANG(locale)]);
    const kind = r() < 0.75 ? pick(r, CORPUS_KINDS) : undefined;
    const data = kind ? personalData(r, kind, locale) : undefined;
    const y = lookalike(r, locale);
    const truth: PiiSample['truth'] = [];
    let text = '';
    for (const part of template.split(/(\{x\}|\{y\})/)) {
      if (part === '{x}') {
        if (!data) {
          text += lookalike(r, locale);
          continue;
        }
        // Labels start lower-case; a template that opens with the slot capitalises it.
        const label =
          text === '' ? data.label.charAt(0).toUpperCase() + data.label.slice(1) : data.label;
        text += label;
        truth.push({ kind: kind!, start: text.length, end: text.length + data.value.length });
        text += data.value;
      } else if (part === '{y}') {
        text += y;
      } else {
        text += part;
      }
    }
    samples.push({ locale, text, truth });
  }
  return samples;
}

/** Recall of one kind in one locale: truths found with exactly their span. */
export interface PiiCell {
  kind: PiiKind;
  locale: PiiLocale;
  truths: number;
  found: number;
  recall: number;
}

/** What {@link scorePiiCorpus} measures. */
export interface PiiScores {
  cells: PiiCell[];
  /** Per kind over all locales, with precision (findings of that kind that are a truth). */
  kinds: {
    kind: PiiKind;
    truths: number;
    found: number;
    predicted: number;
    recall: number;
    precision: number;
  }[];
  /** Per locale over all kinds. */
  locales: { locale: PiiLocale; truths: number; found: number; recall: number }[];
  negatives: number;
  /** Negatives whose text redaction changed at all. */
  negativesChanged: number;
}

const recallOf = (found: number, truths: number) => (truths ? found / truths : 1);

/**
 * Runs {@link redactPII} over `corpus` and scores it by exact span match. With `localeHint`,
 * each message's locale is passed as `redactPII`'s `locale` hint.
 */
export function scorePiiCorpus(
  corpus: readonly PiiSample[],
  { localeHint = false }: { localeHint?: boolean } = {},
): PiiScores {
  const cell = new Map<string, { truths: number; found: number }>();
  const predicted = new Map<string, number>();
  let negatives = 0;
  let negativesChanged = 0;
  for (const sample of corpus) {
    const { text, findings } = redactPII(sample.text, localeHint ? { locale: sample.locale } : {});
    if (sample.truth.length === 0) {
      negatives++;
      if (text !== sample.text) negativesChanged++;
    }
    for (const t of sample.truth) {
      const key = `${t.kind}|${sample.locale}`;
      const c = cell.get(key) ?? { truths: 0, found: 0 };
      c.truths++;
      if (findings.some((f) => f.kind === t.kind && f.start === t.start && f.end === t.end))
        c.found++;
      cell.set(key, c);
    }
    for (const f of findings as PiiFinding[])
      predicted.set(f.kind, (predicted.get(f.kind) ?? 0) + 1);
  }
  const cells: PiiCell[] = [];
  for (const kind of CORPUS_KINDS) {
    for (const locale of PII_LOCALES) {
      const c = cell.get(`${kind}|${locale}`) ?? { truths: 0, found: 0 };
      cells.push({ kind, locale, ...c, recall: recallOf(c.found, c.truths) });
    }
  }
  const sum = (xs: PiiCell[]) =>
    xs.reduce((a, c) => ({ truths: a.truths + c.truths, found: a.found + c.found }), {
      truths: 0,
      found: 0,
    });
  return {
    cells,
    kinds: CORPUS_KINDS.map((kind) => {
      const s = sum(cells.filter((c) => c.kind === kind));
      const p = predicted.get(kind) ?? 0;
      return {
        kind,
        ...s,
        predicted: p,
        recall: recallOf(s.found, s.truths),
        precision: p ? s.found / p : 1,
      };
    }),
    locales: PII_LOCALES.map((locale) => {
      const s = sum(cells.filter((c) => c.locale === locale));
      return { locale, ...s, recall: recallOf(s.found, s.truths) };
    }),
    negatives,
    negativesChanged,
  };
}

/** Samples whose findings differ from the truth, for debugging the detectors. */
export function piiMistakes(
  corpus: readonly PiiSample[],
): { locale: PiiLocale; text: string; got: string }[] {
  const out: { locale: PiiLocale; text: string; got: string }[] = [];
  for (const sample of corpus) {
    const { text, findings } = redactPII(sample.text);
    const same =
      findings.length === sample.truth.length &&
      findings.every((f, i) => {
        const t = sample.truth[i]!;
        return f.kind === t.kind && f.start === t.start && f.end === t.end;
      });
    if (!same) out.push({ locale: sample.locale, text: sample.text, got: text });
  }
  return out;
}
