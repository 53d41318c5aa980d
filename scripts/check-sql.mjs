#!/usr/bin/env node
// SQL lives in repositories (DESIGN.md: "A module's SQL lives in its repository ... nothing else
// writes SQL against its tables"). This check fails when a source file outside the places that
// may hold SQL contains a SQL statement in a string: src/<module>/repository.ts or
// src/<module>/repository/, src/<module>/migrations.ts, src/report/queries/, and src/store/ (the generic store). Tests may
// hold SQL (they check what was stored). It also fails on `DuckDbStore.open` outside src/store/:
// openStore is the one way to open the database.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ALLOWED = [/^src\/[a-z]+\/repository(\.ts|\/)/, /^src\/[a-z]+\/migrations\.ts$/, /^src\/report\/queries\//, /^src\/store\//];
// A statement's start inside a string literal: the keyword, then what such a statement has next.
const SQL = /(['"`])\s*(SELECT\s[\s\S]{0,200}?\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW|INDEX|SEQUENCE)\s|ALTER\s+TABLE\s|DROP\s+TABLE\s|WITH\s+\w+\s+AS\s*\()/i;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const offenders = [];
for (const file of walk(join(root, 'src'), [])) {
  const rel = relative(root, file);
  if (ALLOWED.some((re) => re.test(rel))) continue;
  const text = readFileSync(file, 'utf8');
  const m = SQL.exec(text);
  if (m) offenders.push(`${rel}:${text.slice(0, m.index).split('\n').length}: ${m[2].trim().split(/\s+/).slice(0, 3).join(' ')}...`);
}
// openStore (src/store/open-store.ts) is the one way to open the database (issue 13): the
// DuckDB implementation is never opened directly above the store.
const directOpens = [];
for (const file of walk(join(root, 'src'), [])) {
  const rel = relative(root, file);
  if (rel.startsWith('src/store/')) continue;
  const text = readFileSync(file, 'utf8');
  const at = text.search(/DuckDbStore\s*\.\s*open\b/);
  if (at >= 0) directOpens.push(`${rel}:${text.slice(0, at).split('\n').length}`);
}
if (directOpens.length > 0) {
  console.error(`check-sql: DuckDbStore.open outside the store (use openStore):\n  ${directOpens.join('\n  ')}`);
  process.exit(1);
}
if (offenders.length > 0) {
  console.error(`check-sql: SQL outside a repository (move it into the module's repository.ts, or report/queries):\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.log('check-sql: no SQL outside repositories, no DuckDbStore.open outside the store');
