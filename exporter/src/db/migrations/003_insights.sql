-- Insights raised by the analysis of KPI models, and the analysis runs themselves.

-- condition_key names an ongoing condition (e.g. "anomaly:<series id>:up"); at most one insight per key is
-- unresolved at a time, so a run (or a replica) can only update it, never raise it twice.
CREATE TABLE insights (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  series_id int NOT NULL,
  type text NOT NULL,
  severity text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'updated', 'resolved')),
  condition_key text NOT NULL,
  title text NOT NULL,
  message text NOT NULL,
  evidence jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- the same condition found again by a later run (or another replica) is the same row
  UNIQUE (org_id, condition_key, started_at)
);
CREATE UNIQUE INDEX insights_one_open ON insights (org_id, condition_key) WHERE status <> 'resolved';
CREATE INDEX insights_org_model ON insights (org_id, model, started_at);

-- slot: the schedule slot of a scheduled run (null for on-demand runs): unique, so replicas on one
-- database run each scheduled analysis once.
CREATE TABLE analysis_runs (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  slot bigint,
  status text NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  series_analysed int NOT NULL DEFAULT 0,
  error text,
  UNIQUE (org_id, model, slot)
);
CREATE INDEX analysis_runs_org_model ON analysis_runs (org_id, model, started_at);
