import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Decode, jsUnescape, shellUnescape, textView } from './text-views.js';

test('shell quoting tricks are undone so the command name reads plainly', () => {
  assert.equal(shellUnescape("w'h'o\"am\"i"), 'whoami');
  assert.equal(shellUnescape('c\\a\\t /etc/hosts'), 'cat /etc/hosts');
  assert.equal(shellUnescape('cu$@rl x; uname$u -a'), 'curl x; uname -a');
  assert.equal(shellUnescape('cat${IFS}/etc/hosts'), 'cat /etc/hosts');
  assert.equal(shellUnescape('plain text stays'), 'plain text stays');
});

test('JavaScript escapes are read', () => {
  assert.equal(jsUnescape('c\\u006fnsole.\\x6cog(1)'), 'console.log(1)');
  assert.equal(jsUnescape('no escapes'), 'no escapes');
});

test('base64 runs that decode to text are appended; ids and words are not', () => {
  assert.equal(base64Decode('v=cHJvY2Vzcy5lbnY='), 'v=cHJvY2Vzcy5lbnY=\nprocess.env');
  assert.equal(base64Decode('session=9f8e7d6c5b4a39281706f5e4'), 'session=9f8e7d6c5b4a39281706f5e4');
  assert.equal(base64Decode('internationalisation'), 'internationalisation');
});

test('transforms compose in the order a rule lists them', () => {
  const view = textView(['js_unescape', 'base64_decode']);
  assert.ok(view?.('\\u0063HJvY2Vzcy5lbnY=').endsWith('\nprocess.env'));
  assert.equal(textView(undefined), undefined);
});
