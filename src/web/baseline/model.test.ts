import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { isVigieError } from '../../core/index.js';
import { corpus } from '../../testing/corpora.js';
import { requestToEvent, type RequestObject } from '../detect/scan-request.js';
import { learnBaseline } from './learn.js';
import { loadBaseline, saveBaseline } from './model.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-baseline-model-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const items = readFileSync(corpus('http/csic2010/normalTrafficTraining.jsonl'), 'utf8').split('\n').slice(0, 4_000)
  .map((l, i) => ({ event: requestToEvent(JSON.parse(l) as RequestObject), source: { file: 'csic', line: i + 1 } }));

test('a saved baseline loads back identical', async () => {
  const { model } = await learnBaseline(() => items, { clientsKnown: false });
  const file = join(dir, 'baseline.json');
  await saveBaseline(model, file);
  assert.deepEqual(await loadBaseline(file), model);
});

async function loadError(text: string): Promise<string> {
  const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  try {
    await loadBaseline(file);
  } catch (err) {
    assert.ok(isVigieError(err));
    assert.equal(err.message.split('\n').length, 1, 'one line');
    assert.ok(err.message.startsWith(file + ': '), 'names the file');
    return err.message;
  }
  assert.fail('a bad baseline file was accepted');
}

test('a corrupt, foreign or edited baseline is one clear error line', async () => {
  const { model } = await learnBaseline(() => items.slice(0, 500), { clientsKnown: false });
  assert.match(await loadError('{"format": "vigie-baseline", "vers'), /not a baseline file \(.*\); make one with vigie web learn$/);
  assert.match(await loadError(JSON.stringify({ ...model, version: 7 })), /baseline version 7 is not supported/);
  assert.match(await loadError(JSON.stringify({ ...model, extra: 1 })), /invalid baseline at \(top level\): .*extra/);
  const edited = structuredClone(model);
  (edited.endpoints[0] as { requests: unknown }).requests = 'many';
  assert.match(await loadError(JSON.stringify(edited)), /invalid baseline at endpoints\.0\.requests: /);
  await assert.rejects(loadBaseline(join(dir, 'missing.json')), /missing\.json: no such baseline file/);
});
