import { digits, int, nz, type PiiLocale, pick, type Rand } from './pii-corpus-values.js';

/**
 * National identity numbers generated from their official definitions (structure and check
 * character), one per locale, written the ways people write them. `label` is true when the
 * format is only recognisable with its name next to it (a bare 9-12 digit run), so the
 * message must name it ("SSN", "Aadhaar", "BSN", "マイナンバー").
 */
export interface GeneratedId {
  value: string;
  /** Which identity number this is, e.g. "US SSN". */
  name: string;
  needsLabel: boolean;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function ssn(r: Rand): GeneratedId {
  // SSA: area 001-899 except 666, group 01-99, serial 0001-9999.
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  const parts = [pad(area, 3), pad(int(r, 1, 99), 2), pad(int(r, 1, 9999), 4)];
  const layout = r();
  if (layout < 0.7) return { value: parts.join('-'), name: 'US SSN', needsLabel: false };
  if (layout < 0.85) return { value: parts.join(' '), name: 'US SSN', needsLabel: false };
  return { value: parts.join(''), name: 'US SSN', needsLabel: true };
}

function nino(r: Rand): GeneratedId {
  // HMRC: first letter not D F I Q U V, second not D F I O Q U V; BG GB NK KN TN NT ZZ unused.
  const first = 'ABCEGHJKLMNOPRSTWXYZ';
  const second = 'ABCEGHJKLMNPRSTWXYZ';
  let prefix = pick(r, [...first]) + pick(r, [...second]);
  if (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(prefix)) prefix = 'AB';
  const d = digits(r, 6);
  const suffix = pick(r, ['A', 'B', 'C', 'D']);
  const value =
    r() < 0.5
      ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`
      : `${prefix}${d}${suffix}`;
  return { value, name: 'UK National Insurance number', needsLabel: false };
}

function verhoeffDigit(body: string): string {
  const d = [
    '0123456789',
    '1234067895',
    '2340178956',
    '3401289567',
    '4012395678',
    '5987604321',
    '6598710432',
    '7659821043',
    '8765932104',
    '9876543210',
  ];
  const p = [
    '0123456789',
    '1576283094',
    '5803796142',
    '8916043527',
    '9453126870',
    '4286573901',
    '2793806415',
    '7046913258',
  ];
  const inv = '0432156789';
  let c = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    c = Number(d[c]![Number(p[(i + 1) % 8]![digit])]);
  }
  return inv[c]!;
}

function aadhaar(r: Rand): GeneratedId {
  const body = `${int(r, 2, 9)}${digits(r, 10)}`;
  const n = body + verhoeffDigit(body);
  const layout = r();
  const spaced = `${n.slice(0, 4)}${layout < 0.15 ? '-' : ' '}${n.slice(4, 8)}${layout < 0.15 ? '-' : ' '}${n.slice(8)}`;
  return layout < 0.8
    ? { value: spaced, name: 'Aadhaar', needsLabel: false }
    : { value: n, name: 'Aadhaar', needsLabel: true };
}

function steuerId(r: Rand): GeneratedId {
  const body = `${nz(r)}${digits(r, 9)}`;
  let product = 10;
  for (const ch of body) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = (11 - product) % 10;
  const n = body + check;
  const value = r() < 0.6 ? n : `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 8)} ${n.slice(8)}`;
  return { value, name: 'Steuer-IdNr', needsLabel: true };
}

function nir(r: Rand): GeneratedId {
  const dept = r() < 0.05 ? pick(r, ['2A', '2B']) : pad(int(r, 1, 95), 2);
  const parts = [
    pick(r, ['1', '2']),
    pad(int(r, 0, 99), 2),
    pad(int(r, 1, 12), 2),
    dept,
    pad(int(r, 1, 999), 3),
    pad(int(r, 1, 999), 3),
  ];
  const numeric = parts.join('').replace('2A', '19').replace('2B', '18');
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const key = pad(97 - rem, 2);
  const value = r() < 0.6 ? [...parts, key].join(' ') : parts.join('') + key;
  return { value, name: 'French NIR', needsLabel: false };
}

function dniNie(r: Rand): GeneratedId {
  const letters = 'TRWAGMYFPDXBNJZSQVHLCKE';
  if (r() < 0.3) {
    const lead = pick(r, ['X', 'Y', 'Z']);
    const body = digits(r, 7);
    const letter = letters[Number(`${'XYZ'.indexOf(lead)}${body}`) % 23]!;
    return { value: `${lead}${body}${letter}`, name: 'Spanish NIE', needsLabel: false };
  }
  const n = digits(r, 8);
  const letter = letters[Number(n) % 23]!;
  const value = pick(r, [
    `${n}${letter}`,
    `${n}-${letter}`,
    `${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5)}-${letter}`,
    `${n}${letter.toLowerCase()}`,
  ]);
  return { value, name: 'Spanish DNI', needsLabel: false };
}

function codiceFiscale(r: Rand): GeneratedId {
  const consonants = 'BCDFGHJKLMNPQRSTVZ';
  const name = Array.from({ length: 6 }, () => pick(r, [...consonants])).join('');
  const day = int(r, 1, 28) + (r() < 0.5 ? 40 : 0);
  const body = `${name}${pad(int(r, 40, 99), 2)}${pick(r, [...'ABCDEHLMPRST'])}${pad(day, 2)}${pick(r, [...'ABCDEFGHILMZ'])}${pad(int(r, 1, 999), 3)}`;
  const odd = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
  ];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = body[i]!;
    const v = ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? odd[v]! : v;
  }
  const cf = body + String.fromCharCode(65 + (sum % 26));
  return { value: r() < 0.8 ? cf : cf.toLowerCase(), name: 'codice fiscale', needsLabel: false };
}

function bsn(r: Rand): GeneratedId {
  for (;;) {
    const body = `${int(r, 1, 6)}${digits(r, 7)}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * (9 - i);
    const last = sum % 11;
    if (last <= 9) return { value: body + last, name: 'BSN', needsLabel: true };
  }
}

