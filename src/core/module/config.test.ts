import assert from 'node:assert/strict';
import test from 'node:test';
import { z } from 'zod';
import { configSchema, resolveConfig } from './config.js';

const WEB = z.strictObject({
  behaviour_every_secs: z.number().int().min(1).default(60),
  no_geo: z.boolean().default(false),
});
const schema = configSchema({ web: WEB });

test('each setting comes from its flag, else its environment variable, else the file, else the default, and says which', () => {
  const config = resolveConfig(schema, {
    flags: { db_path: 'flag.duckdb' },
    env: { VIGIE_DB_PATH: 'env.duckdb', VIGIE_WEB_BEHAVIOUR_EVERY_SECS: '30', VIGIE_CORPORA: '/elsewhere' },
    file: { path: 'vigie.yaml', values: { home_country: 'FR', web: { behaviour_every_secs: 90, no_geo: true } } },
  });
  assert.equal(config.get('db_path'), 'flag.duckdb');
  assert.equal(config.get('web.behaviour_every_secs'), 30);
  assert.equal(config.get('home_country'), 'FR');
  assert.equal(config.get('web.no_geo'), true);
  assert.deepEqual(config.sources, { db_path: 'flag', home_country: 'file', 'web.behaviour_every_secs': 'env', 'web.no_geo': 'file' });
  const defaults = resolveConfig(schema, {});
  assert.equal(defaults.get('db_path'), './vigie.duckdb');
  assert.equal(defaults.get('web.behaviour_every_secs'), 60);
  assert.equal(defaults.sources['home_country'], 'default');
});

test('an invalid or unknown setting is one error naming the key and where it came from', () => {
  assert.throws(() => resolveConfig(schema, { env: { VIGIE_WEB_BEHAVIOUR_EVERY_SECS: 'soon' } }), /VIGIE_WEB_BEHAVIOUR_EVERY_SECS: expected a number, got 'soon'/);
  assert.throws(() => resolveConfig(schema, { env: { VIGIE_WEB_BEHAVIOUR_EVERY_SECS: '0' } }), /web\.behaviour_every_secs: .*from VIGIE_WEB_BEHAVIOUR_EVERY_SECS/);
  assert.throws(() => resolveConfig(schema, { file: { path: 'site.yaml', values: { web: { behavior_every_secs: 5 } } } }), /web\.behavior_every_secs: unknown setting \(in site\.yaml\)/);
  assert.throws(() => resolveConfig(schema, { file: { path: 'site.yaml', values: { home_country: 'Canada' } } }), /home_country: .*two-letter.*\(in site\.yaml\)/);
  assert.throws(() => resolveConfig(schema, { file: { path: 'site.yaml', values: ['a'] } }), /site\.yaml: expected a mapping/);
});
