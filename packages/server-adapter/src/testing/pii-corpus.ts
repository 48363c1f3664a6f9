import type { PiiFinding, PiiKind } from '@support-bot/core/redact';
import { redactPII } from '@support-bot/core/redact';

/** One generated message and the personal data really in it. */
export interface PiiSample {
  text: string;
  truth: { kind: PiiKind; start: number; end: number }[];
}

/** Precision and recall of one kind over a corpus (exact span match). */
export interface PiiScore {
  kind: PiiKind;
  truths: number;
  predicted: number;
  truePositives: number;
  recall: number;
  precision: number;
}

/** Small deterministic PRNG (mulberry32), so a seed always gives the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const nz = (r: Rand) => String(1 + Math.floor(r() * 9));

function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let v = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return String(d);
  }
  return '0';
}

function group(s: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(s.slice(at, at + n));
    at += n;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.filter(Boolean).join(sep);
}

// ---- generators of real personal data -----------------------------------------------------

const FIRST = ['ana', 'john', 'li.wei', 'maria', 'k.schmidt', 'olivier', 'sam', 'wang', 'priya'];
const LAST = ['smith', 'garcia', 'zhang', 'müller', 'dupont', 'rossi', 'o-brien', 'kumar'];
const DOMAINS = ['example.com', 'mail.example.org', 'shop.co.uk', 'qq.com', 'gmx.de', 'web.fr'];

function email(r: Rand): string {
  const local = pick(r, [
    () => `${pick(r, FIRST)}.${pick(r, LAST)}`,
    () => `${pick(r, FIRST)}${digits(r, 2)}`,
    () => `${pick(r, FIRST)}+${pick(r, ['orders', 'support', 'x1'])}`,
    () => `${pick(r, FIRST)}_${pick(r, LAST)}`.toUpperCase(),
  ])();
  return `${local}@${pick(r, DOMAINS)}`;
}

function phone(r: Rand): string {
  return pick(r, [
    // International, E.164 with the usual grouping of each country.
    () => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
    () => `+44 7${digits(r, 3)} ${digits(r, 6)}`,
    () => `+1 ${nz(r)}${digits(r, 2)} ${nz(r)}${digits(r, 2)} ${digits(r, 4)}`,
    () => `+1 (${nz(r)}${digits(r, 2)}) ${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
    () => `+49 30 ${digits(r, 7)}`,
    () => `+49 1${digits(r, 2)} ${digits(r, 8)}`,
    () => `+33 ${nz(r)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `+86 13${digits(r, 1)} ${digits(r, 4)} ${digits(r, 4)}`,
    () => `+8613${digits(r, 9)}`,
    () => `+91 9${digits(r, 4)} ${digits(r, 5)}`,
    () => `+61 2 ${digits(r, 4)} ${digits(r, 4)}`,
    () => `0049 30 ${digits(r, 7)}`,
    () => `0033 ${nz(r)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    // US / NANP.
    () => `(${nz(r)}${digits(r, 2)}) ${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
    () => `${nz(r)}${digits(r, 2)}-${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
    () => `${nz(r)}${digits(r, 2)}.${nz(r)}${digits(r, 2)}.${digits(r, 4)}`,
    () => `1-800-${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
    // European national numbers with a trunk 0.
    () => `030 ${digits(r, 7)}`,
    () => `0${nz(r)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `020 ${digits(r, 4)} ${digits(r, 4)}`,
    () => `06 ${digits(r, 8)}`,
    () => `06${digits(r, 8)}`,
    () => `0${nz(r)}${digits(r, 2)}-${digits(r, 6)}`,
    // China: mobile and landline.
    () => `1${pick(r, ['3', '5', '8', '9'])}${digits(r, 9)}`,
    () => `13${digits(r, 1)} ${digits(r, 4)} ${digits(r, 4)}`,
    () => `15${digits(r, 1)}-${digits(r, 4)}-${digits(r, 4)}`,
    () => `010-${nz(r)}${digits(r, 7)}`,
    () => `(021) ${nz(r)}${digits(r, 3)} ${digits(r, 4)}`,
    () => `0755-${nz(r)}${digits(r, 6)}`,
  ])();
}

function card(r: Rand): string {
  const [prefix, len, sizes] = pick(r, [
    ['4', 16, [4, 4, 4, 4]],
    [`5${1 + Math.floor(r() * 5)}`, 16, [4, 4, 4, 4]],
    ['2221', 16, [4, 4, 4, 4]],
    [pick(r, ['34', '37']), 15, [4, 6, 5]],
    ['6011', 16, [4, 4, 4, 4]],
    ['62', 16, [4, 4, 4, 4]],
    ['62', 19, [4, 4, 4, 4, 3]],
    ['35', 16, [4, 4, 4, 4]],
  ] as const);
  const body = prefix + digits(r, len - prefix.length - 1);
  const number = body + luhnCheckDigit(body);
  return pick(r, [number, group(number, sizes, ' '), group(number, sizes, '-')]);
}

const IBAN_SHAPES: readonly [string, string][] = [
  // country, BBAN shape: n = digit, a = upper letter, c = alphanumeric
  ['DE', 'nnnnnnnnnnnnnnnnnn'],
  ['FR', 'nnnnnnnnnnccccccccccccnn'],
  ['GB', 'aaaannnnnnnnnnnnnn'],
  ['ES', 'nnnnnnnnnnnnnnnnnnnn'],
  ['IT', 'annnnnnnnnnnccccccccccccc'.slice(0, 23)],
  ['NL', 'aaaannnnnnnnnn'],
  ['BE', 'nnnnnnnnnnnn'],
  ['CH', 'nnnnnccccccccccccc'.slice(0, 17)],
];

function ibanCheckDigits(country: string, bban: string): string {
  const s = `${bban}${country}00`;
  let rem = 0;
  for (const ch of s) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return String(98 - rem).padStart(2, '0');
}

function ibanParts(r: Rand): [string, string] {
  const [country, shape] = pick(r, IBAN_SHAPES);
  const bban = [...shape]
    .map((c) =>
      c === 'n'
        ? digits(r, 1)
        : c === 'a'
          ? String.fromCharCode(65 + Math.floor(r() * 26))
          : r() < 0.7
            ? digits(r, 1)
            : String.fromCharCode(65 + Math.floor(r() * 26)),
    )
    .join('');
  return [country, bban];
}

function iban(r: Rand): string {
  const [country, bban] = ibanParts(r);
  const compact = country + ibanCheckDigits(country, bban) + bban;
  return r() < 0.5 ? compact : group(compact, Array(9).fill(4), ' ');
}

// ---- look-alikes that are not personal data ---------------------------------------------

function distractor(r: Rand): string {
  return pick(r, [
    () => `order #${digits(r, 8)}`,
    () => `order number ${nz(r)}${digits(r, 9)}`,
    () => {
      // 16 digits that fail the Luhn check: an order or account reference, not a card.
      const body = `4${digits(r, 14)}`;
      const bad = (Number(luhnCheckDigit(body)) + 1 + Math.floor(r() * 8)) % 10;
      return `reference ${body}${bad}`;
    },
    () => `tracking 1Z${digits(r, 3)}AA${digits(r, 10)}`,
    () => `tracking ${group(`9400${digits(r, 18)}`, [4, 4, 4, 4, 4, 2], ' ')}`,
    () => `EAN ${nz(r)}${digits(r, 12)}`,
    () => `on ${2020 + Math.floor(r() * 6)}-0${nz(r)}-1${digits(r, 1)}`,
    () => `on 1${digits(r, 1)}.0${nz(r)}.2024`,
    () => `at 1${digits(r, 1)}:${digits(r, 1)}0`,
    () => `for $1,${digits(r, 3)}.00`,
    () => `for €${digits(r, 2)},90`,
    () => `from IP 192.168.${digits(r, 1)}.${nz(r)}${digits(r, 1)}`,
    () => `version ${nz(r)}.${digits(r, 1)}.${digits(r, 1)}`,
    () => `ZIP ${nz(r)}${digits(r, 4)}-${digits(r, 4)}`,
    () => `${nz(r)} x ${nz(r)}50 g`,
    () => `@${pick(r, FIRST)}`,
    () => {
      // An IBAN with wrong check digits (a typo or made-up number).
      const [country, bban] = ibanParts(r);
      const good = Number(ibanCheckDigits(country, bban));
      const bad = String(((good + 1 + Math.floor(r() * 90)) % 97) + 2).padStart(2, '0');
      return `account ${country}${bad}${bban}`;
    },
    () => `invoice INV-${digits(r, 6)}`,
    () => `${nz(r)}${digits(r, 2)} items in stock`,
  ])();
}

const TEMPLATES_EN = [
  'Hi, my {x} and I still have not heard back {y}.',
  'Please update the contact on {y}: {x}',
  'Can you check {y}? You can reach me at {x}.',
  '{x} is what I used at checkout {y}',
  'I was charged twice {y}, details: {x}. Thanks!',
  'Hello, {y} — {x}',
];
const TEMPLATES_ZH = [
  '你好，我的{x}，{y}还没有到。',
  '请联系我：{x}（{y}）',
  '{y}的订单有问题，{x}',
];
const LABELS: Record<PiiKind, readonly string[]> = {
  email: ['email is ', 'e-mail: ', 'address ', '邮箱'],
  phone: ['phone number is ', 'number: ', 'mobile ', 'tel. ', '电话', '手机号'],
  card: ['card number is ', 'card ', 'Visa ', '卡号'],
  iban: ['IBAN is ', 'IBAN: ', 'account ', '账户'],
};
const SPELLED = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * Real but unusual ways people write personal data, which pattern matching is known to miss:
 * they keep the measured recall honest. About 5% of each kind.
 */