function cpf(r: Rand): GeneratedId {
  const n = digits(r, 9);
  let withChecks = n;
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(withChecks[i]) * (len + 1 - i);
    withChecks += ((sum * 10) % 11) % 10;
  }
  const formatted = `${withChecks.slice(0, 3)}.${withChecks.slice(3, 6)}.${withChecks.slice(6, 9)}-${withChecks.slice(9)}`;
  return r() < 0.8
    ? { value: formatted, name: 'CPF', needsLabel: false }
    : { value: withChecks, name: 'CPF', needsLabel: true };
}

function myNumber(r: Rand): GeneratedId {
  const body = digits(r, 11);
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += Number(body[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const rem = sum % 11;
  const value = body + (rem <= 1 ? 0 : 11 - rem);
  return {
    value: r() < 0.5 ? value : `${value.slice(0, 4)} ${value.slice(4, 8)} ${value.slice(8)}`,
    name: 'My Number',
    needsLabel: true,
  };
}

const REGIONS = [
  '110101',
  '110105',
  '310101',
  '310115',
  '440305',
  '440106',
  '510104',
  '330106',
  '320102',
  '420102',
  '610113',
  '620102',
  '500103',
  '120101',
];

function chineseId(r: Rand): GeneratedId {
  const birth = `${int(r, 1950, 2006)}${pad(int(r, 1, 12), 2)}${pad(int(r, 1, 28), 2)}`;
  const body = `${pick(r, REGIONS)}${birth}${digits(r, 3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += Number(body[i]) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!;
  const id = body + '10X98765432'[sum % 11];
  const value = r() < 0.85 ? id : `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  return { value, name: 'resident ID', needsLabel: false };
}

function taiwanId(r: Rand): GeneratedId {
  const letters = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
  const letter = pick(r, [...letters.slice(0, 22)]);
  const body = `${pick(r, ['1', '2'])}${digits(r, 7)}`;
  const code = letters.indexOf(letter) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * (8 - i);
  return {
    value: `${letter}${body}${(10 - (sum % 10)) % 10}`,
    name: 'Taiwan ID',
    needsLabel: false,
  };
}

/** The identity number(s) of a locale. */
export const NATIONAL_IDS: Record<PiiLocale, (r: Rand) => GeneratedId> = {
  'en-US': ssn,
  'en-GB': nino,
  'en-IN': aadhaar,
  'de-DE': steuerId,
  'fr-FR': nir,
  'es-ES': dniNie,
  'it-IT': codiceFiscale,
  'nl-NL': bsn,
  'pt-BR': cpf,
  'ja-JP': myNumber,
  'zh-CN': chineseId,
  'zh-TW': taiwanId,
};
