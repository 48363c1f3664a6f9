import { ibanCheck } from './pii-corpus-numbers.js';
import { digits, group, int, nz, type PiiLocale, pick, type Rand } from './pii-corpus-values.js';

/**
 * Numbers that look like personal data but are not, as they appear in support messages of each
 * locale: order and tracking numbers, dates and times, prices, postcodes, barcodes, ISBNs,
 * invoice and model numbers. Redaction must leave every one of them alone.
 */
type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt' | 'ja' | 'zh' | 'tw';
const LANG: Record<PiiLocale, Lang> = {
  'en-US': 'en',
  'en-GB': 'en',
  'en-IN': 'en',
  'de-DE': 'de',
  'fr-FR': 'fr',
  'es-ES': 'es',
  'it-IT': 'it',
  'nl-NL': 'nl',
  'pt-BR': 'pt',
  'ja-JP': 'ja',
  'zh-CN': 'zh',
  'zh-TW': 'tw',
};

const WORDS: Record<
  'order' | 'tracking' | 'invoice' | 'model' | 'ref',
  Record<Lang, readonly string[]>
> = {
  order: {
    en: ['order #', 'order number ', 'Order No. ', 'order '],
    de: ['Bestellnummer ', 'Bestellung Nr. ', 'Auftragsnummer: '],
    fr: ['commande n° ', 'numéro de commande ', 'commande '],
    es: ['pedido nº ', 'número de pedido ', 'pedido '],
    it: ['ordine n. ', 'numero ordine ', 'ordine '],
    nl: ['bestelnummer ', 'bestelling ', 'ordernummer: '],
    pt: ['pedido nº ', 'número do pedido ', 'pedido '],
    ja: ['注文番号', 'ご注文番号：', '注文番号 '],
    zh: ['订单号', '订单号：', '订单编号 '],
    tw: ['訂單編號', '訂單號碼：', '訂單 '],
  },
  tracking: {
    en: ['tracking number ', 'tracking ', 'parcel ', 'shipment '],
    de: ['Sendungsnummer ', 'Sendungsverfolgung: ', 'Paket '],
    fr: ['numéro de suivi ', 'colis ', 'suivi : '],
    es: ['número de seguimiento ', 'envío ', 'seguimiento: '],
    it: ['numero di tracciamento ', 'spedizione ', 'pacco '],
    nl: ['trackingnummer ', 'zending ', 'pakket '],
    pt: ['código de rastreio ', 'rastreamento ', 'encomenda '],
    ja: ['追跡番号', '伝票番号：', '配送番号 '],
    zh: ['快递单号', '运单号：', '物流单号 '],
    tw: ['物流單號', '運單號碼：', '包裹編號 '],
  },
  invoice: {
    en: ['invoice ', 'invoice no. '],
    de: ['Rechnung ', 'Rechnungsnummer '],
    fr: ['facture ', 'facture n° '],
    es: ['factura ', 'factura nº '],
    it: ['fattura ', 'fattura n. '],
    nl: ['factuur ', 'factuurnummer '],
    pt: ['nota fiscal ', 'fatura '],
    ja: ['請求書番号', '請求番号 '],
    zh: ['发票号码', '发票 '],
    tw: ['發票號碼', '發票 '],
  },
  model: {
    en: ['model ', 'model number '],
    de: ['Modell ', 'Artikelnummer '],
    fr: ['modèle ', 'référence '],
    es: ['modelo ', 'referencia '],
    it: ['modello ', 'codice articolo '],
    nl: ['model ', 'artikelnummer '],
    pt: ['modelo ', 'código do produto '],
    ja: ['型番', '型番：'],
    zh: ['型号', '型号：'],
    tw: ['型號', '型號：'],
  },
  ref: {
    en: ['reference ', 'ref ', 'case ', 'ticket '],
    de: ['Kundennummer ', 'Vorgang ', 'Referenz '],
    fr: ['référence ', 'dossier ', 'ticket '],
    es: ['referencia ', 'incidencia ', 'ticket '],
    it: ['riferimento ', 'pratica ', 'ticket '],
    nl: ['referentie ', 'klantnummer ', 'ticket '],
    pt: ['protocolo ', 'referência ', 'chamado '],
    ja: ['お問い合わせ番号', '受付番号'],
    zh: ['工单编号', '编号'],
    tw: ['案件編號', '編號'],
  },
};

const word = (r: Rand, l: Lang, k: keyof typeof WORDS) => pick(r, WORDS[k][l]);

