import assert from 'node:assert/strict';
import { test } from 'node:test';
import { xssKindEn } from '../../text/en.js';
import { scanHtml } from './html-scan.js';

test('tags that run script, handlers, script URLs and dangerous attributes are found', () => {
  const cases: Array<[string, RegExp]> = [
    ['<ScRiPt>x()</script>', /<script>/],
    ['<svg/onload=go()>', /event handler onload/],
    ['<img src=x oNeRrOr = "go()"', /event handler onerror/],
    ['<a href="jav\tascript:go()">x</a>', /script URL in href/],
    ['<iframe srcdoc="&lt;b&gt;">', /srcdoc|<iframe>/],
    ['<button formaction=javascript:go()>', /formaction|script URL/],
    ['<div style="width:expression(go())">', /style/],
    ['" autofocus onfocus="go()', /closes an HTML attribute/],
    ["';alert(1)//", /closes a script string/],
    ['javascript:go()', /script URL/],
    ['</title><b>', /<\/title>/],
    ['<b>hello</b>', /markup/],
  ];
  for (const [value, kind] of cases) {
    const m = scanHtml(value);
    assert.match(m === undefined ? 'nothing' : xssKindEn(m), kind, value);
  }
});

test('prose with < and script words is not flagged', () => {
  for (const value of [
    'if a < b then c', 'I <3 elections', 'x<5 and y>2', 'the script of the debate', 'Please confirm your address',
    'javascript developer jobs', "l'alerte (rouge)", 'onload time = 3s', 'Time: 10:30 (EST)', 'data: none',
  ]) {
    assert.equal(scanHtml(value), undefined, value);
  }
});
