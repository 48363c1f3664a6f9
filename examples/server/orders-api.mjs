// The example shop's orders API, answered from orders.sample.json, for the bots' webhook actions:
//   GET  /api/orders/:id                 the order's status (404 when there is no such order)
//   POST /api/orders/:id/return          starts a return: { slots: { reason } } -> { returnId, instructions }
//   POST /api/orders/:id/delivery-date   reschedules: { slots: { date: "YYYY-MM-DD" } } -> { date, noteZh }
// Two order numbers exist to show failures: AC-500500 answers 500, AC-999000 answers after 30 s
// (longer than the bots' 5 s webhook timeout).
import { readFileSync } from 'node:fs';

const ORDERS = JSON.parse(readFileSync(new URL('./orders.sample.json', import.meta.url), 'utf8'));
const REASONS = new Set(['too_small', 'too_big', 'damaged', 'wrong_item', 'changed_mind']);
const MAX_BODY = 4096;
let returns = 2000;

const json = (response, status, body) =>
  response
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(body));

function readBody(request) {
  return new Promise((resolve) => {
    let size = 0;
    const chunks = [];
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    request.on('error', () => resolve(undefined));
  });
}

/**
 * Answers /api/orders/... requests; returns false for other paths so the server carries on.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {string} pathname
 */
export function handleOrdersRequest(request, response, pathname) {
  const m = /^\/api\/orders\/([^/]+)(?:\/(return|delivery-date))?$/.exec(pathname);
  if (!m) return false;
  void answer(request, response, m[1].toUpperCase(), m[2]);
  return true;
}

async function answer(request, response, id, action) {
  if (id === 'AC-500500') return json(response, 500, { error: 'internal' });
  if (id === 'AC-999000') {
    const timer = setTimeout(() => json(response, 200, { statusText: 'Too late' }), 30_000);
    response.on('close', () => clearTimeout(timer));
    return;
  }
  const order = Object.hasOwn(ORDERS, id) ? ORDERS[id] : undefined;
  if (!action) {
    if (request.method !== 'GET') return json(response, 405, { error: 'method' });
    return order
      ? json(response, 200, { id, ...order })
      : json(response, 404, { error: 'not_found' });
  }
  if (request.method !== 'POST') return json(response, 405, { error: 'method' });
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
    return json(response, 415, { error: 'json' });
  const body = await readBody(request);
  if (!order) return json(response, 404, { error: 'not_found' });
  const slots = body?.slots;
  if (action === 'return') {
    if (!REASONS.has(slots?.reason)) return json(response, 422, { error: 'reason' });
    if (!order.returnable) return json(response, 409, { error: 'not_returnable' });
    returns += 1;
    return json(response, 200, {
      returnId: `R-${returns}`,
      instructions:
        "We've emailed you a prepaid label; drop the parcel at any UPS point within 14 days.",
    });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(slots?.date ?? '')) return json(response, 422, { error: 'date' });
  const [, month, day] = slots.date.split('-').map(Number);
  return json(response, 200, { date: `${month}月${day}日`, noteZh: '快递员会提前电话联系您。' });
}