const HARD: Record<PiiKind, (r: Rand) => string> = {
  email: (r) => `${pick(r, FIRST)}@${pick(r, ['例子.中国', 'пример.рф'])}`,
  phone: (r) => Array.from({ length: 10 }, () => SPELLED[Math.floor(r() * 10)]!).join(' '),
  card: (r) => group(card(r).replace(/\D/g, ''), [4, 4, 4, 4], '.'),
  iban: (r) => iban(r).toLowerCase(),
};

const GENERATORS: Record<PiiKind, (r: Rand) => string> = {
  email: (r) => (r() < 0.05 ? HARD.email(r) : email(r)),
  phone: (r) => (r() < 0.05 ? HARD.phone(r) : phone(r)),
  card: (r) => (r() < 0.05 ? HARD.card(r) : card(r)),
  iban: (r) => (r() < 0.05 ? HARD.iban(r) : iban(r)),
};
const KINDS: readonly PiiKind[] = ['email', 'phone', 'card', 'iban'];

/**
 * A seeded corpus of support messages in English and Chinese: about 70% carry one piece of
 * personal data (email, phone in many national formats, Luhn-valid card, valid IBAN) and every
 * message carries a look-alike that must be kept (order and tracking numbers, Luhn-invalid
 * 16-digit references, dates, prices, IPs, EANs, IBANs with wrong check digits, ...).
 */
