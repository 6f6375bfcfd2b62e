#!/usr/bin/env node
// Composes Pharos subgraphs (Federation v2) into a supergraph, failing loudly on any error.
//
//   node compose.mjs [--out FILE] [--check FILE] NAME=SOURCE [NAME=SOURCE ...]
//
// SOURCE is a file holding a subgraph SDL, or a subgraph URL (http://host:port/graphql) whose
// `_service { sdl }` is read (with PHAROS_TOKEN as bearer token when set). The routing URL written
// into the supergraph is ROUTING_URL_<NAME> (e.g. ROUTING_URL_TICKET) or the source URL.
// --out writes the supergraph; --check compares it with a checked-in file and fails when stale.
// --out over an existing supergraph refuses changes that break clients (a removed field, a new
// required argument, …) unless PHAROS_ALLOW_BREAKING_SCHEMA=1 says they are meant.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { breakingChanges } from './schema-api.mjs';

function fail(message) {
  console.error(`composition failed: ${message}`);
  process.exit(1);
}

async function sdlOf(source) {
  if (!/^https?:\/\//.test(source)) {
    return readFileSync(source, 'utf8');
  }
  const headers = { 'content-type': 'application/json' };
  if (process.env.PHAROS_TOKEN) headers.authorization = `Bearer ${process.env.PHAROS_TOKEN}`;
  const response = await fetch(source, { method: 'POST', headers, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = await response.json().catch(() => ({}));
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || !sdl) fail(`${source} answered ${response.status} without an SDL: ${JSON.stringify(body.errors ?? body)}`);
  return sdl;
}

const args = process.argv.slice(2);
let out;
let check;
const subgraphs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = args[++i];
  else if (args[i] === '--check') check = args[++i];
  else {
    const [name, source] = args[i].split(/=(.*)/s);
    if (!name || !source) fail(`expected NAME=SOURCE, got "${args[i]}"`);
    subgraphs.push({ name, source });
  }
}
if (subgraphs.length === 0) fail('no subgraphs given');

const services = [];
for (const { name, source } of subgraphs) {
  const sdl = await sdlOf(source);
  let typeDefs;
  try {
    typeDefs = parse(sdl);
  } catch (e) {
    fail(`subgraph ${name} does not parse: ${e.message}`);
  }
  const url = process.env[`ROUTING_URL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`]
    ?? (/^https?:\/\//.test(source) ? source : `http://${name}:8080/graphql`); // Kubernetes Service of that name
  services.push({ name, typeDefs, url });
}

const result = composeServices(services);
if (compositionHasErrors(result)) {
  for (const error of result.errors) console.error(`- ${error.message}${error.extensions?.code ? ` [${error.extensions.code}]` : ''}`);
  fail(`${result.errors.length} error(s) composing ${services.map((s) => s.name).join(', ')}`);
}
const supergraph = result.supergraphSdl.trimEnd() + '\n';
if (out && existsSync(out)) {
  const breaking = breakingChanges(readFileSync(out, 'utf8'), supergraph);
  for (const change of breaking) console.error(`BREAKING: ${change.description}`);
  if (breaking.length && process.env.PHAROS_ALLOW_BREAKING_SCHEMA !== '1') {
    fail(`${breaking.length} breaking change(s) against ${out}; set PHAROS_ALLOW_BREAKING_SCHEMA=1 if clients are ready for them`);
  }
}
if (out) writeFileSync(out, supergraph);
if (check) {
  let current = '';
  try {
    current = readFileSync(check, 'utf8');
  } catch {
    fail(`${check} does not exist; run the composition with --out ${check}`);
  }
  if (current !== supergraph) fail(`${check} is stale: a subgraph schema changed; recompose it with --out ${check}`);
}
if (!out && !check) process.stdout.write(supergraph);
console.error(`composed ${services.map((s) => s.name).join(', ')}: ${supergraph.length} characters`);
