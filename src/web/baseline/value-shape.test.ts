import assert from 'node:assert/strict';
import test from 'node:test';
import { charClasses, decodeValue, TYPE_BITS, typeMask } from './value-shape.js';

test('values are decoded as the application reads them, Latin-1 escapes included', () => {
  assert.equal(decodeValue('Jam%F3n+Ib%E9rico'), 'Jamón Ibérico');
  assert.equal(decodeValue('l%27%C3%A9lection'), "l'élection");
  assert.equal(decodeValue('100%'), '100%');
  assert.equal(decodeValue('%2527'), '%27', 'one pass only: a double-encoded quote stays visible as %27');
});

test('types nest: a number is a token and text; an injected number is only text', () => {
  const has = (v: string, t: keyof typeof TYPE_BITS): boolean => (typeMask(v) & TYPE_BITS[t]) !== 0;
  assert.ok(has('85', 'numeric') && has('85', 'token') && has('85', 'text'));
  assert.ok(!has("85'; DROP TABLE", 'numeric') && !has("85'; DROP TABLE", 'token'));
  assert.ok(has('Añadir', 'alpha'));
  assert.ok(has('29283698Y', 'token') && !has('29283698Y', 'alpha'));
  assert.ok(has('wilde@casasdefamosos.zw', 'email'));
  assert.ok(has('reilly-pidgeon@interpretacion-diccionario-y-significado-de-los-s', 'email'), 'an address cut by a form keeps its shape');
  assert.ok(!has('wilde@', 'email') && !has('@casasdefamosos.zw', 'email') && !has('a b@c.d', 'email'));
  assert.ok(has('', 'numeric'), 'an empty field is not a change of type');
});

test('character classes name letters, digits and spaces, and keep punctuation as itself', () => {
  assert.deepEqual(charClasses('C/ Mayor 5ñ'), ['upper', '/', 'space', 'lower', 'digit', 'letter']);
});
