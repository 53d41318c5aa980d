import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

/**
 * Name a plugin and the plugins it needs, as `fastify-plugin` does: Fastify checks the
 * dependencies at boot, so a plugin registered out of order fails loudly instead of running
 * without, say, authentication. `shared` plugins decorate the parent instance (auth, metrics);
 * route plugins stay encapsulated.
 *
 * @example
 * export const metricsPlugin = definePlugin('vigie-metrics', [], true, async (app) => { ... });
 */
export function definePlugin<O extends Record<string, unknown> = Record<string, unknown>>(
  name: string,
  dependencies: string[],
  shared: boolean,
  fn: (app: FastifyInstance, options: O) => Promise<void>,
): FastifyPluginAsync<O> {
  const plugin = fn as FastifyPluginAsync<O> & Record<symbol, unknown>;
  plugin[Symbol.for('plugin-meta')] = { name, dependencies, fastify: '5.x' };
  plugin[Symbol.for('fastify.display-name')] = name;
  if (shared) plugin[Symbol.for('skip-override')] = true;
  return plugin;
}
