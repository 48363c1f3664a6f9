/**
 * What the words just before a number say it is. `number` is a bare "number"/"Nummer"/"番号"
 * with no other label before it ("my number is ..."), which usually means a phone number.
 */
export type NumberContext = 'phone' | 'card' | 'id' | 'other' | 'number';

// Latin words match at a word start and may go on ("tel" covers "telephone", "Telefon",
// "teléfono"); CJK words match anywhere, since CJK text has no spaces between words.
const LATIN: Record<NumberContext, string> = {
  phone:
    'phone|ph(?![a-z])|tel|call|ring|mobil|mobiel|móvil|cell|celular|whats|wechat|sms|text me|reach|contact|fax|hotline|landline|handy|anruf|ruf|erreich|rückruf|festnetz|rufnummer|durchwahl|portable|joindre|appel|fixe|llam|llám|contatt|chiam|cellulare|bel me|bellen|bereik|zap|liga|ligue|ramal|dial',
  card: 'card|credit|kredit|debit|visa|mastercard|master card|amex|american express|maestro|discover|diners|jcb|unionpay|rupay|mir card|kart|carte|cb |tarjeta|carta|kaart|cartão|cartao|bancomat|cvv',
  id: 'ssn|social security|national insurance|ni number|nino|dni|nie(?![a-z])|nif(?![a-z])|documento|codice fiscale|c\\.f\\.|cf:|cpf|aadhaar|aadhar|uid|bsn|burgerservice|sofinummer|steuer|idnr|identifikations|nir(?![a-z])|sécu|securite sociale|sécurité sociale|carte vitale|id number|identity|passport|personalausweis|ausweis|identidad|identità|identidade|rg ',
  other:
    'order|tracking|track|invoice|inv(?![a-z])|referen|référence|riferiment|referência|ref(?![a-z])|customer|member|case|ticket|parcel|package|shipment|consignment|sku|ean|gtin|upc|isbn|barcode|model|serial|part(?![a-z])|item|article|product|booking|reservation|confirmation|account|acct|policy|claim|voucher|coupon|gift card code|code|bestel|auftrag|vorgang|incidencia|protocolo|dossier|pratica|chamado|klant|ticket|version|ip(?![a-z])|sendung|rechnung|artikel|kunden|paket|lieferschein|commande|suivi|colis|facture|référence|pedido|seguimiento|envío|envio|factura|ordine|spedizione|fattura|tracciamento|pacco|bestelling|factuur|zending|pakket|rastreio|rastreamento|nota fiscal|encomenda|fatura|postcode|zip|plz|cep(?![a-z])|cap(?![a-z])|modelo|modello|modell|serie',
  number: 'number|nummer|numéro|numero|número|no\\.|nr\\.|n°|nº',
};
const CJK: Record<NumberContext, string> = {
  phone:
    '电话|電話|手机|手機|联系|聯絡|聯繫|连络|致电|打给|请打|請打|拨打|撥打|请拨|請撥|打我|微信|座机|座機|市话|市話|分机|分機|携帯|ケータイ|連絡|でんわ',
  card: '卡号|卡號|信用卡|银行卡|銀行卡|储蓄卡|カード|クレジット',
  id: '身份证|身份證|身分證|マイナンバー|個人番号|统一编号|統一編號',
  other:
    '订单|訂單|单号|單號|运单|運單|快递|快遞|发票|發票|型号|型號|条码|條碼|编号|編號|物流|包裹|注文|追跡|伝票|請求|型番|問い合わせ番号|配送|货号|貨號|郵便番号|邮编|郵遞區號|受付|問い合わせ|〒|工单|案件',
  number: '号码|號碼|番号|号|號',
};

const ORDER: readonly NumberContext[] = ['phone', 'card', 'id', 'other', 'number'];
const LABEL_RE = new RegExp(
  ORDER.map((c) => `(?<${c}>(?<![A-Za-z\\u00C0-\\u024F])(?:${LATIN[c]})|${CJK[c]})`).join('|'),
  'giu',
);
// What may stand between a label and its number: a few short words or punctuation, no digits.
const GAP_RE = /^[^\d]{0,30}$/u;
const MAX_WORDS = 4;

