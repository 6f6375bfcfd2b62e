#!/usr/bin/env node
// Schema quality of the Pharos supergraph.
//
//   node schema-check.mjs lint [--baseline FILE] [--write-baseline] NAME=FILE ...
//       Composes the subgraph files and checks the public API: names (PascalCase types without
//       underscores or doubled suffixes, camelCase fields and arguments, UPPER_SNAKE enum values),
//       a description on every type and field, Relay connections (edges/node/cursor/pageInfo,
//       first/after), and enums shared by several subgraphs having the same values everywhere.
//       Known gaps live in the baseline; a new violation fails, and so does a baseline entry that
//       no longer occurs (so the baseline only shrinks).
//   node schema-check.mjs diff OLD_SUPERGRAPH NEW_SUPERGRAPH
//       Lists the changes of the public API that break existing clients (graphql-js
//       findBreakingChanges; dangerous ones are listed too) and exits 1 when there is one.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import {
  parse, buildSchema, findBreakingChanges, findDangerousChanges, isObjectType, isInterfaceType, isInputObjectType,
  isEnumType, isIntrospectionType, isSpecifiedScalarType, getNamedType, isListType, getNullableType, Kind,
} from 'graphql';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { publicSchemaOf } from './schema-api.mjs';

function fail(message) {
  console.error(message);
  process.exit(1);
}

function lintSchema(schema, subgraphEnums) {
  const problems = [];
  const add = (key, message) => problems.push({ key, message });
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    const name = type.name;
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) add(`name:${name}`, `type ${name}: names are PascalCase without underscores`);
    if (/(Input){2}$|(Connection){2}$|(Edge){2}$/.test(name)) add(`name:${name}`, `type ${name}: doubled suffix`);
    if (!type.description) add(`description:${name}`, `type ${name} has no description`);
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(value.name)) add(`name:${name}.${value.name}`, `enum value ${name}.${value.name}: UPPER_SNAKE`);
      }
      const seen = subgraphEnums.get(name);
      if (seen && new Set([...seen.values()].map((v) => v.join(','))).size > 1) {
        add(`enum:${name}`, `enum ${name} differs between subgraphs: ${[...seen.entries()].map(([s, v]) => `${s} [${v.join(' ')}]`).join('; ')}`);
      }
    }
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const where = `${name}.${field.name}`;
      if (!/^[a-z][A-Za-z0-9]*$/.test(field.name)) add(`name:${where}`, `field ${where}: camelCase`);
      if (!field.description) add(`description:${where}`, `field ${where} has no description`);
      for (const arg of field.args ?? []) {
        if (!/^[a-z][A-Za-z0-9]*$/.test(arg.name)) add(`name:${where}(${arg.name})`, `argument ${where}(${arg.name}): camelCase`);
      }
      if (isInputObjectType(type) || name === 'Subscription') continue;
      const returned = getNamedType(field.type);
      const argNames = (field.args ?? []).map((a) => a.name);
      if (returned.name.endsWith('Connection')) {
        if (!argNames.includes('first') || !argNames.includes('after')) {
          add(`relay:${where}`, `field ${where} returns a connection without first/after arguments`);
        }
        const fields = isObjectType(returned) ? returned.getFields() : {};
        const edges = fields.edges && getNamedType(fields.edges.type);
        if (!edges || !fields.pageInfo || getNamedType(fields.pageInfo.type).name !== 'PageInfo' || !edges.getFields?.().node
          || !edges.getFields?.().cursor) {
          add(`relay:${returned.name}`, `type ${returned.name} is no Relay connection (edges { node cursor }, pageInfo: PageInfo)`);
        }
      } else if (isListType(getNullableType(field.type)) && argNames.includes('first')) {
        add(`relay:${where}`, `field ${where} pages with "first" but returns a plain list: make it a connection`);
      }
    }
  }
  return problems;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'diff') {
  const [oldFile, newFile] = rest;
  if (!oldFile || !newFile) fail('usage: schema-check.mjs diff OLD_SUPERGRAPH NEW_SUPERGRAPH');
  const before = publicSchemaOf(readFileSync(oldFile, 'utf8'));
  const after = publicSchemaOf(readFileSync(newFile, 'utf8'));
  const breaking = findBreakingChanges(before, after);
  const dangerous = findDangerousChanges(before, after);
  for (const c of dangerous) console.error(`dangerous: ${c.description}`);
  for (const c of breaking) console.error(`BREAKING: ${c.description}`);
  if (breaking.length) fail(`${breaking.length} breaking change(s) of the public API`);
  console.error(`no breaking change (${dangerous.length} dangerous)`);
} else if (command === 'lint') {
  let baselineFile;
  let writeBaseline = false;
  const sources = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--baseline') baselineFile = rest[++i];
    else if (rest[i] === '--write-baseline') writeBaseline = true;
    else sources.push(rest[i].split(/=(.*)/s));
  }
  const services = sources.map(([name, file]) => ({ name, typeDefs: parse(readFileSync(file, 'utf8')), url: `http://${name}:8080/graphql` }));
  const result = composeServices(services);
  if (compositionHasErrors(result)) fail(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  // each enum as each subgraph declares it
  const subgraphEnums = new Map();
  for (const s of services) {
    for (const d of s.typeDefs.definitions) {
      if (d.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
      if (!subgraphEnums.has(d.name.value)) subgraphEnums.set(d.name.value, new Map());
      subgraphEnums.get(d.name.value).set(s.name, (d.values ?? []).map((v) => v.name.value).sort());
    }
  }
  const problems = lintSchema(buildSchema(result.publicSdl, { assumeValidSDL: true }), subgraphEnums);
  const keys = [...new Set(problems.map((p) => p.key))].sort();
  if (writeBaseline) {
    writeFileSync(baselineFile, `# Known schema-lint gaps (node schema-check.mjs lint): fix one, then delete its line.\n${keys.join('\n')}\n`);
    console.error(`${keys.length} known gap(s) written to ${baselineFile}`);
    process.exit(0);
  }
  const known = new Set(baselineFile && existsSync(baselineFile)
    ? readFileSync(baselineFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : []);
  const fresh = problems.filter((p) => !known.has(p.key));
  const fixed = [...known].filter((k) => !keys.includes(k));
  for (const p of fresh) console.error(`- ${p.message}`);
  for (const k of fixed) console.error(`- fixed, delete from the baseline: ${k}`);
  if (fresh.length || fixed.length) fail(`schema lint: ${fresh.length} new problem(s), ${fixed.length} stale baseline entr(y/ies)`);
  console.error(`schema lint: no new problem (${known.size} known gaps in the baseline)`);
} else {
  fail('usage: schema-check.mjs lint|diff …');
}
