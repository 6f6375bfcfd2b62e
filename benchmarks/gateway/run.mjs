// The federation gateway's overhead on an agent's inbox: 25 tickets with their requester
// (ticket-service) and satisfaction (survey-service), through Hive Gateway, against the same work
// asked of the subgraphs directly (ticket-service's query, then survey-service's _entities for the
// 25 tickets, as the gateway plans it). Sequential requests on kept-alive connections, so each
// figure is one request's latency; every answer is checked, a wrong one stops the run.
//   node run.mjs TOKEN [REQUESTS] [WARMUP]
const [token, requestsArg, warmupArg] = process.argv.slice(2);
const requests = Number(requestsArg ?? 2000);
const warmup = Number(warmupArg ?? 300);
const GATEWAY = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const TICKETS = process.env.TICKETS_URL ?? 'http://localhost:8081/graphql';
const SURVEYS = process.env.SURVEYS_URL ?? 'http://localhost:8083/graphql';

const inbox = `{ tickets(first: 25) { edges { node { id number subject status updatedAt requester { id name } satisfaction { score scale } } } } }`;
const inboxWithoutSatisfaction = `{ tickets(first: 25) { edges { node { id number subject status updatedAt requester { id name } } } } }`;
const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { satisfaction { score scale } } } }`;

async function post(url, query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

const cases = {
  'gateway: inbox with requester and satisfaction': async () => {
    const data = await post(GATEWAY, inbox);
    if (data.tickets.edges.length !== 25) throw new Error('expected 25 tickets');
  },
  'direct: ticket-service query + survey-service _entities': async () => {
    const data = await post(TICKETS, inboxWithoutSatisfaction);
    const refs = data.tickets.edges.map((e) => ({ __typename: 'Ticket', id: e.node.id }));
    const sat = await post(SURVEYS, entities, { r: refs });
    if (sat._entities.length !== 25) throw new Error('expected 25 entities');
  },
  'gateway: inbox without satisfaction (one subgraph)': async () => {
    const data = await post(GATEWAY, inboxWithoutSatisfaction);
    if (data.tickets.edges.length !== 25) throw new Error('expected 25 tickets');
  },
  'direct: ticket-service query only': async () => {
    const data = await post(TICKETS, inboxWithoutSatisfaction);
    if (data.tickets.edges.length !== 25) throw new Error('expected 25 tickets');
  },
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const results = {};
for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < warmup; i++) await run();
}
// interleaved rounds, so that a slow moment of the machine weighs on every case alike
const samples = Object.fromEntries(Object.keys(cases).map((n) => [n, []]));
for (let i = 0; i < requests; i++) {
  for (const [name, run] of Object.entries(cases)) {
    const start = performance.now();
    await run();
    samples[name].push(performance.now() - start);
  }
}
for (const [name, list] of Object.entries(samples)) {
  const sorted = [...list].sort((a, b) => a - b);
  results[name] = { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: list.reduce((a, b) => a + b, 0) / list.length };
  console.log(`${name.padEnd(58)} p50 ${results[name].p50.toFixed(2)} ms  p99 ${results[name].p99.toFixed(2)} ms  mean ${results[name].mean.toFixed(2)} ms`);
}
const names = Object.keys(cases);
console.log(`overhead, two subgraphs: p50 ${(results[names[0]].p50 - results[names[1]].p50).toFixed(2)} ms, p99 ${(results[names[0]].p99 - results[names[1]].p99).toFixed(2)} ms`);
console.log(`overhead, one subgraph:  p50 ${(results[names[2]].p50 - results[names[3]].p50).toFixed(2)} ms, p99 ${(results[names[2]].p99 - results[names[3]].p99).toFixed(2)} ms`);
console.log(`(${requests} requests per case after ${warmup} warm-up, ${new Date().toISOString()})`);