export function generatePiiCorpus(seed: number, size: number): PiiSample[] {
  const r = rng(seed);
  const samples: PiiSample[] = [];
  for (let i = 0; i < size; i++) {
    const zh = r() < 0.3;
    const template = pick(r, zh ? TEMPLATES_ZH : TEMPLATES_EN);
    const kind = r() < 0.7 ? pick(r, KINDS) : undefined;
    const value = kind ? GENERATORS[kind](r) : distractor(r);
    const label = kind ? pick(r, LABELS[kind]) : '';
    const y = distractor(r);
    const truth: PiiSample['truth'] = [];
    // Fill the two slots in order, tracking where the personal data lands.
    const parts = template.split(/(\{x\}|\{y\})/);
    let text = '';
    for (const part of parts) {
      if (part === '{x}') {
        text += label;
        if (kind) truth.push({ kind, start: text.length, end: text.length + value.length });
        text += value;
      } else if (part === '{y}') {
        text += y;
      } else {
        text += part;
      }
    }
    samples.push({ text, truth });
  }
  return samples;
}

/** Runs {@link redactPII} over `corpus` and scores each kind by exact span match. */
export function scorePiiCorpus(corpus: readonly PiiSample[]): PiiScore[] {
  const stats = new Map<PiiKind, { truths: number; predicted: number; tp: number }>(
    KINDS.map((k) => [k, { truths: 0, predicted: 0, tp: 0 }]),
  );
  for (const sample of corpus) {
    const found: PiiFinding[] = redactPII(sample.text).findings;
    for (const t of sample.truth) stats.get(t.kind)!.truths++;
    for (const f of found) {
      const s = stats.get(f.kind as PiiKind);
      if (!s) continue;
      s.predicted++;
      if (sample.truth.some((t) => t.kind === f.kind && t.start === f.start && t.end === f.end)) {
        s.tp++;
      }
    }
  }
  return KINDS.map((kind) => {
    const s = stats.get(kind)!;
    return {
      kind,
      truths: s.truths,
      predicted: s.predicted,
      truePositives: s.tp,
      recall: s.truths ? s.tp / s.truths : 1,
      precision: s.predicted ? s.tp / s.predicted : 1,
    };
  });
}

/** Samples whose findings differ from the truth, for debugging the detectors. */
export function piiMistakes(corpus: readonly PiiSample[]): { text: string; got: string }[] {
  const out: { text: string; got: string }[] = [];
  for (const sample of corpus) {
    const { text, findings } = redactPII(sample.text);
    const same =
      findings.length === sample.truth.length &&
      findings.every((f, i) => {
        const t = sample.truth[i]!;
        return f.kind === t.kind && f.start === t.start && f.end === t.end;
      });
    if (!same) out.push({ text: sample.text, got: text });
  }
  return out;
}
