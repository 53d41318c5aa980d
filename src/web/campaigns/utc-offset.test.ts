import assert from 'node:assert/strict';
import test from 'node:test';
import { estimateUtcOffset } from './utc-offset.js';

/** Requests spread evenly over local hours [from, to) of an operator at `offset`, as UTC bins. */
function workday(offset: number, from: number, to: number, perHour: number): number[] {
  const hours = new Array<number>(24).fill(0);
  for (let local = from; local < to; local++) hours[(((local - offset) % 24) + 24) % 24]! += perHour;
  return hours;
}

test('an office day 09:00–18:00 at UTC+8 reads as UTC+8, with reasons in UTC', () => {
  const e = estimateUtcOffset(workday(8, 9, 18, 60), 5);
  assert.equal(e.utcOffsetHours, 8);
  assert.deepEqual(e.windowUtc, [1, 10]);
  assert.match(e.reason, /active 01:00–10:00 UTC on 5 days .* matching 09:00–18:00 at UTC\+8/);
  assert.equal(e.reasonFr, 'activité de 1 h à 10 h UTC sur 5 jours (100\u00a0% des 540 requêtes), soit une journée de 9 h à 18 h au fuseau UTC+8');
  assert.ok(e.confidence > 0.6, `confidence ${e.confidence}`);
});

test('western offsets come out negative', () => {
  assert.equal(estimateUtcOffset(workday(-4, 9, 18, 30), 3).utcOffsetHours, -4);
  assert.equal(estimateUtcOffset(workday(-7, 9, 18, 30), 3).utcOffsetHours, -7);
  assert.equal(estimateUtcOffset(workday(5, 9, 18, 30), 3).utcOffsetHours, 5);
});

test('a little noise outside the day does not move the estimate', () => {
  const hours = workday(3, 9, 18, 50);
  hours[20] = 4;
  hours[23] = 3;
  const e = estimateUtcOffset(hours, 4);
  assert.equal(e.utcOffsetHours, 3);
});

test('round-the-clock activity gives no offset', () => {
  const e = estimateUtcOffset(new Array<number>(24).fill(20), 5);
  assert.equal(e.utcOffsetHours, null);
  assert.equal(e.confidence, 0);
  assert.match(e.reason, /around the clock/);
  assert.match(e.reasonFr, /^activité à toute heure \(au plus 38\u00a0% des 480 requêtes sur 9 heures\)\u00a0: /);
});

test('a 45-minute burst gives no offset: it fits any working day', () => {
  const hours = new Array<number>(24).fill(0);
  hours[17] = 400;
  const e = estimateUtcOffset(hours, 1);
  assert.equal(e.utcOffsetHours, null);
  assert.match(e.reason, /active only 1 hour of the day: too short/);
});

test('too few requests give no offset', () => {
  const e = estimateUtcOffset(workday(8, 9, 18, 2), 1);
  assert.equal(e.utcOffsetHours, null);
  assert.match(e.reason, /too few/);
});

test('confidence grows with days and requests', () => {
  const oneDay = estimateUtcOffset(workday(8, 9, 18, 10), 1).confidence;
  const fiveDays = estimateUtcOffset(workday(8, 9, 18, 60), 5).confidence;
  assert.ok(oneDay > 0 && oneDay < fiveDays, `${oneDay} < ${fiveDays}`);
});
