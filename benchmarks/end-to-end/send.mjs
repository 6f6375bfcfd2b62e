// Signed WhatsApp Cloud API webhooks to channel-gateway at RATE per second for SECONDS, each from a new
// customer (so each opens a ticket); prints how many were accepted. Nothing is timed: capacity.sh measures
// what the suite spends on them.
//   node send.mjs SECONDS RATE   (env: WEBHOOK_SECRET)
import { createHmac, randomUUID } from 'node:crypto';

const [seconds, rate] = process.argv.slice(2).map(Number);
const secret = process.env.WEBHOOK_SECRET;
const CHANNELS = process.env.CHANNELS_URL ?? 'http://localhost:8082';
const run = randomUUID().slice(0, 8);
const started = performance.now();
const sends = [];
let accepted = 0;
for (let i = 0; i < seconds * rate; i++) {
  const wait = started + (i * 1000) / rate - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const sender = `3068${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '302101234599', phone_number_id: '106540352249999' },
    contacts: [{ profile: { name: `capacity ${run} ${i}` }, wa_id: sender }],
    messages: [{ from: sender, id: `wamid.capacity-${run}-${i}`, timestamp: String(Math.floor(Date.now() / 1000)),
      text: { body: `Η παραγγελία ${i} δεν ήρθε ακόμα` }, type: 'text' }] } }] }] });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  sends.push(fetch(`${CHANNELS}/webhooks/meta/bench-whatsapp`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body,
  }).then(async (r) => { if (r.status === 200) accepted++; await r.arrayBuffer(); }, () => {}));
}
await Promise.all(sends);
console.log(`accepted ${accepted} of ${seconds * rate} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
