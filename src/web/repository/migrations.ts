/**
 * The web module's own tables (the spine — events, findings, clients — is the store's schema,
 * `store/duckdb/schema.ts`). Never edit a released migration: add the next one.
 */
export const WEB_MIGRATIONS: readonly string[] = [
  // 1: how far each post-ingest step got. A per-run step (site, behaviour) writes its row,
  // done, in the transaction that stores its results; a step over every client (clients,
  // origins, campaigns) writes its position (`position`, JSON) with each page it commits, so
  // a run killed in any step resumes there (web/pipeline/step-watermarks.ts). No key
  // constraint: rows are replaced by delete-then-insert inside the same transaction.
  // Runs that finished before this table existed count as done, so upgrading re-runs nothing.
  `
  CREATE TABLE web_step_watermarks (
    step VARCHAR NOT NULL,
    run_id INTEGER NOT NULL,
    position VARCHAR,
    done BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  INSERT INTO web_step_watermarks (step, run_id, position, done)
    SELECT s.step, r.run_id, NULL, true FROM runs r, (VALUES ('site'), ('behaviour')) s(step)
     WHERE r.finished_at IS NOT NULL;
  `,
];
