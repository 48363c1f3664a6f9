/**
 * Personal data as people write it, generated from the published formats themselves (national
 * numbering plans, card brands' IIN tables and printed layouts, the SWIFT IBAN registry, the
 * check-digit definitions of national identity numbers) and not from the redaction patterns.
 */

/** The locales the corpus covers. */
export const PII_LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'ja-JP',
  'zh-CN',
  'zh-TW',
] as const;
export type PiiLocale = (typeof PII_LOCALES)[number];

/** A seeded source of randomness in [0, 1). */
export type Rand = () => number;

/** Small deterministic PRNG (mulberry32), so a seed always gives the same corpus. */
export function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const digits = (r: Rand, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
export const nz = (r: Rand) => String(int(r, 1, 9));

/** Splits `s` into groups of the given sizes (the rest, if any, as one more group). */
export function group(s: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= s.length) break;
    out.push(s.slice(at, at + n));
    at += n;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
}

// ---- e-mail ----------------------------------------------------------------------------------

const NAMES: Record<PiiLocale, readonly string[]> = {
  'en-US': ['john.smith', 'mary_j', 'bob.miller88', 'jennifer.lee', 'k.johnson'],
  'en-GB': ['oliver.brown', 'amelia.w', 'harry_jones', 'c.evans', 'sophie.taylor'],
  'en-IN': ['priya.sharma', 'rahul.k', 'anil_kumar', 'deepa.iyer', 'vikram.singh'],
  'de-DE': ['k.schmidt', 'jürgen.müller', 'anna-lena.weber', 'thomas.schäfer', 'lukas89'],
  'fr-FR': ['olivier.dupont', 'françois.martin', 'c.lefèvre', 'amelie.bernard', 'hélène_r'],
  'es-ES': ['jose.garcia', 'maría.lópez', 'javi_fernandez', 'l.martinez', 'carmen.ruiz'],
  'it-IT': ['marco.rossi', 'giulia.bianchi', 'f.esposito', 'luca_romano', 'chiara.ricci'],
  'nl-NL': ['jan.devries', 'sanne.jansen', 'p.vandijk', 'daan_bakker', 'emma.visser'],
  'pt-BR': ['joao.silva', 'ana.souza', 'lucas_oliveira', 'm.santos', 'fernanda.lima'],
  'ja-JP': ['yamada.taro', 'sato_hanako', 'k.suzuki', 'takahashi1985', 'yuki.tanaka'],
  'zh-CN': ['li.wei', 'wangfang88', 'zhang_min', 'liu.yang', 'chen.jing2020'],
  'zh-TW': ['chen.yiting', 'lin_chihao', 'huang.mw', 'wu.peiyu', 'tsai1990'],
};
const DOMAINS: Record<PiiLocale, readonly string[]> = {
  'en-US': ['gmail.com', 'yahoo.com', 'outlook.com', 'company.example.com', 'icloud.com'],
  'en-GB': ['btinternet.com', 'gmail.com', 'hotmail.co.uk', 'sky.com', 'mail.example.co.uk'],
  'en-IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in', 'example.in', 'outlook.com'],
  'de-DE': ['gmx.de', 'web.de', 't-online.de', 'firma-beispiel.de', 'posteo.de'],
  'fr-FR': ['orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'exemple.fr'],
  'es-ES': ['gmail.com', 'telefonica.net', 'hotmail.es', 'empresa.es', 'yahoo.es'],
  'it-IT': ['libero.it', 'virgilio.it', 'tiscali.it', 'gmail.com', 'azienda.it'],
  'nl-NL': ['ziggo.nl', 'kpnmail.nl', 'hotmail.nl', 'bedrijf.nl', 'gmail.com'],
  'pt-BR': ['uol.com.br', 'bol.com.br', 'gmail.com', 'terra.com.br', 'empresa.com.br'],
  'ja-JP': ['yahoo.co.jp', 'docomo.ne.jp', 'ezweb.ne.jp', 'gmail.com', 'example.co.jp'],
  'zh-CN': ['qq.com', '163.com', '126.com', 'sina.com', 'aliyun.com'],
  'zh-TW': ['gmail.com', 'yahoo.com.tw', 'hinet.net', 'pchome.com.tw', 'ms1.hinet.net'],
};

