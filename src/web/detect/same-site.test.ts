import assert from 'node:assert/strict';
import test from 'node:test';
import { hostName, refererHost, sameSite } from './same-site.js';

test('the host of a Referer and of a Host header, ports and case aside', () => {
  assert.equal(refererHost('https://Elections.CA:8443/fr/voter?x=1'), 'elections.ca');
  assert.equal(refererHost('http://user:pw@[2001:db8::1]/a'), '[2001:db8::1]');
  assert.equal(refererHost('/bin/bash -c x'), '');
  assert.equal(refererHost('-'), '');
  assert.equal(hostName('www.elections.ca:443'), 'www.elections.ca');
});

test('a page of the same site, a subdomain or a sibling under the same parent is the same site', () => {
  assert.ok(sameSite('myapp.com', 'https://myapp.com/previous-page'));
  assert.ok(sameSite('api.example.com', 'https://www.example.com/oauth'));
  assert.ok(sameSite('example.com', 'http://blog.example.com/'));
  assert.ok(!sameSite('localhost', 'https://localhost.attackersite.com/'), 'a host name inside another domain is that domain');
  assert.ok(!sameSite('example.com', 'https://attacker.com/'));
  assert.ok(!sameSite('', 'https://example.com/'), 'without a Host nothing says it is the same site');
  assert.ok(!sameSite('10.0.0.5', 'http://10.0.0.6/'));
});
