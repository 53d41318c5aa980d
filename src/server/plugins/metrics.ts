import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { PipelineCounters } from '../../core/index.js';
import { definePlugin } from '../plugin.js';

/** The pipeline's counters, as every vigie stage counts: received, emitted, dropped, errors. */
export interface PipelineMetrics {
  /** Log lines read (followed files and pushed batches). */
  received: Counter;
  /** Events stored (committed). */
  emitted: Counter;
  /** Lines that were not requests of the format (malformed), counted and kept as samples. */
  dropped: Counter;
  /** Files or batches that failed. */
  errors: Counter;
  /** Findings stored. */
  findings: Counter;
}

/** A registry of its own per server, so several servers (tests) never share counters. */
export function createMetrics(): { registry: Registry; pipeline: PipelineMetrics; stages: PipelineCounters } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigie_' });
  const counter = (name: string, help: string): Counter => new Counter({ name, help, registers: [registry] });
  const stages = new PipelineCounters();
  const byStage = (name: string, help: string): Counter => new Counter({ name, help, labelNames: ['stage'], registers: [registry] });
  const stage = {
    received: byStage('vigie_stage_received_total', 'Items a pipeline stage received (lines, events, clients...).'),
    emitted: byStage('vigie_stage_emitted_total', 'Items a pipeline stage emitted (events stored, findings, clients attributed, campaigns).'),
    dropped: byStage('vigie_stage_dropped_total', 'Items a pipeline stage dropped, counted (malformed lines...).'),
    errors: byStage('vigie_stage_errors_total', 'Failures of a pipeline stage.'),
    seconds: byStage('vigie_stage_seconds_total', 'Seconds a pipeline stage worked.'),
  };
  stages.onAdd((name, delta) => {
    for (const key of ['received', 'emitted', 'dropped', 'errors', 'seconds'] as const) {
      if (delta[key]) stage[key].inc({ stage: name }, delta[key]);
    }
  });
  return {
    registry,
    stages,
    pipeline: {
      received: counter('vigie_pipeline_received_total', 'Log lines received by the pipeline (followed files and pushed batches).'),
      emitted: counter('vigie_pipeline_emitted_total', 'Events committed to the store.'),
      dropped: counter('vigie_pipeline_dropped_total', 'Malformed lines, counted and not stored.'),
      errors: counter('vigie_pipeline_errors_total', 'Files or batches whose ingestion failed.'),
      findings: counter('vigie_pipeline_findings_total', 'Findings committed to the store.'),
    },
  };
}

/**
 * Prometheus metrics at /metrics (authenticated like the API): the pipeline counters, HTTP
 * requests by route pattern and status (never by URL, which may hold an address), durations.
 */
export const metricsPlugin = definePlugin('vigie-metrics', ['vigie-auth'], true, async (app) => {
  const { registry, store, pipeline } = app.vigie;
  const requests = new Counter({ name: 'vigie_http_requests_total', help: 'HTTP requests.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'vigie_http_request_duration_seconds', help: 'HTTP request durations.', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5], registers: [registry],
  });
  store.onCommit(({ events, findings }) => {
    pipeline.emitted.inc(events);
    pipeline.findings.inc(findings);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
});