export function email(r: Rand, locale: PiiLocale): string {
  const name = pick(r, NAMES[locale]);
  const local = pick(r, [
    name,
    `${name}+${pick(r, ['shop', 'orders', 'news'])}`,
    name.toUpperCase(),
  ]);
  return `${local}@${pick(r, DOMAINS[locale])}`;
}

// ---- phone numbers: national numbering plans -------------------------------------------------

const EXTENSIONS = [
  'x{n}',
  ' x{n}',
  ' ext. {n}',
  ' ext {n}',
  ', ext. {n}',
  ' #{n}',
  ' extension {n}',
];
const EXTENSIONS_LOCAL: Partial<Record<PiiLocale, readonly string[]>> = {
  'de-DE': [' Durchwahl {n}', '-{n}'],
  'fr-FR': [' poste {n}'],
  'it-IT': [' int. {n}', ' interno {n}'],
  'pt-BR': [' ramal {n}'],
  'nl-NL': [' toestel {n}'],
  'ja-JP': [' 内線{n}'],
  'zh-CN': ['转{n}', ' 转 {n}'],
  'zh-TW': [' 分機 {n}', '#{n}'],
};

/** Country code, national number (without trunk prefix) as groups, trunk prefix. */
type Plan = () => { cc: string; groups: string[]; trunk: string };

function nanp(r: Rand) {
  // NPA and NXX start with 2-9 and are not N11.
  let npa = `${int(r, 2, 9)}${digits(r, 2)}`;
  if (npa.slice(1) === '11') npa = `${npa[0]}20`;
  return [npa, `${int(r, 2, 9)}${digits(r, 2)}`, digits(r, 4)];
}

