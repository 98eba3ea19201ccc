-- Recommendations raised from insights and learnings, their quality gate (audit) and their lifecycle.

-- kind + target name an action; at most one of them is open (pending, accepted or snoozed) per
-- organization at a time, so a later analysis (or another replica) updates it instead of raising it twice.
CREATE TABLE recommendations (
  id serial PRIMARY KEY,
  org_id int NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model text NOT NULL,
  kind text NOT NULL,
  target text NOT NULL,
  related_targets text[] NOT NULL DEFAULT '{}',
  -- the figures the texts are rendered from (any language)
  params jsonb NOT NULL,
  action text NOT NULL,
  rationale text NOT NULL,
  expected_impact text NOT NULL,
  priority text NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
  base_score double precision NOT NULL,
  score double precision NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'accepted', 'dismissed', 'snoozed', 'done')),
  audit_score int NOT NULL,
  findings jsonb NOT NULL DEFAULT '[]',
  -- passed the gate: no error finding and an audit score of at least 80
  visible boolean NOT NULL,
  insight_ids int[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  status_changed_by text,
  status_changed_at timestamptz,
  dismiss_reason text,
  snoozed_until timestamptz,
  CHECK (status <> 'dismissed' OR dismiss_reason IS NOT NULL),
  CHECK (status <> 'snoozed' OR snoozed_until IS NOT NULL)
);
CREATE UNIQUE INDEX recommendations_one_open ON recommendations (org_id, kind, target)
  WHERE status IN ('pending', 'accepted', 'snoozed');
CREATE INDEX recommendations_org_created ON recommendations (org_id, created_at);
