import assert from 'node:assert/strict';
import { test } from 'node:test';
import { needsDecoding, normalise } from './normalise.js';

test('clean parts come back as the same string', () => {
  const path = '/fr/voter/inscription';
  const query = 'lang=fr&utm_source=newsletter&utm_medium=email';
  assert.equal(needsDecoding(path, 'path'), false);
  assert.equal(needsDecoding(query, 'query'), false);
  assert.equal(normalise(query, 'query'), query);
});

test('percent-decoding repeats up to three times and keeps invalid escapes', () => {
  assert.equal(normalise('/a/..%252f..%252fetc/passwd', 'path'), '/a/../../etc/passwd');
  assert.equal(normalise('%2525252e', 'path'), '%2e');
  assert.equal(normalise('100%+sure%zz%4', 'query'), '100% sure%zz%4');
});

test('plus is a space in queries only, and a decoded %2B stays a plus', () => {
  assert.equal(normalise('q=union+select', 'query'), 'q=union select');
  assert.equal(normalise('/c++/x', 'path'), '/c++/x');
  assert.equal(normalise('q=a%2Bb', 'query'), 'q=a+b');
});

test('UTF-8 is decoded, overlong ASCII and look-alikes fold to ASCII', () => {
  assert.equal(normalise("q=l%27%C3%A9lection+O%27Brien", 'query'), "q=l'élection O'Brien");
  assert.equal(normalise('/%c0%ae%c0%ae/%c0%afetc', 'path'), '/../etc');
  assert.equal(normalise('/%e0%80%ae%e0%80%ae/', 'path'), '/../');
  assert.equal(normalise('/%uff0e%uff0e%u2215x', 'path'), '/../x');
  assert.equal(normalise('/\uff0e\uff0e/x', 'path'), '/../x');
  assert.equal(normalise('%ff%fe', 'query'), '\u00ff\u00fe');
});

test('HTML references, \\x escapes, nulls and backslashes', () => {
  assert.equal(normalise('q=%26lt;script%26gt;', 'query'), 'q=<script>');
  assert.equal(normalise('q=&#x27;&#39;&quot;&#60', 'query'), `q=''"<`);
  assert.equal(normalise('a=1&lang=fr&amp', 'query'), 'a=1&lang=fr&amp');
  assert.equal(normalise('\\x3cscript\\u003e', 'other'), '<script>');
  assert.equal(normalise('/a.php%00.jpg', 'path'), '/a.php.jpg');
  assert.equal(normalise('..\\..\\windows\\win.ini', 'path'), '../../windows/win.ini');
  assert.equal(normalise('a%09or%0b1', 'query'), 'a or 1');
});

test('long overlong forms of ASCII fold too', () => {
  assert.equal(normalise('/%f0%80%80%ae%f0%80%80%ae/%f8%80%80%80%afetc', 'path'), '/../etc');
  assert.equal(normalise('%fc%80%80%80%80%ae', 'path'), '.');
});

test('paths lose // and /./ but keep .. and the scheme of an embedded URL', () => {
  assert.equal(normalise('/a/.//.git/./config', 'path'), '/a/.git/config');
  assert.equal(normalise('/x/../../etc/passwd', 'path'), '/x/../../etc/passwd');
  assert.equal(normalise('/proxy/http://evil.example/', 'path'), '/proxy/http://evil.example/');
  assert.equal(needsDecoding('/a//b', 'path'), true);
});

test('quote look-alikes fold to quotes, and legacy references without ; decode', () => {
  assert.equal(normalise('1%E2%80%99 or %E2%80%981%E2%80%99=%E2%80%991', 'query'), "1' or '1'='1");
  assert.equal(normalise('&LT;b&gt', 'other'), '<b>');
  assert.equal(normalise('a=1&lt=2', 'query'), 'a=1&lt=2');
});
