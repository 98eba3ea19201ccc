-- What the analysis of KPI models keeps besides insights: the latest forecast of each series, the latest
-- anomaly score of each series (for kpi_anomaly_score on every replica) and cross-model learnings.

-- One row per series, replaced by each analysis run of its model: the forecast is about the future from
-- the last run, older ones are not kept.
CREATE TABLE forecasts (
  series_id int PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  method text NOT NULL,
  level double precision NOT NULL,
  generated_at timestamptz NOT NULL,
  -- [{time, yhat, lower, upper}] daily, up to 90 days
  points jsonb NOT NULL,
  -- {value, projectedToMiss, missAt} when the KPI has a target
  target jsonb
);
CREATE INDEX forecasts_org_model ON forecasts (org_id, model);

CREATE TABLE anomaly_scores (
  series_id int PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  score double precision NOT NULL,
  scored_at timestamptz NOT NULL
);

-- A leader series of one model leading a follower series of another by lag_days. One row per pair: a
-- later run that confirms it (possibly at another lag) updates it; discovered_at stays.
CREATE TABLE learnings (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  leader_series_id int NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  follower_series_id int NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  leader_model text NOT NULL,
  follower_model text NOT NULL,
  lag_days int NOT NULL,
  correlation double precision NOT NULL,
  p_value double precision NOT NULL,
  n int NOT NULL,
  discovered_at timestamptz NOT NULL,
  last_confirmed_at timestamptz NOT NULL,
  UNIQUE (org_id, leader_series_id, follower_series_id)
);
CREATE INDEX learnings_org_leader_model ON learnings (org_id, leader_model);
CREATE INDEX learnings_org_follower_model ON learnings (org_id, follower_model);
