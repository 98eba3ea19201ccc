-- Which version of each payment-risk model the replicas serve. Switching writes here; every replica
-- follows it before scoring, so a switch needs no restart and all replicas agree.
CREATE TABLE ml_active_models (
  name text PRIMARY KEY,
  version text NOT NULL,
  switched_at timestamptz NOT NULL DEFAULT now()
);
