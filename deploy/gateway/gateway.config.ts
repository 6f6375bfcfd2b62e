// Hive Gateway configuration for Pharos (local runtime and the Kubernetes image).
// The supergraph is composed from the checked-in subgraph schemas (compose.mjs); locally
// ./pharos composes it with localhost routing URLs into .pharos/run/supergraph.graphql.
import { defineConfig } from '@graphql-hive/gateway';

const production = process.env.NODE_ENV === 'production';

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
  // abuse limits: deep or huge documents are refused before planning
  maxDepth: 12,
  maxTokens: 2000,
  maxAliases: 30,
  blockFieldSuggestions: production,
  disableIntrospection: production ? { disableIf: () => true } : undefined,
  graphiql: !production,
  logging: process.env.GATEWAY_LOG_LEVEL ?? 'info',
});
