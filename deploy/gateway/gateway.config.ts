// Hive Gateway configuration for Pharos (local runtime and the Kubernetes image).
// The supergraph is composed from the checked-in subgraph schemas (compose.mjs); locally
// ./pharos composes it with localhost routing URLs into .pharos/run/supergraph.graphql.
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { createRemoteJwksSigningKeyProvider, defineConfig } from '@graphql-hive/gateway';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import {
  GraphQLError, Kind, getNamedType, getNullableType, isListType,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';

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

// --- query limits: the numbers every subgraph applies itself (commons graphql/QueryLimits,
// pharos.graphql.*), here on whole client documents, so a fan-out is refused before planning and
// nothing the gateway lets through is refused by a subgraph. A field costs how often it would
// resolve: a field with first/last/limit counts that many items (its schema default when left out),
// the list right below it (a connection's edges) nothing more, any other list 10 items; nested
// lists multiply. Introspection below __schema/__type is exempt (it never reaches a subgraph).
const limits = {
  maxDepth: Number(process.env.GATEWAY_MAX_DEPTH ?? 10),
  maxRootFields: Number(process.env.GATEWAY_MAX_ROOT_FIELDS ?? 50),
  maxCost: Number(process.env.GATEWAY_MAX_COST ?? 10_000),
  maxPageSize: Number(process.env.GATEWAY_MAX_PAGE_SIZE ?? 100),
  defaultListSize: 10,
};
const pageArguments = new Set(['first', 'last', 'limit']);

class LimitError extends GraphQLError {
  constructor(code: string, message: string) {
    super(message, { extensions: { code } });
  }
}

// shapeOnly: depth and root fields, which need no variables (checked before validation)
function checkQueryLimits(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined,
    variables: Record<string, unknown>, shapeOnly = false) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  for (const operation of operations) {
    if (!shapeOnly && operationName && operation.name?.value !== operationName) continue;
    checkOperation(operation);
  }

  function checkOperation(operation: OperationDefinitionNode) {
    const root = operation.operation === 'mutation' ? schema.getMutationType()
      : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    const onPath = new Set<string>();
    let cost = 0;
    let rootFields = 0;

    const numberOf = (value: any): number | undefined => {
      if (value?.kind === Kind.INT) return Number(value.value);
      if (value?.kind === Kind.VARIABLE && typeof variables[value.name.value] === 'number') return variables[value.name.value] as number;
      return undefined;
    };
    const pageSize = (field: any, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
      let size: number | undefined;
      for (const argument of field.arguments ?? []) {
        if (!pageArguments.has(argument.name.value)) continue;
        const given = numberOf(argument.value)
          ?? (definition?.args.find((a) => a.name === argument.name.value)?.defaultValue as number | undefined)
          ?? limits.defaultListSize;
        size = Math.max(size ?? 0, given);
      }
      if (size === undefined && definition) {
        for (const a of definition.args) {
          if (pageArguments.has(a.name)) size = Math.max(size ?? 0, (a.defaultValue as number | undefined) ?? limits.defaultListSize);
        }
      }
      if (size !== undefined && size > limits.maxPageSize) {
        throw new LimitError('PAGE_TOO_LARGE', `A page of ${size} items is asked for; at most ${limits.maxPageSize} are allowed`);
      }
      return size === undefined ? undefined : Math.max(1, size);
    };

    const walk = (set: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined, depth: number, multiplier: number,
        paged: boolean) => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parent;
          walk(selection.selectionSet, type, depth, multiplier, paged);
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          if (fragment && !onPath.has(fragment.name.value)) {
            onPath.add(fragment.name.value);
            walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, depth, multiplier, paged);
            onPath.delete(fragment.name.value);
          }
          continue;
        }
        const name = selection.name.value;
        if (depth === 0 && ++rootFields > limits.maxRootFields) {
          throw new LimitError('TOO_MANY_ROOT_FIELDS', `The operation asks for more than ${limits.maxRootFields} root fields`);
        }
        if (depth + 1 > limits.maxDepth) {
          throw new LimitError('QUERY_TOO_DEEP', `The document nests fields ${depth + 1} deep or more; at most ${limits.maxDepth} levels are allowed`);
        }
        const introspection = name === '__schema' || name === '__type';
        if (shapeOnly) {
          if (!introspection) walk(selection.selectionSet, undefined, depth + 1, 1, false);
          continue;
        }
        cost += multiplier;
        if (cost > limits.maxCost) {
          throw new LimitError('QUERY_TOO_COSTLY', `The query would resolve more than ${limits.maxCost} fields (lists count by their`
            + ' page size, nested lists multiply); ask for smaller pages or fewer nested lists');
        }
        if (introspection) continue;
        const definition = parent && 'getFields' in parent ? (parent as any).getFields()[name] as GraphQLField<unknown, unknown> : undefined;
        const list = definition !== undefined && isListType(getNullableType(definition.type));
        const size = pageSize(selection, definition);
        const below = size !== undefined ? multiplier * size
          : list && !paged ? multiplier * limits.defaultListSize : multiplier;
        walk(selection.selectionSet, definition ? getNamedType(definition.type) : undefined, depth + 1, below, size !== undefined && !list);
      }
    };
    walk(operation.selectionSet, root ?? undefined, 0, 1, false);
  }
}

