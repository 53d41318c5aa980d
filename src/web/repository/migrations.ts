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
  // 2: site-level findings (web/distributed): a sustained excess over the site's own baseline
  // (credential stuffing, distributed scan or flood), with its figures, the baseline it left
  // and the addresses that make it up. Recomputed over everything stored after each analysis.
  `
  CREATE TABLE site_findings (
    finding_id VARCHAR PRIMARY KEY,
    run_id INTEGER NOT NULL,
    class VARCHAR NOT NULL,
    endpoint VARCHAR NOT NULL,
    window_start TIMESTAMP NOT NULL,
    window_end TIMESTAMP NOT NULL,
    severity TINYINT NOT NULL,
    reason JSON NOT NULL,
    figures JSON NOT NULL,
    clients VARCHAR[] NOT NULL
  );
  `,
  // 3: each campaign's operator estimate (web/campaigns/operator): estimate, countries,
  // confidence, reasons in EN and FR and the evidence as codes with parameters, as one JSON
  // value (the `operator` field of `web analyze --json`). Null for campaigns found before.
  `
  ALTER TABLE campaigns ADD COLUMN operator JSON;
  `,
];
