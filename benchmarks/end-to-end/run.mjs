// What a user feels, end to end through the running suite (issue 27, goal 4):
//  1. a customer's WhatsApp message until it is in an agent's inbox: signed Cloud API webhooks sent at
//     RATE per second (each from a new customer, so each opens a ticket), each timed from the moment
//     channel-gateway accepted it (its 200) until the ticket first appears in the inbox query the
//     console sends through the gateway (tickets(first: 100) newest first, asked every POLL_MS; one that is not
//     on that page is looked up through its customer over REST: see webhookToInbox);
//  2. an agent's solve until the supervisor's figures show it: tickets solved one at a time over
//     REST, each timed from the solve's 200 until liveCounters.open has dropped and until today's
//     kpis count the first resolution (the rollups the scorecard reads), both asked back to back
//     through the gateway in one query.
// A moment is known to within one poll interval and one poll (its duration is printed): figures err by at most that.
// run.sh warms the suite up before (send.mjs, then a wait until the consumers have caught up).
//   node run.mjs SECONDS RATE SOLVES   (env: WEBHOOK_SECRET, AGENT_TOKEN, SUPERVISOR_TOKEN, INTEGRATOR_TOKEN)
import { createHmac, randomUUID } from 'node:crypto';

const [secondsArg, rateArg, solvesArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 60);
const rate = Number(rateArg ?? 100);
const solves = Number(solvesArg ?? 100);
const GATEWAY = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const CHANNELS = process.env.CHANNELS_URL ?? 'http://localhost:8082';
const TICKETS = process.env.TICKETS_URL ?? 'http://localhost:8081';
const { WEBHOOK_SECRET: secret, AGENT_TOKEN: agent, SUPERVISOR_TOKEN: supervisor, INTEGRATOR_TOKEN: integrator } = process.env;
const run = randomUUID().slice(0, 8);
// the inbox is asked every POLL_MS (default 50), like a console refreshing: asked back to back, the benchmark's own
// queries took a third of ticket-service's CPU and measured themselves
const pollEvery = Number(process.env.POLL_MS ?? 50);

function percentiles(list) {
  const s = [...list].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { n: s.length, p50: q(50), p90: q(90), p99: q(99), max: s[s.length - 1] };
}

function print(name, list) {
  if (list.length === 0) {
    console.log(`RESULT ${name} n=0 (nothing arrived within 30 s)`);
    return;
  }
  const r = percentiles(list);
  console.log(`RESULT ${name} n=${r.n} p50_ms=${r.p50.toFixed(0)} p90_ms=${r.p90.toFixed(0)} p99_ms=${r.p99.toFixed(0)} max_ms=${r.max.toFixed(0)}`);
}

