import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { FollowClock, readBytes, type FollowEnd, type FollowPolicy } from './byte-source.js';
import { expandInputs } from './inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-byte-source-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A clock the test moves by hand, counting how often the readers look at it: a reader at the
 * end of its file looks once a poll, so "looked N more times" is "checked N more times", on a
 * busy machine or not.
 */
function handClock(): { clock: FollowClock; set: (ms: number) => void; looks: () => number } {
  let now = 0;
  let looks = 0;
  const clock = new FollowClock(() => {
    looks++;
    return now;
  });
  return { clock, set: (ms) => (now = ms), looks: () => looks };
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}

/** Reads a followed file to its end (its content is dropped) and resolves with why it stopped. */
async function follow(path: string, policy: FollowPolicy): Promise<FollowEnd> {
  const [input] = await expandInputs([path]);
  const bytes = readBytes(input!, 0, policy);
  for (;;) {
    const next = await bytes.next();
    if (next.done) return next.value;
  }
}

test('the idle timeout counts from the last lines on any followed path: a quiet log keeps being followed while another one grows', async () => {
  const quiet = join(dir, 'quiet.log');
  const busy = join(dir, 'busy.log');
  writeFileSync(quiet, 'a\n');
  writeFileSync(busy, 'b\n');
  const { clock, set, looks } = handClock();
  const policy = (): FollowPolicy => ({ follow: true, pollMs: 1, idleTimeoutMs: 1000, clock, signal: undefined, onIdle: async () => undefined });
  let quietEnd: FollowEnd | undefined;
  let busyEnd: FollowEnd | undefined;
  void follow(quiet, policy()).then((e) => (quietEnd = e));
  void follow(busy, policy()).then((e) => (busyEnd = e));
  // Both were read at 0 s. The busy log gets a line at 0.9 s; at 1.5 s the quiet log has been
  // silent for more than its timeout, but the busy one spoke 0.6 s ago: both keep following.
  set(900);
  appendFileSync(busy, 'b\n');
  const seen = looks();
  await until(() => looks() > seen + 20);
  set(1500);
  const later = looks();
  await until(() => looks() > later + 20);
  assert.equal(quietEnd, undefined, 'the quiet log is still followed 1.5 s after its last line, 0.6 s after the busy one');
  assert.equal(busyEnd, undefined);
  // A full second after the busy log's last line, both stop.
  set(1900);
  await until(() => quietEnd !== undefined && busyEnd !== undefined);
  assert.equal(quietEnd, 'idle');
  assert.equal(busyEnd, 'idle');
});

test('no idle timeout (0): a follower never stops for silence, only when asked', async () => {
  const file = join(dir, 'forever.log');
  writeFileSync(file, 'x\n');
  const { clock, set, looks } = handClock();
  const stop = new AbortController();
  let end: FollowEnd | undefined;
  void follow(file, { follow: true, pollMs: 1, idleTimeoutMs: 0, clock, signal: stop.signal, onIdle: async () => undefined }).then((e) => (end = e));
  set(86_400_000);
  const seen = looks();
  await until(() => looks() > seen + 20);
  assert.equal(end, undefined);
  stop.abort();
  await until(() => end !== undefined);
  assert.equal(end, 'stopped');
});
