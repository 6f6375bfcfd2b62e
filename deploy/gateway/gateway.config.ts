// Hive Gateway configuration for Pharos (local runtime and the Kubernetes image).
// The supergraph is composed from the checked-in subgraph schemas (compose.mjs); locally
// ./pharos composes it with localhost routing URLs into .pharos/run/supergraph.graphql.
import { defineConfig } from '@graphql-hive/gateway';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';

const production = process.env.NODE_ENV === 'production';

// the request size cap: a GraphQL document with its variables never needs more (a ticket's
// reply HTML is the largest legitimate input); bigger bodies are refused before they are read
const maxRequestBytes = Number(process.env.GATEWAY_MAX_REQUEST_BYTES ?? 512 * 1024);

function refuse(fetchAPI: typeof globalThis, status: number, code: string, message: string) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const requestSizeCap = {
  onRequest({ request, fetchAPI, endResponse }: any) {
    if (request.method !== 'POST') return;
    const length = request.headers.get('content-length');
    if (length === null) {
      // without a declared length the body could be any size: browsers and HTTP clients declare it
      endResponse(refuse(fetchAPI, 411, 'LENGTH_REQUIRED', 'A POST to the gateway must declare its Content-Length'));
    } else if (Number(length) > maxRequestBytes) {
      endResponse(refuse(fetchAPI, 413, 'REQUEST_TOO_LARGE', `The request body is larger than ${maxRequestBytes} bytes`));
    }
  },
};

export const gatewayConfig = defineConfig({
  supergraph: process.env.PHAROS_SUPERGRAPH ?? './supergraph.graphql',
  port: Number(process.env.PORT ?? 4000),
  // every subgraph checks the caller's Keycloak token itself: pass it on, and nothing else
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  // subscriptions (ticketChanged, liveCountersChanged) go to the subgraphs over graphql-ws, with the
  // caller's token on the upgrade request: from the client's own upgrade request, or from its
  // connection_init payload ({ "authorization": "Bearer …" }, what a browser can send), which the
  // gateway merges into the headers. One subgraph connection per token, so callers never share one.
  transportEntries: {
    '*.http': {
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          headers: [['authorization', '{context.headers.authorization}']],
        },
      },
    },
  },
  plugins: () => [
    requestSizeCap,
    // graphql-armor, as the gateway's own maxDepth/maxTokens: aliases (one request fanning out into
    // many) and cost (fields weighted by their depth: wide and deep documents) are refused before planning
    maxAliasesPlugin({ n: 30 }),
    costLimitPlugin({ maxCost: 5000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true }),
  ],
  // abuse limits: deep or huge documents are refused before planning
  maxDepth: 12,
  maxTokens: 2000,
  blockFieldSuggestions: production,
  disableIntrospection: production ? { disableIf: () => true } : undefined,
  graphiql: !production,
  logging: process.env.GATEWAY_LOG_LEVEL ?? 'info',
});
