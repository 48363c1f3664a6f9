// The demo's page-side action: the bot file's store_hours form ends in
// `"action": { "handler": "storeHours" }`, and the widget calls this with the filled slots.
// A real site would look the hours up in its own data; nothing here leaves the page.
const STORES = {
  denver: { hours: 'Mon-Sat 10:00-20:00, Sun 11:00-17:00', address: '1600 Wynkoop St, Denver.' },
  portland: {
    hours: 'Mon-Sat 10:00-20:00, Sun 11:00-18:00',
    address: '811 SW Morrison St, Portland.',
  },
  seattle: { hours: 'Mon-Sat 10:00-21:00, Sun closed', address: '1420 5th Ave, Seattle.' },
  boston: { hours: 'Mon-Sat 09:00-20:00, Sun 12:00-18:00', address: '100 Newbury St, Boston.' },
};

/** `el.actions.storeHours`: `{ slots: { city } }` -> `{ data: { hours, address } }`. */
async function storeHours({ slots }) {
  const store = STORES[slots.city];
  return store ? { data: store } : { notFound: true };
}

for (const el of document.querySelectorAll('support-bot')) el.actions = { storeHours };
