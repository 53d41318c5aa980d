import assert from 'node:assert/strict';
import test from 'node:test';
import { emptyEvent } from '../../core/index.js';
import { endpointPath, requestParams } from './request-parts.js';

test('endpoint paths generalise item ids and fold slashes, and keep file names', () => {
  assert.equal(endpointPath('/fr/elections/2025//resultats'), '/fr/elections/{id}/resultats');
  assert.equal(endpointPath('/api/v1/ballots/3f2b8c1e-1d2a-4c3b-9a8e-0f1e2d3c4b5a'), '/api/v1/ballots/{id}');
  assert.equal(endpointPath('/tienda1/imagenes/1.gif'), '/tienda1/imagenes/1.gif');
  assert.equal(endpointPath('/'), '/');
});

test('parameters come from the query, a form body and a JSON body, raw and decoded', () => {
  const form = requestParams({ ...emptyEvent(), query: 'id=3&nombre=Vino+Rioja', body: 'B1=A%F1adir+al+carrito' });
  assert.deepEqual(form.map((p) => [p.location, p.name, p.raw, p.value]), [
    ['query', 'id', '3', '3'], ['query', 'nombre', 'Vino+Rioja', 'Vino Rioja'], ['body', 'B1', 'A%F1adir+al+carrito', 'Añadir al carrito'],
  ]);
  const json = requestParams({ ...emptyEvent(), body: '{"riding":"35001","count":3,"tags":["a"]}' });
  assert.deepEqual(json.map((p) => [p.location, p.name, p.value]), [['body', 'riding', '35001'], ['body', 'count', '3'], ['body', 'tags', '["a"]']]);
});