function ean13(r: Rand, prefix: string): string {
  const body = prefix + digits(r, 12 - prefix.length);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

function date(r: Rand, locale: PiiLocale): string {
  const y = int(r, 2019, 2026);
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  const p = (n: number) => String(n).padStart(2, '0');
  const hh = int(r, 0, 23);
  const mm = p(int(r, 0, 59));
  const forms: Record<PiiLocale, readonly string[]> = {
    'en-US': [
      `${p(m)}/${p(d)}/${y}`,
      `${m}/${d}/${String(y).slice(2)}`,
      `${MONTHS_EN[m - 1]} ${d}, ${y}`,
      `${(hh % 12) + 1}:${mm} PM`,
    ],
    'en-GB': [`${p(d)}/${p(m)}/${y}`, `${d} ${MONTHS_EN[m - 1]} ${y}`, `${p(hh)}:${mm}`],
    'en-IN': [`${p(d)}-${p(m)}-${y}`, `${p(d)}/${p(m)}/${y}`, `${(hh % 12) + 1}:${mm} pm`],
    'de-DE': [`${p(d)}.${p(m)}.${y}`, `${d}.${m}.${String(y).slice(2)}`, `${p(hh)}:${mm} Uhr`],
    'fr-FR': [`${p(d)}/${p(m)}/${y}`, `${hh}h${mm}`, `le ${d}/${m}`],
    'es-ES': [`${p(d)}/${p(m)}/${y}`, `${d}-${m}-${y}`, `${p(hh)}:${mm}h`],
    'it-IT': [`${p(d)}/${p(m)}/${y}`, `${d}.${m}.${y}`, `ore ${p(hh)}:${mm}`],
    'nl-NL': [`${p(d)}-${p(m)}-${y}`, `${d}-${m}-${y}`, `${p(hh)}:${mm} uur`],
    'pt-BR': [`${p(d)}/${p(m)}/${y}`, `${p(hh)}h${mm}`, `${d}/${m}`],
    'ja-JP': [
      `${y}年${m}月${d}日`,
      `${y}/${p(m)}/${p(d)}`,
      `${hh}時${mm}分`,
      `令和${y - 2018}年${m}月${d}日`,
    ],
    'zh-CN': [`${y}年${m}月${d}日`, `${y}-${p(m)}-${p(d)} ${p(hh)}:${mm}`, `${y}.${p(m)}.${p(d)}`],
    'zh-TW': [`${y - 1911}年${m}月${d}日`, `${y}/${p(m)}/${p(d)}`, `${p(hh)}:${mm}`],
  };
  return pick(r, [
    ...forms[locale],
    `${y}-${p(m)}-${p(d)}T${p(hh)}:${mm}:00`,
    `${y}${p(m)}${p(d)}`,
  ]);
}

function price(r: Rand, locale: PiiLocale): string {
  const n = int(r, 1, 4999);
  const c = int(r, 0, 99).toString().padStart(2, '0');
  const k = (x: number, sep: string) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const forms: Record<PiiLocale, readonly string[]> = {
    'en-US': [`$${k(n, ',')}.${c}`, `US$ ${n}`],
    'en-GB': [`£${k(n, ',')}.${c}`, `£${n}`],
    'en-IN': [`₹${k(n * 100, ',')}`, `Rs. ${n}.${c}`, `₹1,${int(r, 10, 99)},${digits(r, 3)}`],
    'de-DE': [`${k(n, '.')},${c} €`, `EUR ${n},${c}`],
    'fr-FR': [`${k(n, ' ')},${c} €`, `${n} €`],
    'es-ES': [`${k(n, '.')},${c} €`, `${n}€`],
    'it-IT': [`€ ${k(n, '.')},${c}`, `${n},${c} euro`],
    'nl-NL': [`€ ${k(n, '.')},${c}`, `€${n},-`],
    'pt-BR': [`R$ ${k(n, '.')},${c}`, `R$${n}`],
    'ja-JP': [`¥${k(n * 10, ',')}`, `${k(n * 10, ',')}円`, `税込${n * 10}円`],
    'zh-CN': [`¥${n}.${c}`, `${n}元`, `￥${k(n, ',')}`],
    'zh-TW': [`NT$${k(n, ',')}`, `${n}元`],
  };
  return pick(r, forms[locale]);
}

function postcode(r: Rand, locale: PiiLocale): string {
  const L = () => String.fromCharCode(65 + int(r, 0, 25));
  const forms: Record<PiiLocale, () => string> = {
    'en-US': () =>
      pick(r, [`ZIP ${nz(r)}${digits(r, 4)}`, `ZIP ${nz(r)}${digits(r, 4)}-${digits(r, 4)}`]),
    'en-GB': () => `postcode ${L()}${L()}${nz(r)} ${nz(r)}${L()}${L()}`,
    'en-IN': () => `PIN ${nz(r)}${digits(r, 5)}`,
    'de-DE': () => `PLZ ${digits(r, 5)}`,
    'fr-FR': () =>
      `${pick(r, ['75', '69', '13'])}${digits(r, 3)} ${pick(r, ['Paris', 'Lyon', 'Marseille'])}`,
    'es-ES': () => `CP ${pick(r, ['28', '08', '46'])}${digits(r, 3)}`,
    'it-IT': () => `CAP ${pick(r, ['00', '20', '10'])}${digits(r, 3)}`,
    'nl-NL': () => `${nz(r)}${digits(r, 3)} ${L()}${L()} ${pick(r, ['Amsterdam', 'Utrecht'])}`,
    'pt-BR': () => `CEP ${digits(r, 5)}-${digits(r, 3)}`,
    'ja-JP': () => `〒${digits(r, 3)}-${digits(r, 4)}`,
    'zh-CN': () => `邮编${nz(r)}${digits(r, 5)}`,
    'zh-TW': () => `郵遞區號${nz(r)}${digits(r, 2)}${r() < 0.5 ? digits(r, 2) : ''}`,
  };
  return forms[locale]();
}

function tracking(r: Rand, l: Lang): string {
  const code = pick(r, [
    () =>
      `1Z${digits(r, 3)}${String.fromCharCode(65 + int(r, 0, 25))}${String.fromCharCode(65 + int(r, 0, 25))}${digits(r, 10)}`,
    () => `SF${digits(r, 13)}`,
    () => `JD${pick(r, ['', 'V', 'VA'])}${digits(r, 13)}`,
    () => digits(r, 12),
    () => group(digits(r, 12), [4, 4, 4], ' '),
    () => `${nz(r)}${digits(r, 14)}`,
    () => group(`9400${digits(r, 18)}`, [4, 4, 4, 4, 4, 2], ' '),
    () => `${pick(r, ['EA', 'RR', 'LX'])}${digits(r, 9)}${pick(r, ['CN', 'BR', 'DE', 'JP'])}`,
    () => digits(r, 10),
    () => `${nz(r)}${digits(r, 15)}`,
    () => group(digits(r, 12), [4, 4, 4], '-'),
  ])();
  return word(r, l, 'tracking') + code;
}

function order(r: Rand, l: Lang): string {
  const code = pick(r, [
    () => `${digits(r, 3)}-${digits(r, 7)}-${digits(r, 7)}`,
    () => `${nz(r)}${digits(r, 7)}`,
    () => `${nz(r)}${digits(r, 9)}`,
    () => `${nz(r)}${digits(r, 10)}`,
    () => `${nz(r)}${digits(r, 11)}`,
    () => `${int(r, 2019, 2026)}${digits(r, 4)}${digits(r, 8)}`,
    () => `${nz(r)}${digits(r, 15)}`,
    () => `${nz(r)}${digits(r, 18)}`,
    () => `${nz(r)}${digits(r, 5)}-${int(r, 2019, 2026)}0115-${digits(r, 10)}`,
    () => `0${digits(r, 9)}`,
  ])();
  return word(r, l, 'order') + code;
}

/** One look-alike, with the words a visitor of `locale` puts before it. */
export function lookalike(r: Rand, locale: PiiLocale): string {
  const l = LANG[locale];
  return pick(r, [
    () => order(r, l),
    () => order(r, l),
    () => tracking(r, l),
    () => tracking(r, l),
    () => date(r, locale),
    () => date(r, locale),
    () => price(r, locale),
    () => postcode(r, locale),
    () =>
      `EAN ${ean13(r, pick(r, ['400', '401', '4', '5', '6', '7', '8', '9', '30', '45', '69', '471']))}`,
    () =>
      `${pick(r, ['ISBN ', 'ISBN: '])}${pick(r, [`978-${nz(r)}-${digits(r, 3)}-${digits(r, 5)}-${digits(r, 1)}`, ean13(r, pick(r, ['978', '979'])), `0-${digits(r, 3)}-${digits(r, 5)}-${digits(r, 1)}`])}`,
    () =>
      word(r, l, 'invoice') +
      pick(r, [
        `INV-${int(r, 2019, 2026)}-${digits(r, 6)}`,
        `RE-${int(r, 2019, 2026)}-${digits(r, 4)}`,
        `F${int(r, 2019, 2026)}-${digits(r, 5)}`,
        `${int(r, 2019, 2026)}/${digits(r, 6)}`,
        `${digits(r, 8)}`,
      ]),
    () =>
      word(r, l, 'model') +
      pick(r, [
        'SM-G991B',
        'WH-1000XM4',
        'KD-55X80J',
        'A2342',
        'MQ8N3LL/A',
        'RTX 4090',
        `${pick(r, ['XR', 'KX', 'DCP'])}-${digits(r, 4)}${pick(r, ['', 'W', 'EU'])}`,
      ]),
    () => {
      // A 16-digit reference with a card-like prefix; about one in ten passes the Luhn check.
      const body = `${pick(r, ['4', '5', '37', '6'])}${digits(r, 14)}`;
      return `${word(r, l, 'ref')}${(body + digits(r, 1)).slice(0, 16)}`;
    },
    () => `${word(r, l, 'ref')}${nz(r)}${digits(r, int(r, 5, 11))}`,
    () => {
      // An IBAN with wrong check digits.
      const country = pick(r, ['DE', 'FR', 'NL', 'ES']);
      const account = digits(r, country === 'NL' ? 14 : country === 'DE' ? 18 : 20);
      const bad = String(((Number(ibanCheck(country, account)) + int(r, 1, 90)) % 97) + 2).padStart(
        2,
        '0',
      );
      return `IBAN ${country}${bad}${account}`;
    },
    () =>
      `${pick(r, ['IP ', 'Version ', 'v'])}${int(r, 1, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}`,
    () => `${int(r, 2, 12)} x ${int(r, 100, 999)} g`,
    () => `${int(r, 1, 99)},${int(r, 0, 9)} %`,
  ])();
}
