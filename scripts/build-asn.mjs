#!/usr/bin/env node
// Compiles @ip-location-db/asn's CSVs into data/geo/asn.bin, the compact lookup file vigie's geo
// module binary-searches at run time. Run by `npm run prepare` after `tsc` (it uses the compiled
// compiler in dist/), so the file is rebuilt whenever the package is installed or updated.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { compileAsn } from '../dist/src/geo/asn-table.js';

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('@ip-location-db/asn/package.json');
const pkgDir = dirname(pkgJson);
const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
// Versions are 2.3.YYYYMMDDHH: the date the data was built.
const m = /\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(version);
const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '1970-01-01';

const started = Date.now();
const bytes = compileAsn(
  readFileSync(resolve(pkgDir, 'asn-ipv4-num.csv'), 'utf8'),
  readFileSync(resolve(pkgDir, 'asn-ipv6-num.csv'), 'utf8'),
  { date, source: `@ip-location-db/asn@${version} (RouteViews, NRO, DB-IP; CC BY 4.0)` },
);
const out = resolve(process.cwd(), 'data/geo/asn.bin');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`build-asn: ${out} (${(bytes.length / 1e6).toFixed(1)} MB, data of ${date}) in ${Date.now() - started} ms`);
