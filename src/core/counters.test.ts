import assert from 'node:assert/strict';
import test from 'node:test';
import { PipelineCounters } from './counters.js';

test('stages count what they received, emitted, dropped and failed on, and their time', async () => {
  const counters = new PipelineCounters();
  const heard: string[] = [];
  counters.onAdd((stage) => heard.push(stage));
  await counters.time('ingest', async () => counters.add('ingest', { received: 10, emitted: 8, dropped: 2 }));
  counters.add('ingest', { received: 5, emitted: 5 });
  await assert.rejects(counters.time('origins', async () => {
    throw new Error('data file unreadable');
  }), /unreadable/);
  const json = counters.toJSON();
  assert.deepEqual(Object.keys(json), ['ingest', 'origins']);
  assert.deepEqual({ ...json.ingest, seconds: 0 }, { received: 15, emitted: 13, dropped: 2, errors: 0, seconds: 0 });
  assert.equal(json.origins!.errors, 1);
  assert.ok(json.ingest!.seconds >= 0 && json.origins!.seconds >= 0);
  assert.ok(heard.includes('origins'));
});