async function graphql(query, variables, token = agent) {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) throw new Error(`gateway: ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

function webhook(i) {
  const sender = `3069${String(90000000 + Math.floor(Math.random() * 9999999)).slice(-8)}`;
  const name = `e2e ${run} ${i}`;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '302101234599', phone_number_id: '106540352249999' },
      contacts: [{ profile: { name }, wa_id: sender }],
      messages: [{ from: sender, id: `wamid.e2e-${run}-${i}`, timestamp: String(Math.floor(Date.now() / 1000)),
        text: { body: `Η παραγγελία ${i} δεν ήρθε ακόμα` }, type: 'text' }] } }] }],
  });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { name, sender, body, signature };
}

// ---- 1. webhook accepted → in the inbox
// The inbox is newest first by the time channel-gateway received a message, but ticket-service commits a poll's
// records partition by partition: behind a backlog, a ticket can commit below a hundred newer ones and never be on
// the first page. A ticket not on it 250 ms after its webhook was accepted is therefore looked up through its
// customer (REST, by WhatsApp identity, then their tickets): at most two a poll and each at most once a second, so
// that a suite already behind is not asked still more (a late one's figure errs by up to a second more).
async function webhookToInbox() {
  const accepted = new Map(); // requester name → { at: accepted at (ms), sender, sentAt: wall clock }
  const seen = new Map();
  const checked = new Map(); // name → when it was last looked up
  const failures = [];
  let sending = true;
  let lastAccepted = 0;
  let polls = 0;
  let pollMs = 0;
  let lookups = 0;
  const look = (data, now) => {
    for (const edge of data.tickets.edges) {
      const name = edge.node.requester?.name;
      if (name && accepted.has(name) && !seen.has(name)) seen.set(name, now);
    }
  };
  const lookUp = async (name, now) => {
    checked.set(name, now);
    lookups++;
    const { sender, sentAt } = accepted.get(name);
    const get = async (path) => {
      const r = await fetch(`${TICKETS}${path}`, { headers: { authorization: `Bearer ${agent}` } });
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const customers = await get(`/api/v1/customers?identity=whatsapp:${sender}`);
    if (customers.length === 0) return;
    const tickets = await get(`/api/v1/tickets?requester=${customers[0].id}&channel=whatsapp&limit=1`);
    // a number used by an earlier run has older tickets: only one opened by this webhook counts
    if (tickets.items?.length && Date.parse(tickets.items[0].createdAt) >= sentAt - 1000 && !seen.has(name)) seen.set(name, performance.now());
  };
  const poller = (async () => {
    const query = `{ tickets(first: 100, filter: { channel: WHATSAPP }) { edges { node { requester { name } } } } }`;
    while (sending || seen.size < accepted.size) {
      const start = performance.now();
      const next = start + pollEvery;
      const late = [...accepted].filter(([name, a]) => !seen.has(name) && start - a.at > 250 && start - (checked.get(name) ?? 0) > 1000)
        .slice(0, 2).map(([name]) => lookUp(name, start));
      const data = await graphql(query);
      const now = performance.now();
      polls++;
      pollMs += now - start;
      look(data, now);
      await Promise.all(late);
      if (!sending && now - lastAccepted > 30_000) break; // the rest never came
      if (next > performance.now()) await new Promise((r) => setTimeout(r, next - performance.now()));
    }
  })();
  const started = performance.now();
  const sends = [];
  for (let i = 0; i < seconds * rate; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const hook = webhook(i);
    const sentAt = Date.now();
    sends.push(fetch(`${CHANNELS}/webhooks/meta/bench-whatsapp`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hook.signature }, body: hook.body,
    }).then((r) => {
      if (r.status === 200) { lastAccepted = performance.now(); accepted.set(hook.name, { at: lastAccepted, sender: hook.sender, sentAt }); } else failures.push(r.status);
      return r.arrayBuffer();
    }, (e) => failures.push(e.message)));
  }
  await Promise.all(sends);
  const sentFor = (performance.now() - started) / 1000;
  sending = false;
  await poller;
  const latencies = [...seen].map(([name, at]) => at - accepted.get(name).at);
  console.log(`webhooks: ${accepted.size} accepted of ${seconds * rate} sent in ${sentFor.toFixed(1)} s (${(accepted.size / sentFor).toFixed(0)}/s), `
    + `${failures.length} refused or failed, ${accepted.size - seen.size} never seen in the inbox; ${polls} inbox polls of ${(pollMs / polls).toFixed(0)} ms `
    + `every ${pollEvery} ms, ${lookups} look-ups of a late one`);
  print('webhook-to-inbox', latencies);
}

// ---- 2. solve → live counters and today's figures
async function solveToFigures() {
  const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 13) + ':00:00Z';
  const to = new Date(Date.now() + 2 * 3600 * 1000).toISOString().slice(0, 13) + ':00:00Z';
  const query = `query($from: DateTime!, $to: DateTime!) { liveCounters { open }
    kpis(from: $from, to: $to) { groups { firstResolutionTime { calendar { count } } } } }`;
  const figures = async () => {
    const d = await graphql(query, { from, to }, supervisor); // tenant-wide figures are a supervisor's
    return { open: d.liveCounters.open, solved: d.kpis.groups[0]?.firstResolutionTime.calendar.count ?? 0 };
  };
  const rest = (method, path, body, headers = {}) => fetch(`${TICKETS}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${headers.token ?? agent}`, ...headers.extra }, body: body && JSON.stringify(body),
  });
  const ids = [];
  for (let i = 0; i < solves; i++) {
    const r = await rest('POST', '/api/v1/tickets', { subject: `e2e solve ${run} ${i}`, channel: 'email', priority: 'normal',
      requester: { name: `E2E ${i}`, email: `e2e-${run}-${i}@example.test` }, message: { text: 'Where is my order?' } }, { token: integrator });
    if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
    ids.push((await r.json()).id);
  }
  await new Promise((r) => setTimeout(r, 5000)); // analytics has counted the new tickets
  const counters = [];
  const reports = [];
  let polls = 0;
  let pollMs = 0;
  for (const id of ids) {
    const before = await figures();
    const current = await rest('GET', `/api/v1/tickets/${id}`);
    const etag = current.headers.get('etag');
    await current.arrayBuffer();
    const solved = await rest('PATCH', `/api/v1/tickets/${id}`, { status: 'solved' }, { extra: { 'if-match': etag } });
    if (solved.status !== 200) throw new Error(`solve: ${solved.status} ${await solved.text()}`);
    await solved.arrayBuffer();
    const at = performance.now();
    let counted = null;
    let reported = null;
    while ((counted === null || reported === null) && performance.now() - at < 30_000) {
      const start = performance.now();
      const now = await figures();
      const end = performance.now();
      polls++;
      pollMs += end - start;
      if (counted === null && now.open < before.open) counted = end - at;
      if (reported === null && now.solved > before.solved) reported = end - at;
    }
    if (counted !== null) counters.push(counted);
    if (reported !== null) reports.push(reported);
  }
  console.log(`solves: ${ids.length}; live counters moved for ${counters.length}, today's figures for ${reports.length}; `
    + `${polls} polls of ${(pollMs / polls).toFixed(0)} ms`);
  print('solve-to-live-counters', counters);
  print('solve-to-reports', reports);
}

await webhookToInbox();
if (solves > 0) await solveToFigures();