const queryLimits = {
  // depth and root fields before validation (graphql-js validation of a hostile document costs too)
  onValidate({ params, setResult }: any) {
    try {
      checkQueryLimits(params.schema, params.documentAST, undefined, {}, true);
    } catch (e) {
      if (!(e instanceof LimitError)) throw e;
      setResult([e]);
    }
  },
  // page sizes and cost with the request's variables, before anything is planned or fetched
  onExecute({ args, setResultAndStopExecution }: any) {
    try {
      checkQueryLimits(args.schema, args.document, args.operationName, args.variableValues ?? {});
    } catch (e) {
      if (!(e instanceof LimitError)) throw e;
      setResultAndStopExecution({ errors: [e] });
    }
  },
};

// --- bearer tokens: every subgraph checks the caller's token itself, but a token they refuse came
// back from the gateway as 200 "Unexpected error". The gateway now checks a presented token first
// (signature by the realm's keys, issuer, audience, expiry) and answers 401 UNAUTHENTICATED; a
// request without a token goes on (public fields; the subgraphs decide). OIDC_AUTH_SERVER_URL is the
// realm, as the services have it.
const realm = (process.env.OIDC_AUTH_SERVER_URL ?? 'http://localhost:8180/realms/pharos').replace(/\/$/, '');
const audience = process.env.OIDC_AUDIENCE ?? 'pharos-api';
const signingKey = createRemoteJwksSigningKeyProvider({
  jwksUri: `${realm}/protocol/openid-connect/certs`, cache: true, rateLimit: true, jwksRequestsPerMinute: 10,
});

class Unauthenticated extends Error {}

async function verifyBearer(token: string) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Unauthenticated('not a JWT');
  let header: any;
  let claims: any;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new Unauthenticated('not a JWT');
  }
  if (header?.alg !== 'RS256' || typeof header.kid !== 'string') throw new Unauthenticated('unsupported algorithm');
  let pem: string;
  try {
    pem = await signingKey(header.kid);
  } catch (e: any) {
    if (e?.name === 'SigningKeyNotFoundError') throw new Unauthenticated('unknown key');
    throw e; // the realm cannot be reached: not the caller's fault
  }
  const signed = verifySignature('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(pem),
    Buffer.from(parts[2], 'base64url'));
  const now = Date.now() / 1000;
  const audiences = Array.isArray(claims?.aud) ? claims.aud : [claims?.aud];
  if (!signed || claims?.iss !== realm || !audiences.includes(audience)
      || typeof claims.exp !== 'number' || claims.exp + 30 < now || (typeof claims.nbf === 'number' && claims.nbf - 30 > now)) {
    throw new Unauthenticated('invalid token');
  }
}

const bearerCheck = {
  onRequest({ request, fetchAPI, endResponse }: any) {
    const authorization = request.headers.get('authorization');
    if (authorization === null || !new URL(request.url).pathname.endsWith('/graphql')) return;
    const unauthenticated = () => {
      const response = refuse(fetchAPI, 401, 'UNAUTHENTICATED', 'The bearer token is missing, malformed, expired or not issued by this realm');
      response.headers.set('www-authenticate', 'Bearer error="invalid_token"');
      endResponse(response);
    };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return unauthenticated();
    return verifyBearer(match[1]).catch((e) => {
      if (e instanceof Unauthenticated) return unauthenticated();
      endResponse(refuse(fetchAPI, 503, 'AUTHENTICATION_UNAVAILABLE', 'The token cannot be checked now; try again shortly'));
    });
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
    bearerCheck,
    // graphql-armor, as the gateway's own maxDepth/maxTokens: aliases (one request fanning out into
    // many) are refused before planning; depth, root fields, page sizes and the list-weighted cost
    // (queryLimits above) before execution, with the request's variables
    maxAliasesPlugin({ n: 30 }),
    queryLimits,
  ],
  // abuse limits: huge documents are refused before planning (depth: queryLimits, with extensions.code)
  maxTokens: 2000,
  blockFieldSuggestions: production,
  disableIntrospection: production ? { disableIf: () => true } : undefined,
  graphiql: !production,
  logging: process.env.GATEWAY_LOG_LEVEL ?? 'info',
});