const PLANS: Record<PiiLocale, (r: Rand) => ReturnType<Plan>> = {
  'en-US': (r) => ({ cc: '1', groups: nanp(r), trunk: '' }),
  'en-GB': (r) =>
    pick(r, [
      () => ({ cc: '44', groups: ['20', `7${digits(r, 3)}`, digits(r, 4)], trunk: '0' }),
      () => ({ cc: '44', groups: [`7${int(r, 4, 9)}${digits(r, 2)}`, digits(r, 6)], trunk: '0' }),
      () => ({ cc: '44', groups: [`1${int(r, 2, 9)}1`, digits(r, 3), digits(r, 4)], trunk: '0' }),
      () => ({ cc: '44', groups: [`1${digits(r, 3)}`, `${nz(r)}${digits(r, 5)}`], trunk: '0' }),
    ])(),
  'en-IN': (r) =>
    pick(r, [
      // Mobiles are written without the trunk 0 as often as not.
      () => ({
        cc: '91',
        groups: [`${int(r, 6, 9)}${digits(r, 4)}`, digits(r, 5)],
        trunk: r() < 0.3 ? '0' : '',
      }),
      () => ({
        cc: '91',
        groups: ['11', `${int(r, 2, 6)}${digits(r, 3)}`, digits(r, 4)],
        trunk: '0',
      }),
      () => ({
        cc: '91',
        groups: [pick(r, ['22', '80', '44', '33']), `${int(r, 2, 6)}${digits(r, 7)}`],
        trunk: '0',
      }),
    ])(),
  'de-DE': (r) =>
    pick(r, [
      () => ({ cc: '49', groups: ['30', `${nz(r)}${digits(r, 6)}`], trunk: '0' }),
      () => ({ cc: '49', groups: ['89', `${nz(r)}${digits(r, 7)}`], trunk: '0' }),
      () => ({ cc: '49', groups: [`15${int(r, 1, 9)}`, `${nz(r)}${digits(r, 7)}`], trunk: '0' }),
      () => ({ cc: '49', groups: [`17${int(r, 0, 9)}`, `${nz(r)}${digits(r, 6)}`], trunk: '0' }),
      () => ({
        cc: '49',
        groups: [`${int(r, 2, 9)}${digits(r, 3)}`, `${nz(r)}${digits(r, 5)}`],
        trunk: '0',
      }),
    ])(),
  'fr-FR': (r) => {
    const first = pick(r, ['1', '2', '3', '4', '5', '6', '7', '9']);
    return {
      cc: '33',
      groups: [first, digits(r, 2), digits(r, 2), digits(r, 2), digits(r, 2)],
      trunk: '0',
    };
  },
  'es-ES': (r) =>
    pick(r, [
      () => ({ cc: '34', groups: [`6${digits(r, 2)}`, digits(r, 3), digits(r, 3)], trunk: '' }),
      () => ({
        cc: '34',
        groups: [`7${int(r, 1, 4)}${digits(r, 1)}`, digits(r, 2), digits(r, 2), digits(r, 2)],
        trunk: '',
      }),
      () => ({
        cc: '34',
        groups: [pick(r, ['91', '93', '96']), digits(r, 3), digits(r, 2), digits(r, 2)],
        trunk: '',
      }),
    ])(),
  'it-IT': (r) =>
    pick(r, [
      () => ({
        cc: '39',
        groups: [`3${int(r, 2, 9)}${digits(r, 1)}`, digits(r, 3), digits(r, 4)],
        trunk: '',
      }),
      () => ({ cc: '39', groups: [`3${int(r, 2, 9)}${digits(r, 1)}`, digits(r, 7)], trunk: '' }),
      () => ({ cc: '39', groups: [pick(r, ['06', '02']), digits(r, 4), digits(r, 4)], trunk: '' }),
      () => ({
        cc: '39',
        groups: [pick(r, ['011', '055', '081']), digits(r, 3), digits(r, 4)],
        trunk: '',
      }),
    ])(),
  'nl-NL': (r) =>
    pick(r, [
      () => ({ cc: '31', groups: ['6', digits(r, 8)], trunk: '0' }),
      () => ({ cc: '31', groups: ['20', digits(r, 3), digits(r, 4)], trunk: '0' }),
      () => ({ cc: '31', groups: [pick(r, ['10', '30', '70']), digits(r, 7)], trunk: '0' }),
    ])(),
  'pt-BR': (r) => {
    const ddd = `${int(r, 1, 9)}${int(r, 1, 9)}`;
    return pick(r, [
      () => ({ cc: '55', groups: [ddd, `9${digits(r, 4)}`, digits(r, 4)], trunk: '' }),
      () => ({
        cc: '55',
        groups: [ddd, `${int(r, 2, 5)}${digits(r, 3)}`, digits(r, 4)],
        trunk: '',
      }),
    ])();
  },
  'ja-JP': (r) =>
    pick(r, [
      () => ({
        cc: '81',
        groups: [pick(r, ['90', '80', '70']), digits(r, 4), digits(r, 4)],
        trunk: '0',
      }),
      () => ({ cc: '81', groups: [pick(r, ['3', '6']), digits(r, 4), digits(r, 4)], trunk: '0' }),
      () => ({
        cc: '81',
        groups: [pick(r, ['45', '52', '92']), digits(r, 3), digits(r, 4)],
        trunk: '0',
      }),
      () => ({ cc: '81', groups: ['120', digits(r, 3), digits(r, 3)], trunk: '0' }),
    ])(),
  'zh-CN': (r) =>
    pick(r, [
      () => ({
        cc: '86',
        groups: [
          `1${pick(r, ['3', '5', '7', '8', '9'])}${digits(r, 1)}`,
          digits(r, 4),
          digits(r, 4),
        ],
        trunk: '',
      }),
      () => ({ cc: '86', groups: [pick(r, ['10', '21']), `${nz(r)}${digits(r, 7)}`], trunk: '0' }),
      () => ({ cc: '86', groups: ['28', `${nz(r)}${digits(r, 7)}`], trunk: '0' }),
      () => ({
        cc: '86',
        groups: [pick(r, ['755', '571', '951']), `${nz(r)}${digits(r, int(r, 6, 7))}`],
        trunk: '0',
      }),
      () => ({ cc: '86', groups: ['400', digits(r, 3), digits(r, 4)], trunk: '' }),
    ])(),
  'zh-TW': (r) =>
    pick(r, [
      () => ({ cc: '886', groups: [`9${digits(r, 2)}`, digits(r, 3), digits(r, 3)], trunk: '0' }),
      () => ({
        cc: '886',
        groups: ['2', `${int(r, 2, 8)}${digits(r, 3)}`, digits(r, 4)],
        trunk: '0',
      }),
      () => ({
        cc: '886',
        groups: [pick(r, ['4', '7']), `${int(r, 2, 8)}${digits(r, 3)}`, digits(r, 4)],
        trunk: '0',
      }),
    ])(),
};

