// GraphQL-over-HTTP compliance: runs the graphql-http audit suite against one endpoint and prints
// its results as JSON; exits 1 when a MUST fails. node audit.mjs URL [BEARER_TOKEN]
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) =>
  fetch(input, token ? { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: `Bearer ${token}` } } : init);
const results = await auditServer({ url, fetchFn });
const summary = results.map((r) => ({ id: r.id, name: r.name, status: r.status, reason: r.reason }));
console.log(JSON.stringify(summary));
process.exit(results.some((r) => r.status === 'error') ? 1 : 0);
