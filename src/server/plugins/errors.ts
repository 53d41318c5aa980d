import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isVigieError, type VigieErrorCode } from '../../core/index.js';
import { definePlugin } from '../plugin.js';

/** The one error shape of the API: `{"error": {"code", "message"}}`. */
export function errorBody(code: VigieErrorCode | string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/**
 * Every error becomes one JSON line a client can act on: validation failures name the field
 * and what is wrong (400), oversized bodies 413, coded VigieErrors their status; anything else
 * is a 500 whose detail goes to the log, not to the client.
 */
export const errorsPlugin = definePlugin('vigie-errors', [], true, async (app) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const detail = err.validation.slice(0, 5).map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return `${where}${field ? `.${field}` : ''}: ${v.message}`;
      });
      return reply.code(400).send(errorBody('VIGIE_ERR_HTTP_INVALID', `invalid request: ${detail.join('; ')}`));
    }
    if (isVigieError(err)) return reply.code(err.httpStatus).send(errorBody(err.code, err.message));
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('VIGIE_ERR_HTTP_TOO_LARGE', `request body too large (limit ${request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit} bytes); send smaller batches`));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(err.code ?? 'VIGIE_ERR_HTTP_INVALID', err.message.split('\n')[0]!));
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('VIGIE_ERR_INTERNAL', 'internal error; the server log has the detail'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('VIGIE_ERR_HTTP_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
});