/** Locales that put the area code in brackets, and how they join the last group. */
const BRACKETS: Partial<Record<PiiLocale, string>> = {
  'en-US': '-',
  'pt-BR': '-',
  'ja-JP': '-',
  'zh-TW': '-',
  'zh-CN': ' ',
  'de-DE': ' ',
  'en-GB': ' ',
  'en-IN': ' ',
};
/** Where the bracketed area code has no trunk prefix. */
const NO_TRUNK_AREA = new Set<PiiLocale>(['en-US', 'pt-BR']);

/**
 * A phone number of `locale`'s numbering plan in one of the ways people write it: national
 * (trunk prefix, brackets round the area code, dots, dashes, slashes, spaces, or none),
 * international (`+`, `00`, with `(0)`), sometimes with an extension. `bare` is true when it
 * is a national number written as one run of digits with no trunk prefix, which only a word
 * next to it ("call me at") tells from an order number.
 */
export function phone(r: Rand, locale: PiiLocale): { value: string; bare: boolean } {
  const { cc, groups, trunk } = PLANS[locale](r);
  const national = [trunk + groups[0], ...groups.slice(1)];
  const layout = r();
  let value: string;
  let bare = false;
  if (layout < 0.35) {
    // International.
    const sep = pick(r, [' ', ' ', '-', '.']);
    const prefix = pick(r, [`+${cc}`, `+${cc}`, `00${cc}`]);
    const withTrunk = trunk && r() < 0.15 ? ` (0)${groups.join(' ')}` : '';
    value = withTrunk ? prefix + withTrunk : `${prefix}${sep}${groups.join(sep)}`;
    if (r() < 0.1) value = `+${cc}${groups.join('')}`;
  } else if (
    layout < 0.5 &&
    BRACKETS[locale] &&
    national[0]!.length <= 5 &&
    (trunk === '' ? NO_TRUNK_AREA.has(locale) : national.length > 2 || national[0]!.length <= 4)
  ) {
    // Area code in brackets: "(415) 555-0134", "(021) 1234 5678", "(11) 91234-5678".
    const rest = national.slice(1);
    const last =
      rest.length > 1 ? `${rest.slice(0, -1).join(' ')}${BRACKETS[locale]}${rest.at(-1)}` : rest[0];
    value = `(${national[0]}) ${last}`;
    if (locale === 'en-US' && r() < 0.3) value = `1 ${value}`;
  } else if (layout < 0.85) {
    const sep = pick(r, locale === 'de-DE' ? [' ', '/', '-'] : [' ', '-', '.', ' ']);
    value =
      locale === 'de-DE' && sep === '/'
        ? `${national[0]}/${national.slice(1).join('')}`
        : national.join(sep);
    if (locale === 'en-US' && r() < 0.2) value = `1-${national.join('-')}`;
  } else {
    value = national.join('');
    bare = !trunk || locale === 'en-US';
  }
  if (r() < 0.15) {
    const forms = [...EXTENSIONS, ...(EXTENSIONS_LOCAL[locale] ?? [])];
    const form = pick(r, forms);
    // DIN 5008 writes a German extension after a dash: "030 12345-67".
    value += form.replace('{n}', String(form === '-{n}' ? int(r, 0, 99) : int(r, 1, 4999)));
  }
  return { value, bare };
}
