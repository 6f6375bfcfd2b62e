// The public API of a composed supergraph, for comparing versions (compose.mjs, schema-check.mjs).
import { parse, buildASTSchema, findBreakingChanges, Kind } from 'graphql';

/** The public API of a supergraph SDL: everything but federation's own join__/link__ machinery. */
export function publicSchemaOf(supergraphSdl) {
  const definitions = parse(supergraphSdl, { noLocation: true }).definitions
    .filter((d) => !(d.name && INTERNAL.test(d.name.value)))
    .filter((d) => d.kind !== Kind.SCHEMA_DEFINITION && d.kind !== Kind.SCHEMA_EXTENSION)
    .map(stripDirectives);
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions }, { assumeValidSDL: true });
}

const INTERNAL = /^(join__|link__|link$|inaccessible$|tag$)/;

function stripDirectives(node) {
  if (Array.isArray(node)) return node.map(stripDirectives);
  if (node && typeof node === 'object') {
    const copy = {};
    for (const [k, v] of Object.entries(node)) {
      copy[k] = k === 'directives' ? (v ?? []).filter((d) => !INTERNAL.test(d.name.value)) : stripDirectives(v);
    }
    return copy;
  }
  return node;
}

/** The changes from one supergraph SDL to another that break existing clients (graphql-js). */
export function breakingChanges(beforeSdl, afterSdl) {
  return findBreakingChanges(publicSchemaOf(beforeSdl), publicSchemaOf(afterSdl));
}