interface Label {
  context: NumberContext;
  start: number;
  end: number;
}

function labelsIn(before: string): Label[] {
  const out: Label[] = [];
  LABEL_RE.lastIndex = 0;
  for (const m of before.matchAll(LABEL_RE)) {
    const groups = m.groups!;
    const context = ORDER.find((c) => groups[c] !== undefined)!;
    out.push({ context, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function isNear(gap: string): boolean {
  if (!GAP_RE.test(gap)) return false;
  // CJK runs have no spaces: "电话：", "手机号是", "ご連絡は" are near; a clause is not.
  if ((gap.match(/[\u3040-\u30FF\u3400-\u9FFF]/gu)?.length ?? 0) > 4) return false;
  let words = 0;
  for (const w of gap.split(/\s+/)) if (/[\p{L}]/u.test(w)) words++;
  return words <= MAX_WORDS;
}

/** How far before a number its label may start. */
const WINDOW = 40;

/**
 * What the label right before a number says it is, given the text before it and the labels in
 * that text: `undefined` when no label is close enough. A generic "number" takes the meaning
 * of the label before it ("order number" is `other`, "card number" is `card`, "my number" is
 * `number`).
 */
function decide(before: string, labels: readonly Label[]): NumberContext | undefined {
  const last = labels.at(-1);
  if (!last) return undefined;
  // A label glued to the number's end ("Tel.", "注文番号") and the number's own tail word
  // ("Telefonnummer") count; so does one a few words back ("reach me tomorrow at").
  if (!isNear(before.slice(last.end))) return undefined;
  if (last.context !== 'number') return last.context;
  const previous = labels.at(-2);
  // Only a label right before it ("order number", "Bestellung Nr.", "订单号", "card no.")
  // names the number; the rest of the label's word ("Bestel|lung") does not count as a gap.
  const between = before.slice(previous?.end ?? 0, last.start).replace(/^[\p{L}\p{M}]+/u, '');
  if (previous && /^[^\d\p{L},;!?，。；！？]{0,3}$/u.test(between)) {
    return previous.context === 'number' ? 'number' : previous.context;
  }
  return 'number';
}

/** Reads what the label before a position says; one per text. */
export type ContextAt = (at: number) => NumberContext | undefined;

/**
 * A reader of the labels before positions in `text` (a number's start): the text's labels are
 * found once, on first use, and each position's answer is kept, so every detector can ask.
 */
export function contextReader(text: string): ContextAt {
  let labels: Label[] | undefined;
  const seen = new Map<number, NumberContext | undefined>();
  return (at) => {
    if (seen.has(at)) return seen.get(at);
    labels ??= labelsIn(text);
    const from = Math.max(0, at - WINDOW);
    const near = labels
      .filter((l) => l.end > from && l.end <= at)
      .map((l) => ({ ...l, start: Math.max(0, l.start - from), end: l.end - from }));
    const context = decide(text.slice(from, at), near);
    seen.set(at, context);
    return context;
  };
}

/** True when the label before a number says it is a phone (or a bare "my number"). */
export function saysPhone(context: NumberContext | undefined): boolean {
  return context === 'phone' || context === 'number';
}

/**
 * Where a number may start: not inside a word or another number ("RE-2024-0815", "#123",
 * "1,299"), but right after CJK text, a label's colon or a comma between words.
 */
export const NUMBER_START = String.raw`(?<![A-Za-z0-9\u00C0-\u024F+_@#])(?<![A-Za-z0-9\u00C0-\u024F][,/\-])(?<!\d[.: \u00A0])`;
/** Where a number may end: not inside a word, nor before more digits ("2024-01-15"). */
export const NUMBER_END = String.raw`(?![A-Za-z0-9\u00C0-\u024F]|[.,/:\-]\d)`;
/** Where a grouped identity number may end: also not before another group of digits. */
export const ID_END = String.raw`(?![A-Za-z0-9\u00C0-\u024F]|[.,/:\- \u00A0]\d)`;
