-- Core data model: tenants, API keys, KPI series and points, rollups, raw business events.

CREATE TABLE organizations (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Keys are "kl_<key_id>_<secret>": key_id finds the row, only a SHA-256 of the 256-bit secret is stored.
CREATE TABLE api_keys (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  key_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- One row per (model, metric, dimension set); series_key is the canonical form of all three.
CREATE TABLE series (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  metric text NOT NULL,
  dimensions jsonb NOT NULL DEFAULT '{}',
  series_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_ts timestamptz,
  last_value double precision,
  UNIQUE (org_id, series_key)
);
CREATE INDEX series_org_model_metric ON series (org_id, model, metric);
CREATE INDEX series_dimensions ON series USING gin (dimensions jsonb_path_ops);

-- Raw points; no foreign key to series on purpose (checked on the write path, costs a lookup per row).
CREATE TABLE points (
  series_id int NOT NULL,
  ts timestamptz NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (series_id, ts)
);

-- Time-bucketed aggregates (resolution in seconds: 60, 3600, 86400), recomputed from raw data so that
-- re-sent or corrected points never double count.
CREATE TABLE rollups (
  series_id int NOT NULL,
  resolution int NOT NULL,
  bucket timestamptz NOT NULL,
  count int NOT NULL,
  sum double precision NOT NULL,
  min double precision NOT NULL,
  max double precision NOT NULL,
  last double precision NOT NULL,
  last_ts timestamptz NOT NULL,
  PRIMARY KEY (series_id, resolution, bucket)
);

-- Time ranges written since the last rollup pass, committed with the points (durable, replica-safe).
CREATE TABLE rollup_queue (
  id bigserial PRIMARY KEY,
  series_id int NOT NULL,
  from_ts timestamptz NOT NULL,
  to_ts timestamptz NOT NULL
);
CREATE INDEX rollup_queue_series ON rollup_queue (series_id);

-- Raw business events; (org, type, id) makes re-sending an event a no-op.
CREATE TABLE events (
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type text NOT NULL,
  id text NOT NULL,
  ts timestamptz NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, type, id)
);
CREATE INDEX events_org_type_ts ON events (org_id, type, ts);
-- Signup completions find their start by user.
CREATE INDEX events_signup_user ON events (org_id, type, (payload ->> 'userId'))
  WHERE type IN ('signup_started', 'signup_completed');
